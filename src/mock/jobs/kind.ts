/** What the simulation needs to know about each kind of job: how an action starts it, how its status reads. */
import type { Operation } from '../prism/library.js';
import type { Snapshot } from './progress.js';
import type { Job, JobKind } from './store.js';

export type Json = Record<string, any>; // bodies built from the documented examples; a test validates them against the schemas

export interface Started {
  /** The action's answer with the job's fresh ID. */
  answer: Json;
  resourceId?: string;
  detail: Job['detail'];
}

export interface Kind {
  kind: JobKind;
  /** The action's documented answer (`answer`), made the answer of this job (`id`). */
  start(answer: Json, id: string, path: Record<string, string>, body: Json): Started;
  /** The status operation's 200 body for the job as it stands at this poll. */
  status(job: Job, at: Snapshot, operation: Operation): Json;
}

/** One of `values` by the snapshot's state. */
export const byState = <T>(at: Snapshot, values: { running: T; succeeded: T; failed: T }): T => values[at.state];
