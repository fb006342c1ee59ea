/**
 * A signal that ends one piece of work: it aborts when the caller's signal does (with the caller's
 * reason), or when `timeout` ms have passed (with a `TimeoutError` DOMException). Shared by the
 * transport (one per attempt) and waitForJob (one per wait, and one per poll).
 */
import { timerDelay } from './check.js';

export interface Deadline {
  signal: AbortSignal;
  /** Whether the timer, not the caller, aborted the signal. */
  timedOut(): boolean;
  /** Stops the timer and lets go of the caller's signal: call it when the work is over. */
  clear(): void;
}

export function deadline(caller: AbortSignal | undefined, timeout?: number, message?: string): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(caller!.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeout === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(message, 'TimeoutError'));
        }, timerDelay(timeout));
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
