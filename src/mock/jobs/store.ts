/** The jobs the mock has started: in memory, bounded, the oldest forgotten first, gone when it stops. */
import { randomInt, randomUUID } from 'node:crypto';
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
  stageEnds: readonly number[];
  /** The status body last shown (frozen), and what it showed: state, stages done, the clock's second if the kind shows it (simulation.ts). */
  shown?: { state: string; done: number; second: number; body: Record<string, unknown> } | undefined;
}

/** The detail of a job whose action asks for nothing more: one object for all of them. */
export const NO_DETAIL: Job['detail'] = Object.freeze({});

/**
 * The stage ends of a job no poll has seen end a stage: one list for all of them. Thousands of jobs
 * are kept and most are never polled; poll() replaces a job's list when a stage ends (at most once
 * per stage), so no list is ever changed in place.
 */
export const NO_STAGE_ENDS: Job['stageEnds'] = Object.freeze([]);

/**
 * The jobs in a ring: job number n sits at n % limit until job n + limit takes its place, and its ID
 * carries n (a CSE ID is a number; the others end in it, as twelve hex digits), so finding a job is
 * one read, not a lookup in a table of thousands that changes with every job.
 */
export class JobStore {
  readonly #ring: (Job | undefined)[] = [];
  #size = 0;
  /** Job numbers count up from a random start, so two runs of the mock rarely share an ID. */
  #next = randomInt(100_000, 1_000_000_000);

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`JobStore: limit must be a whole number ≥ 1, not ${limit}`);
  }

  /** A fresh ID of the shape the service uses (see the examples), carrying a new job number. */
  freshId(kind: JobKind): string {
    const n = this.#next++;
    if (kind === 'ShowEngineJob') return String(n); // 18638
    // randomUUID draws from a cached pool (randomBytes costs ~5 µs a call); its last twelve digits become the number's.
    const uuid = `${randomUUID().slice(0, 24)}${hex12(n)}`;
    if (kind === 'ShowJob') return uuid; // 0e2dae94-23ff-449a-bb9c-1b808cf2106d
    if (kind === 'ShowJobDetail') return `JOB${uuid}`; // JOB66761060-f209-407c-a093-4df6f531b9dc
    return uuid.replace(/-/g, ''); // 0000000059071dbc01591661d3990019
  }

  /** Keeps a job whose ID came from freshId, in the place of the job `limit` numbers older. */
  add(job: Job): void {
    const slot = this.#slot(job.kind, job.id);
    if (slot === undefined) throw new RangeError(`JobStore: ${job.id} is not an ID this store gave`);
    if (this.#ring[slot] === undefined) this.#size++;
    this.#ring[slot] = job;
  }

  /** The job of this kind and ID, while it is kept. */
  get(kind: JobKind, id: string): Job | undefined {
    const slot = this.#slot(kind, id);
    const job = slot === undefined ? undefined : this.#ring[slot];
    return job !== undefined && job.id === id && job.kind === kind ? job : undefined;
  }

  get size(): number {
    return this.#size;
  }

  /** Where the job numbered by this ID sits; undefined for what no fresh ID looks like. */
  #slot(kind: JobKind, id: string): number | undefined {
    const n = kind === 'ShowEngineJob' ? (/^[0-9]{1,15}$/.test(id) ? Number(id) : Number.NaN) : parseHex12(id.slice(-12));
    return Number.isSafeInteger(n) && n >= 0 ? n % this.limit : undefined;
  }
}

/** n (below 2^48) as twelve hex digits, in two halves that each stay a small integer for V8. */
function hex12(n: number): string {
  return Math.floor(n / 0x1000000).toString(16).padStart(6, '0') + (n % 0x1000000).toString(16).padStart(6, '0');
}

function parseHex12(digits: string): number {
  return /^[0-9a-f]{12}$/.test(digits) ? Number.parseInt(digits, 16) : Number.NaN;
}

/**
 * Eight hex digits for the IDs of a job's tasks and sub-jobs, from its own ID (the same at every
 * poll, different for every job): a CSE job's number in hex, else the first eight of its UUID.
 */
export function tokenOf(job: Job): string {
  return job.kind === 'ShowEngineJob' ? Number(job.id).toString(16).padStart(8, '0') : job.id.replace(/^JOB/, '').slice(0, 8);
}
