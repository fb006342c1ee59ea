/**
 * The fetch that openapi-fetch calls: it runs after every middleware, right before the network,
 * which is where auth headers, the per-attempt timeout and retries belong.
 */
import type { Authenticate } from './auth.js';
import { NetworkError, TimeoutError } from './errors.js';
import { sanitized, type Redact } from './redact.js';
import { RETRIED_METHODS, RETRIED_STATUSES, retryAfterMs, retryDelay, sleep, type RetryPolicy } from './retry.js';

export type FetchLike = (request: Request) => Promise<Response>;

/** What a client sends every request with. */
export interface Connection {
  /** The caller's fetch; globalThis.fetch (looked up per call) when undefined. */
  fetch: FetchLike | undefined;
  authenticate: Authenticate;
  redact: Redact;
}

/** How one call is attempted. */
export interface Attempts {
  /** Named in errors; calls through `raw` are named `METHOD /path`. */
  operation?: string | undefined;
  /** Milliseconds per attempt, from sending to the last byte of the answer. */
  timeout?: number | undefined;
  /** Applies to PUT requests only. */
  retry?: RetryPolicy | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch that authenticates each attempt, gives it its own timer, turns failures into
 * NetworkError/TimeoutError, and resends PUTs on 429/502/503/504 or a failure when retries are on.
 * An abort by the caller's signal rejects with the signal's reason, unwrapped, as fetch does.
 */
export function transport(connection: Connection, attempts: Attempts): FetchLike {
  return async (request) => {
    const operation = attempts.operation ?? `${request.method} ${new URL(request.url).pathname}`;
    // Read once: every attempt (and the signature) needs the exact bytes.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const retry = RETRIED_METHODS.has(request.method) ? attempts.retry : undefined;
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: NetworkError | TimeoutError | undefined;
      try {
        response = await send(connection, operation, request, body, attempts.timeout);
      } catch (error) {
        if (!(error instanceof NetworkError || error instanceof TimeoutError)) throw error;
        failure = error;
      }
      const wait =
        retry && (failure || RETRIED_STATUSES.has(response!.status))
          ? retryDelay(retry, attempt, response && retryAfterMs(response.headers.get('Retry-After')))
          : undefined;
      if (wait === undefined) {
        if (failure) throw failure;
        return response!;
      }
      await sleep(wait, request.signal);
    }
  };
}

async function send(
  connection: Connection,
  operation: string,
  request: Request,
  body: ArrayBuffer | undefined,
  timeout: number | undefined,
): Promise<Response> {
  const headers = new Headers(request.headers);
  const auth = await connection.authenticate({ method: request.method, url: request.url, headers, body });
  for (const [name, value] of Object.entries(auth)) headers.set(name, value);
  const deadline = attemptSignal(request.signal, timeout);
  try {
    const init = { headers, body, signal: deadline.signal };
    // globalThis.fetch gets the changes as its init and builds the one Request it sends: a Request
    // built here first would be one more copy (in Node: a body, a signal, ~50 µs). A custom fetch
    // is promised a Request.
    const response = await (connection.fetch ? connection.fetch(new Request(request, init)) : fetch(request, init));
    // Buffer inside the deadline: a body that stalls times out too, and a connection cut
    // mid-body is a NetworkError rather than a parse error later. These bodies are small.
    const bytes = await response.arrayBuffer();
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason;
    if (deadline.timedOut()) throw new TimeoutError(operation, timeout!);
    throw new NetworkError(operation, sanitized(error, connection.redact));
  } finally {
    deadline.clear();
  }
}

/** A signal for one attempt: aborted by the caller's signal, or by this attempt's own timer. */
function attemptSignal(caller: AbortSignal, timeout: number | undefined) {
  // Without a timer the caller's signal is the attempt's: no controller, no listeners.
  if (timeout === undefined) return { signal: caller, timedOut: () => false, clear() {} };
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(caller.reason);
  if (caller.aborted) onAbort();
  else caller.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeout === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`no response within ${timeout} ms`, 'TimeoutError'));
        }, timeout);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      caller.removeEventListener('abort', onAbort);
    },
  };
}
