/**
 * Automatic retries: off unless the caller turns them on, and then only for PUT and GET, the methods
 * HTTP defines as idempotent (the two CSE actions and the status operations). The POST actions start
 * a new job on every call: if an answer is lost, resending would start a second job, so they are
 * never resent.
 */
import { optionalCount, optionalDelay, timerDelay } from './check.js';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  maxAttempts?: number;
  /** Cap of the first backoff, in ms (1 to 2^31-1); it doubles per attempt, and a random part of it is waited. Default 500. */
  baseDelay?: number;
  /** Longest wait between attempts, in ms (1 to 2^31-1); a `Retry-After` longer than this ends the retries. Default 10000. */
  maxDelay?: number;
}

export type RetryPolicy = Required<RetryOptions>;

/** Methods whose requests may be sent again: the CSE actions (PUT) and the status operations (GET). */
export const RETRIED_METHODS: ReadonlySet<string> = new Set(['PUT', 'GET']);
/** Answers that mean "not done, try later": rate limited, or a gateway/back end briefly unavailable. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const DEFAULTS: RetryPolicy = { maxAttempts: 3, baseDelay: 500, maxDelay: 10_000 };

/** The policy for a `retry` option (`true` for the defaults), or undefined for no retries. */
export function retryPolicy(option: unknown, where: string): RetryPolicy | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return DEFAULTS;
  if (typeof option !== 'object' || option === null) {
    throw new TypeError(`${where}: retry must be true, false or { maxAttempts?, baseDelay?, maxDelay? }`);
  }
  const o = option as RetryOptions;
  return {
    maxAttempts: optionalCount(o.maxAttempts, `${where}: retry.maxAttempts`) ?? DEFAULTS.maxAttempts,
    baseDelay: optionalDelay(o.baseDelay, `${where}: retry.baseDelay`) ?? DEFAULTS.baseDelay,
    maxDelay: optionalDelay(o.maxDelay, `${where}: retry.maxDelay`) ?? DEFAULTS.maxDelay,
  };
}

/**
 * How long to wait before attempt `attempt + 1`, or undefined to stop. `Retry-After` wins when
 * present; otherwise "full jitter" backoff: a random time up to baseDelay * 2^(attempt-1), capped.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxDelay ? retryAfterMs : undefined;
  return Math.floor(random() * Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1)));
}

/** Resolves after `ms` (at most 2^31-1: see timerDelay), or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, timerDelay(ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
