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
  /** Random hex, for the IDs of the job's tasks and sub-jobs (stable from poll to poll). */
  token: string;
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

export class JobStore {
  readonly #jobs: BoundedMap<string, Job>;
  /** CSE job IDs count up from a random start, so two runs of the mock rarely share one. */
  #nextEngineJob = randomInt(100_000, 1_000_000_000);
  #nextToken = randomInt(0, 2 ** 30);

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
   * Random hex for a new job's task IDs: a counter from a random start, so that no two jobs of this
   * mock share one (a UUID per job cost more than the rest of starting it).
   */
  freshToken(): string {
    // Kept below 2^30, a small integer for V8: a larger number's toString(16) costs four times as much.
    this.#nextToken = (this.#nextToken + 1) & 0x3fffffff;
    return this.#nextToken.toString(16).padStart(8, '0');
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
