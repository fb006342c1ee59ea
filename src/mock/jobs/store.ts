/**
 * The jobs the mock has started: in memory, at most `limit` and at most `maxBytes` of them (by
 * `bytesOf`), the oldest forgotten first, gone when it stops.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Outcome } from '../options.js';

/** The four kinds of job, named after the status operation that follows each. */
export type JobKind = 'ShowEngineJob' | 'ShowJob' | 'ListScriptTasks' | 'ShowJobDetail';

/** A started job: what its action asked for, and how far the polls have taken it. */
export interface Job {
  kind: JobKind;
  /** The ID as the status operation takes it (a CSE job's decimal digits). */
  id: string;
  /** The action that started it. */
  action: string;
  projectId: string;
  /** CSE: the engine; ServiceStage: the component instance. */
  resourceId: string | undefined;
  /** What the action asked for: CSE the engine's name and the upgrade's version; ServiceStage the action and its parameters. */
  detail: Detail;
  /** Polls answered "running" before the outcome. */
  polls: number;
  outcome: Outcome;
  code: string | undefined;
  message: string | undefined;
  startedAt: number;
  /** Polls answered so far. */
  seen: number;
  /** When each stage ended (by the clock of the poll that saw it end); the last entry is the job's end. */
  stageEnds: number[];
}

export interface Detail {
  engineName?: string | undefined;
  version?: string | undefined;
  instanceAction?: string;
  replica?: number;
}

/**
 * What the kept jobs may take: 64 MiB by `bytesOf`, so about 100,000 jobs (fewer with long
 * `X-Mock-Job` messages) whatever `limit` allows.
 */
export const MAX_BYTES = 64 * 1024 * 1024;

/**
 * What a kept job costs, an upper bound: a job with short fields measured 548 bytes of heap, its
 * object, its stage ends, its key and its place in the store's Map, in the order kept (Node 20,
 * 3,000 jobs); each character of its own strings (the request's IDs, version, code and message,
 * all bounded by the schemas and by `X-Mock-Job`'s limits) is counted as two bytes. A job with
 * every field at its longest measured 1,899 bytes and is counted as about 3,000.
 */
export function bytesOf(job: Job): number {
  const own = [job.id, job.projectId, job.resourceId, job.code, job.message, job.detail.version];
  return 600 + 2 * own.reduce((sum, text) => sum + (text?.length ?? 0), 0);
}

export class JobStore {
  /** By kind and ID: a job is found only by the status operation of its own kind. Its order is the order jobs were kept. */
  readonly #jobs = new Map<string, Job>();
  #bytes = 0;
  /** CSE job IDs count up from a random start, so two runs of the mock rarely share one. */
  #next = randomInt(100_000, 1_000_000_000);

  constructor(
    readonly limit: number,
    readonly maxBytes = MAX_BYTES,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`JobStore: limit must be a whole number ≥ 1, not ${limit}`);
  }

  /** A fresh ID of the shape the service uses (see the examples). */
  freshId(kind: JobKind): string {
    if (kind === 'ShowEngineJob') return String(this.#next++); // 18638
    const uuid = randomUUID();
    if (kind === 'ShowJob') return uuid; // 0e2dae94-23ff-449a-bb9c-1b808cf2106d
    if (kind === 'ShowJobDetail') return `JOB${uuid}`; // JOB66761060-f209-407c-a093-4df6f531b9dc
    return uuid.replace(/-/g, ''); // 0000000059071dbc01591661d3990019
  }

  /** Keeps the job; beyond either bound, the oldest are forgotten. */
  add(job: Job): void {
    this.#jobs.set(`${job.kind} ${job.id}`, job);
    this.#bytes += bytesOf(job);
    for (const [key, oldest] of this.#jobs) {
      if (this.#jobs.size <= this.limit && this.#bytes <= this.maxBytes) break;
      this.#jobs.delete(key);
      this.#bytes -= bytesOf(oldest);
    }
  }

  /** The job of this kind and ID, while it is kept. */
  get(kind: JobKind, id: string): Job | undefined {
    return this.#jobs.get(`${kind} ${id}`);
  }

  get size(): number {
    return this.#jobs.size;
  }

  /** The kept jobs' cost by `bytesOf`. */
  get bytes(): number {
    return this.#bytes;
  }
}

/**
 * Eight hex digits for the IDs of a job's tasks and sub-jobs, from its own ID (the same at every
 * poll, different for every job): a CSE job's number in hex, else the first eight of its UUID.
 */
export function tokenOf(job: Job): string {
  return job.kind === 'ShowEngineJob' ? Number(job.id).toString(16).padStart(8, '0') : job.id.replace(/^JOB/, '').slice(0, 8);
}
