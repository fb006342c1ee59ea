/**
 * How a simulated job moves: every job has three stages (steps, tasks, desktops, as each service
 * calls them). Poll k of a job with `polls` running polls sees floor(3·(k-1)/polls) stages done;
 * the poll after the last running one sees the outcome: every stage done, or the stage that was
 * executing failed. Times are the mock's clock at the poll that saw each stage end.
 */
import type { Job } from './store.js';

export const STAGES = 3;

export interface Snapshot {
  state: 'running' | 'succeeded' | 'failed';
  /** Stages finished successfully. */
  done: number;
  /** The stage executing (running), or the one that failed; STAGES when all are done. */
  current: number;
  /** When stage i started. */
  startOf(i: number): number;
  /** When stage i ended, if it has. */
  endOf(i: number): number | undefined;
  /** When the job ended, if it has. */
  endedAt: number | undefined;
  /** The clock of this poll. */
  now: number;
}

const doneAt = (poll: number, polls: number) => Math.min(STAGES - 1, Math.floor((STAGES * (poll - 1)) / polls));

/** Counts one poll of the job (a poll after its end changes nothing) and tells where it stands. */
export function poll(job: Job, now: number): Snapshot {
  if (job.seen <= job.polls) job.seen++;
  const running = job.seen <= job.polls;
  const failing = !running && job.outcome === 'fail';
  const done = running ? doneAt(job.seen, job.polls) : failing ? (job.polls === 0 ? 0 : doneAt(job.polls, job.polls)) : STAGES;
  const ends = failing ? done + 1 : done;
  while (job.stageEnds.length < ends) job.stageEnds.push(now);
  const { stageEnds, startedAt } = job;
  return {
    state: running ? 'running' : failing ? 'failed' : 'succeeded',
    done,
    current: done,
    startOf: (i) => (i === 0 ? startedAt : (stageEnds[i - 1] ?? now)),
    endOf: (i) => stageEnds[i],
    endedAt: running ? undefined : stageEnds.at(-1),
    now,
  };
}

/** An ISO 8601 time without milliseconds, as the provider writes them: `2026-11-22T13:00:00Z`. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The failure's text where a service has one field for it: `<code>: <message>`, or the message alone. */
export function reason(job: Job, fallback: string): string {
  const message = job.message ?? fallback;
  return job.code === undefined ? message : `${job.code}: ${message}`;
}
