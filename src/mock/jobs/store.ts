/** The jobs the mock has started: in memory, bounded, the oldest forgotten first, gone when it stops. */
import { randomInt, randomUUID } from 'node:crypto';
import { BoundedMap } from '../bounded-map.js';
import type { Outcome } from './control.js';

/** The four kinds of job, named after the status operation that follows each. */
export type JobKind = 'ShowEngineJob' | 'ShowJob' | 'ListScriptTasks' | 'ShowJobDetail';

export interface Job {
  kind: JobKind;
  /** The ID as the status operation takes it (a CSE job's decimal digits). */
  id: string;
  /** The action that started it. */
  action: string;
  projectId: string;
  /** CSE: the engine; ServiceStage: the component instance. */
  resourceId?: string;
  /** What the action asked for: CSE the engine's name and the upgrade's version; ServiceStage the action and its parameters. */
  detail: { engineName?: string; version?: string; instanceAction?: string; replica?: number };
  /** Polls answered "running" before the outcome. */
  polls: number;
  outcome: Outcome;
  code?: string;
  message?: string;
  startedAt: number;
  /** Polls answered so far. */
  seen: number;
  /** When each stage ended (by the clock of the poll that saw it end); the last entry is the job's end. */
  stageEnds: number[];
  /** The status body last shown (frozen), and what it showed: state, stages done, the clock's second if the kind shows it (simulation.ts). */
  shown?: { state: string; done: number; second: number; body: Record<string, unknown> } | undefined;
}

/** The detail of a job whose action asks for nothing more: one object for all of them. */
export const NO_DETAIL: Job['detail'] = Object.freeze({});

export class JobStore {
  readonly #jobs: BoundedMap<string, Job>;
  readonly #strings = new BoundedMap<string, string>(1_000);
  /** CSE job IDs count up from a random start, so two runs of the mock rarely share one. */
  #nextEngineJob = randomInt(100_000, 1_000_000_000);

  constructor(readonly limit: number) {
    this.#jobs = new BoundedMap(limit);
  }

  /** A fresh ID of the shape the service uses (see the examples). */
  freshId(kind: JobKind): string {
    switch (kind) {
      case 'ShowEngineJob':
        return String(this.#nextEngineJob++);
      case 'ListScriptTasks':
        return randomUUID().replace(/-/g, ''); // 0000000059071dbc01591661d3990019 (randomUUID draws from a cached pool: randomBytes costs ~5 µs a call)
      case 'ShowJob':
        return randomUUID(); // 0e2dae94-23ff-449a-bb9c-1b808cf2106d
      case 'ShowJobDetail':
        return `JOB${randomUUID()}`; // JOB66761060-f209-407c-a093-4df6f531b9dc
    }
  }

  /**
   * `value` itself, or an equal string kept earlier: a job's project and resource IDs are slices of
   * its request's path, and keeping the slice keeps the whole path; thousands of jobs of a few
   * projects then hold one copy each.
   */
  shared(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }

  /** Keyed by the ID alone: the four kinds' IDs never look alike (digits; 32 hex; a UUID; `JOB` and a UUID). */
  add(job: Job): void {
    this.#jobs.set(job.id, job);
  }

  get(kind: JobKind, id: string): Job | undefined {
    const job = this.#jobs.get(id);
    return job?.kind === kind ? job : undefined;
  }

  get size(): number {
    return this.#jobs.size;
  }
}

/**
 * Eight hex digits for the IDs of a job's tasks and sub-jobs, from its own ID (the same at every
 * poll, different for every job): a CSE job's number in hex, else the first eight of its UUID.
 */
export function tokenOf(job: Job): string {
  return job.kind === 'ShowEngineJob' ? Number(job.id).toString(16).padStart(8, '0') : job.id.replace(/^JOB/, '').slice(0, 8).toLowerCase();
}
