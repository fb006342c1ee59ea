/** The jobs the mock has started: in memory, bounded, the oldest forgotten first, gone when it stops. */
import { randomInt, randomUUID } from 'node:crypto';
import type { Outcome } from './control.js';
import { counterDigits } from './digits.js';

/** The four kinds of job, named after the status operation that follows each. */
export type JobKind = 'ShowEngineJob' | 'ShowJob' | 'ListScriptTasks' | 'ShowJobDetail';

/** What an action asked for: a test suite repeats one request, and the jobs it starts share one order. */
export interface JobOrder {
  kind: JobKind;
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
}

export interface Detail {
  engineName?: string | undefined;
  version?: string | undefined;
  instanceAction?: string;
  replica?: number;
}

/** A job as its status operations see it: made at its first poll, then kept with it. */
export interface Job extends Readonly<JobOrder> {
  /** The ID as the status operation takes it (a CSE job's decimal digits). */
  readonly id: string;
  readonly startedAt: number;
  /** Polls answered so far. */
  seen: number;
  /** When each stage ended (by the clock of the poll that saw it end); the last entry is the job's end. */
  stageEnds: readonly number[];
  /** The status body last shown (frozen), and what it showed: state, stages done, the clock's second if the kind shows it (simulation.ts). */
  shown: { state: string; done: number; second: number; body: Record<string, unknown> } | undefined;
}

/** The detail of a job whose action asks for nothing more: one object for all of them. */
export const NO_DETAIL: Detail = Object.freeze({});

/** The stage ends of a job no poll has seen end a stage; poll() gives the job a new list when one ends. */
const NO_STAGE_ENDS: Job['stageEnds'] = Object.freeze([]);

/**
 * The jobs in a ring of columns: job number n sits at slot (n - first) % limit until job n + limit
 * takes its place, and its ID carries n (a CSE ID is the number; the others end in it, as twelve hex
 * digits), so finding a job is one read. Thousands of jobs are kept and most are never polled: a
 * kept job is two numbers in typed arrays and a reference to its (shared) order, not an object the
 * garbage collector copies and promotes; its `Job` is made when a poll first asks for it.
 */
export class JobStore {
  /** Job numbers count up from a random start, so two runs of the mock rarely share an ID. */
  readonly #first = randomInt(100_000, 1_000_000_000);
  #next = this.#first;
  /** The ID freshId gave last: the simulation keeps each job right after taking its ID, so add() need not read it. */
  #given: string | undefined;
  #givenKind: JobKind | undefined;
  #asked: string | undefined;
  #askedKind: JobKind | undefined;
  #askedNumber: number | undefined;
  readonly #decimal = counterDigits(10);
  readonly #hex = counterDigits(16, 12);
  #numbers = new Float64Array(0);
  #startedAt = new Float64Array(0);
  readonly #orders: (JobOrder | undefined)[] = [];
  /** The IDs of the kinds whose ID has a random part (a CSE ID is its number). */
  readonly #ids: (string | undefined)[] = [];
  /** The jobs a poll has asked for. */
  readonly #followed: (Job | undefined)[] = [];
  #last: JobOrder | undefined;
  #size = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`JobStore: limit must be a whole number ≥ 1, not ${limit}`);
  }

  /** A fresh ID of the shape the service uses (see the examples), carrying a new job number. */
  freshId(kind: JobKind): string {
    const n = this.#next++;
    this.#givenKind = kind;
    if (kind === 'ShowEngineJob') return (this.#given = this.#decimal(n)); // 18638
    // randomUUID draws from a cached pool (randomBytes costs ~5 µs a call); its last twelve digits become the number's.
    const uuid = `${randomUUID().slice(0, 24)}${this.#hex(n)}`;
    if (kind === 'ShowJob') this.#given = uuid; // 0e2dae94-23ff-449a-bb9c-1b808cf2106d
    else if (kind === 'ShowJobDetail') this.#given = `JOB${uuid}`; // JOB66761060-f209-407c-a093-4df6f531b9dc
    else this.#given = uuid.replace(/-/g, ''); // 0000000059071dbc01591661d3990019
    return this.#given;
  }

  /** Keeps the job of an ID from freshId, in the place of the job `limit` numbers older. */
  add(order: JobOrder, id: string, startedAt: number): void {
    const n = id === this.#given && order.kind === this.#givenKind ? this.#next - 1 : this.#number(order.kind, id);
    if (n === undefined || n >= this.#next) throw new RangeError(`JobStore: ${id} is not an ID this store gave`);
    const slot = (n - this.#first) % this.limit;
    if (slot >= this.#numbers.length) this.#grow(slot);
    // The first round fills the slots in order: the lists grow at their ends and stay packed.
    while (this.#orders.length <= slot) this.#orders.push(undefined), this.#ids.push(undefined), this.#followed.push(undefined);
    if (this.#orders[slot] === undefined) this.#size++;
    this.#orders[slot] = this.#shared(order);
    this.#ids[slot] = order.kind === 'ShowEngineJob' ? undefined : id;
    this.#followed[slot] = undefined;
    this.#numbers[slot] = n;
    this.#startedAt[slot] = startedAt;
  }

  /** The job of this kind and ID, while it is kept. */
  get(kind: JobKind, id: string): Job | undefined {
    // A client polls one job again and again: the number of the ID asked for last is not read again.
    const n = id === this.#asked && kind === this.#askedKind ? this.#askedNumber : this.#number(kind, id);
    this.#asked = id;
    this.#askedKind = kind;
    this.#askedNumber = n;
    if (n === undefined || n >= this.#next) return undefined;
    const slot = (n - this.#first) % this.limit;
    const order = this.#orders[slot];
    if (order === undefined || order.kind !== kind || this.#numbers[slot] !== n || (kind !== 'ShowEngineJob' && this.#ids[slot] !== id)) return undefined;
    let job = this.#followed[slot];
    if (job === undefined) {
      const { action, projectId, resourceId, detail, polls, outcome, code, message } = order;
      job = { kind, id, action, projectId, resourceId, detail, polls, outcome, code, message, startedAt: this.#startedAt[slot]!, seen: 0, stageEnds: NO_STAGE_ENDS, shown: undefined };
      this.#followed[slot] = job;
    }
    return job;
  }

  get size(): number {
    return this.#size;
  }

  /** The job number an ID carries; undefined for what no fresh ID looks like (a CSE ID with a leading zero, say). */
  #number(kind: JobKind, id: string): number | undefined {
    const n = kind === 'ShowEngineJob' ? (/^[1-9][0-9]{0,14}$/.test(id) ? Number(id) : Number.NaN) : parseHex12(id.slice(-12));
    return Number.isSafeInteger(n) && n >= this.#first ? n : undefined;
  }

  /** The order the job before asked for when this one is the same (compared field by field), so kept jobs share it. */
  #shared(order: JobOrder): JobOrder {
    const last = this.#last;
    if (last && sameOrder(last, order)) return last;
    this.#last = keptOrder(order);
    return this.#last;
  }

  /** Room for the slot in the typed columns: doubled up to the limit, so a small test suite's mock stays small. */
  #grow(slot: number): void {
    const size = Math.min(this.limit, Math.max(slot + 1, 1_024, this.#numbers.length * 2));
    const numbers = new Float64Array(size);
    const startedAt = new Float64Array(size);
    numbers.set(this.#numbers);
    startedAt.set(this.#startedAt);
    this.#numbers = numbers;
    this.#startedAt = startedAt;
  }
}

/**
 * A frozen copy of an order, every field written out. Not `{ ...order }`: with a frozen spread copy
 * (V8 builds it from the request's order's hidden class) V8 threw away the step's optimised code
 * each time requests switched from one order to another (`--trace-deopt`: `sameOrder`, wrong map).
 */
function keptOrder(order: JobOrder): JobOrder {
  const { detail } = order;
  return Object.freeze({
    kind: order.kind,
    action: order.action,
    projectId: order.projectId,
    resourceId: order.resourceId,
    detail: Object.freeze({ engineName: detail.engineName, version: detail.version, instanceAction: detail.instanceAction, replica: detail.replica }),
    polls: order.polls,
    outcome: order.outcome,
    code: order.code,
    message: order.message,
  });
}

function sameOrder(a: JobOrder, b: JobOrder): boolean {
  return (
    a.kind === b.kind && a.action === b.action && a.projectId === b.projectId && a.resourceId === b.resourceId &&
    a.polls === b.polls && a.outcome === b.outcome && a.code === b.code && a.message === b.message &&
    a.detail.engineName === b.detail.engineName && a.detail.version === b.detail.version &&
    a.detail.instanceAction === b.detail.instanceAction && a.detail.replica === b.detail.replica
  );
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
