/**
 * `waitForJob`: polls a job's status operation until the job ends. The status operations are GETs,
 * so a lost answer is simply asked again: 429, 502, 503, 504, network errors and per-request
 * timeouts are retried (honouring `Retry-After`), up to `retries` in a row.
 */
import { optionalDelay, shown } from './check.js';
import { deadline } from './deadline.js';
import { ApiError, NetworkError, TimeoutError } from './errors.js';
import { JobFailedError, JobTimeoutError } from './job-errors.js';
import type { AnyJobHandle, JobStatus } from './job.js';
import type { Redact } from './redact.js';
import { RETRIED_STATUSES, sleep } from './retry.js';

export interface WaitOptions<Body = unknown> {
  /** Aborts the wait (and the request in flight); it then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Gives up after this many ms in all (1 to 2^31-1), with a JobTimeoutError (a TimeoutError). None by default. */
  timeout?: number | undefined;
  /**
   * Time between polls in ms (each 1 to 2^31-1). A number polls at that pace; `{ initial, max }`
   * starts at `initial` and grows 1.5x per poll up to `max`. Default `{ initial: 2000, max: 30000 }`.
   * Every wait is jittered by ±20% so that many waiting clients do not poll in step, and is at most
   * 2^31-1 ms, jitter included.
   */
  interval?: number | { initial?: number | undefined; max?: number | undefined } | undefined;
  /** Transient failures (429, 502, 503, 504, network errors, timeouts) retried in a row. Default 5; 0 retries none. */
  retries?: number | undefined;
  /** Called with the first status, and again whenever the status or the progress changes. */
  onProgress?: ((status: JobStatus<Body>) => void) | undefined;
}

export const WAIT_DEFAULTS = { initial: 2_000, max: 30_000, factor: 1.5, jitter: 0.2, retries: 5 } as const;
/** Longest `Retry-After` obeyed as given; a longer one (or an absurd one) waits this long instead. A shorter one than the interval waits the interval. */
export const RETRY_AFTER_CAP = 600_000;

export interface Poller<Body> {
  /** The status operation's name, for errors. */
  operation: string;
  /** One `getJob` call: no automatic retries of its own (this loop retries), ended by `signal`. */
  poll(signal: AbortSignal): Promise<JobStatus<Body>>;
  redact: Redact;
  random?: () => number;
}

interface Pace {
  initial: number;
  max: number;
  retries: number;
}

function paceOf(options: WaitOptions<never>, fn: string): Pace {
  const { interval, retries = WAIT_DEFAULTS.retries } = options;
  if (!Number.isInteger(retries) || retries < 0) throw new TypeError(`${fn}: retries must be a non-negative integer (got ${shown(retries)})`);
  if (typeof interval === 'number' || interval === undefined) {
    const fixed = optionalDelay(interval, `${fn}: interval`);
    return { initial: fixed ?? WAIT_DEFAULTS.initial, max: fixed ?? WAIT_DEFAULTS.max, retries };
  }
  if (typeof interval !== 'object' || interval === null) throw new TypeError(`${fn}: interval must be a number or { initial?, max? }`);
  const initial = optionalDelay(interval.initial, `${fn}: interval.initial`) ?? WAIT_DEFAULTS.initial;
  const max = optionalDelay(interval.max, `${fn}: interval.max`) ?? Math.max(initial, WAIT_DEFAULTS.max);
  if (max < initial) throw new TypeError(`${fn}: interval.max must not be below interval.initial`);
  return { initial, max, retries };
}

const transient = (error: unknown): boolean =>
  (error instanceof ApiError && RETRIED_STATUSES.has(error.status)) || error instanceof NetworkError || error instanceof TimeoutError;

/** Polls until the job succeeds (resolves with its last status) or fails, times out or is aborted (rejects). */
export async function waitForJob<Body>(job: AnyJobHandle, options: WaitOptions<Body>, poller: Poller<Body>, fn: string): Promise<JobStatus<Body>> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${fn}: options must be an object`);
  const pace = paceOf(options as WaitOptions<never>, fn);
  const timeout = optionalDelay(options.timeout, `${fn}: timeout`);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError(`${fn}: onProgress must be a function`);
  const random = poller.random ?? Math.random;

  const wait = deadline(options.signal, timeout, `job not ended within ${timeout} ms`);
  const { signal } = wait;

  let last: JobStatus<Body> | undefined;
  let delay = pace.initial;
  let failures = 0;
  const nextDelay = () => {
    const jittered = Math.round(delay * (1 - WAIT_DEFAULTS.jitter + 2 * WAIT_DEFAULTS.jitter * random()));
    delay = Math.min(pace.max, delay * WAIT_DEFAULTS.factor);
    return jittered;
  };
  try {
    for (;;) {
      let pause: number;
      let status: JobStatus<Body> | undefined;
      // A signal per poll: fetch's Request keeps a listener on the signal it is given until it is
      // garbage-collected, which on the wait's own signal would pile up over a long wait.
      const poll = deadline(signal);
      try {
        status = await poller.poll(poll.signal);
      } catch (error) {
        if (signal.aborted || !transient(error) || ++failures > pace.retries) throw error;
        // Retry-After is a floor, never a reason to poll faster than the interval: a date in the past
        // (or 0) from a hostile or broken server would otherwise make `retries` polls back to back.
        const retryAfter = error instanceof ApiError ? error.retryAfterMs : undefined;
        pause = Math.max(nextDelay(), Math.min(retryAfter ?? 0, RETRY_AFTER_CAP));
      } finally {
        poll.clear();
      }
      if (status) {
        failures = 0;
        if (!last || last.status !== status.status || last.progress !== status.progress) options.onProgress?.(status);
        last = status;
        if (status.state === 'succeeded') return status;
        if (status.state === 'failed') throw new JobFailedError(poller.operation, job, status, poller.redact);
        pause = nextDelay();
      }
      await sleep(pause!, signal);
    }
  } catch (error) {
    if (wait.timedOut()) throw new JobTimeoutError(poller.operation, timeout!, job, last?.status, poller.redact);
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    wait.clear();
  }
}
