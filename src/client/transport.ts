/**
 * The fetch that openapi-fetch calls: it runs after every middleware, right before the network,
 * which is where auth headers, the per-attempt timeout and retries belong.
 */
import type { Authenticate } from './auth.js';
import { deadline } from './deadline.js';
import { NetworkError, ResponseTooLargeError, TimeoutError } from './errors.js';
import type { Redact } from './redact.js';
import { retryAfterMs } from './retry-after.js';
import { RETRIED_METHODS, RETRIED_STATUSES, retryDelay, sleep, type RetryPolicy } from './retry.js';

export type FetchLike = (request: Request) => Promise<Response>;

/**
 * What openapi-fetch builds (its `Request` option) for an operation function's call when no
 * middleware will see it: the method, URL, merged headers and body string, as given. undici's Request
 * would put the body into a stream that the transport reads back (for the signature and for
 * retries), while fetch builds a Request of its own anyway; in Node 20 the two cost ~100 µs a call.
 * Operation functions send JSON bodies only, which openapi-fetch serializes to a string.
 */
export class CallRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method!;
    // openapi-fetch hands over the Headers it merged for this call alone.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = (init.body ?? undefined) as string | undefined;
    this.signal = init.signal ?? undefined;
  }
}

/** What a client sends every request with. */
export interface Connection {
  /** The caller's fetch; globalThis.fetch (looked up per call) when undefined. */
  fetch: FetchLike | undefined;
  authenticate: Authenticate;
  redact: Redact;
  /** The most bytes of a response body read (after decompression); more is a ResponseTooLargeError. */
  maxResponseBytes: number;
}

/** The default of `maxResponseBytes`: 8 MiB, far above any answer of these operations (a few KiB; a job of thousands of desktops, a few MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** How one call is attempted. */
export interface Attempts {
  /** Named in errors; calls through `raw` are named `METHOD /path`. */
  operation?: string | undefined;
  /** Milliseconds per attempt, from sending to the last byte of the answer. */
  timeout?: number | undefined;
  /** Applies to PUT and GET requests only. */
  retry?: RetryPolicy | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch that authenticates each attempt, gives it its own timer, never follows a redirect, turns
 * failures into NetworkError/TimeoutError, and resends PUTs and GETs on 429/502/503/504 or a failure when
 * retries are on.
 * An abort by the caller's signal rejects with the signal's reason, unwrapped, as fetch does.
 */
export function transport(connection: Connection, attempts: Attempts): FetchLike {
  return async (input) => {
    const request = input as Request | CallRequest;
    const operation = attempts.operation ?? connection.redact(`${request.method} ${new URL(request.url).pathname}`);
    // Read once: every attempt (and the signature) needs the exact bytes.
    const body = request instanceof CallRequest ? request.body : request.body === null ? undefined : await request.arrayBuffer();
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
  request: Request | CallRequest,
  body: string | ArrayBuffer | undefined,
  timeout: number | undefined,
): Promise<Response> {
  // A Request's headers are copied: middleware may hold the Request, and must not see credentials
  // in it. A CallRequest's are this call's own (openapi-fetch merged them for it).
  const headers = request instanceof CallRequest ? request.headers : new Headers(request.headers);
  const auth = await connection.authenticate({ method: request.method, url: request.url, headers, body });
  for (const [name, value] of Object.entries(auth)) headers.set(name, value);
  const deadline = attemptSignal(request.signal, timeout);
  try {
    // 'manual': a 3xx comes back as it is (and becomes an ApiError). Following it would resend the
    // credentials to whatever origin the Location names, and turn a POST action into a GET.
    const init: RequestInit = { method: request.method, headers, body, signal: deadline.signal ?? null, redirect: 'manual' };
    // globalThis.fetch gets the changes as its init and builds the one Request it sends: a Request
    // built here first would be one more copy (in Node: a body, a signal, ~50 µs). A custom fetch
    // is promised a Request.
    const into = request instanceof CallRequest ? request.url : request;
    const sent = connection.fetch ? connection.fetch(new Request(into, init)) : fetch(into, init);
    // Raced against the timer, so the timeout holds even for a custom fetch that ignores the signal.
    return await deadline.race(receive(sent, request instanceof CallRequest, connection, operation));
  } catch (error) {
    if (error instanceof ResponseTooLargeError) throw error;
    if (request.signal?.aborted) throw request.signal.reason;
    if (deadline.timedOut()) throw new TimeoutError(operation, timeout!, connection.redact);
    throw new NetworkError(operation, error, connection.redact);
  } finally {
    deadline.clear();
  }
}

/**
 * The answer, fully buffered; refuses one that came from following a redirect. For a CallRequest,
 * it is handed to openapi-fetch (and on to result.ts) as the parts they read, body already text: a
 * second Response would mean a second body stream to fill and read (~60 µs in Node 20).
 */
async function receive(sent: Promise<Response>, bare: boolean, connection: Connection, operation: string): Promise<Response> {
  const response = await sent;
  // A custom fetch may follow redirects whatever the request asks; its answer is then another origin's.
  if (response.redirected) throw new Error('the fetch followed a redirect, whose answer is not used');
  // Browsers answer 'manual' with an opaque response (status 0) that hides the status and Location.
  if (response.type === 'opaqueredirect') throw new Error('the server answered with a redirect, which is not followed');
  // Buffer inside the deadline: a body that stalls times out too, and a connection cut
  // mid-body is a NetworkError rather than a parse error later.
  const bytes = await boundedBody(response, connection, operation);
  if (bare) {
    const text = UTF8.decode(bytes);
    const { ok, status, statusText, headers } = response;
    return { ok, status, statusText, headers, text: async () => text } as unknown as Response;
  }
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Decodes as Response.text() does (UTF-8, a BOM dropped, bad bytes replaced). */
const UTF8 = new TextDecoder();

/**
 * The body's bytes, at most `maxResponseBytes` of them: one byte more and reading stops (the stream is
 * cancelled, which closes the connection) with a ResponseTooLargeError. Memory stays bounded whatever
 * the server does (a huge, endless or slow body, a lying Content-Length), timeout or not.
 */
async function boundedBody(response: Response, connection: Connection, operation: string): Promise<Uint8Array<ArrayBuffer>> {
  const limit = connection.maxResponseBytes;
  const header = response.headers.get('Content-Length');
  const contentLength = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  const tooLarge = () => {
    const requestId = response.headers.get('X-Request-Id') ?? undefined;
    return new ResponseTooLargeError(operation, { status: response.status, requestId, maxResponseBytes: limit, contentLength }, connection.redact);
  };
  // A Content-Length counts the bytes sent, which fetch decompresses: only an uncompressed body is refused unread.
  if (contentLength !== undefined && contentLength > limit && !response.headers.has('Content-Encoding')) {
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk: unknown = read.value;
    if (!(chunk instanceof Uint8Array)) throw new TypeError('the response body is not a stream of bytes');
    size += chunk.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * A signal for one attempt, and `race`, which settles as soon as it aborts, whether or not the work
 * in flight listens to it.
 */
function attemptSignal(caller: AbortSignal | undefined, timeout: number | undefined) {
  // Without a timer the caller's signal is the attempt's: no controller, no listeners to undo.
  if (timeout === undefined) return { signal: caller, timedOut: () => false, race: raceWith(caller), clear() {} };
  const attempt = deadline(caller, timeout, `no response within ${timeout} ms`);
  return { ...attempt, race: raceWith(attempt.signal) };
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
function raceWith(signal: AbortSignal | undefined) {
  return <T>(work: Promise<T>): Promise<T> => {
    if (!signal) return work;
    work.catch(() => {}); // when it loses the race, its late failure is of no interest
    return new Promise<T>((resolve, reject) => {
      const stop = () => reject(signal.reason);
      if (signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
      void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
    });
  };
}
