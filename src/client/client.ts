/**
 * What the three service clients share: option checks, the openapi-fetch client with this
 * package's transport, and the per-call plumbing of the operation functions.
 */
import createClient, { defaultPathSerializer, type Client, type Middleware } from 'openapi-fetch';
import { authenticator, secretsOf, type Auth } from './auth.js';
import { optionalCount, optionalDelay, pathSegment } from './check.js';
import { baseUrlOf, type Server, type Service } from './endpoints.js';
import { redactor } from './redact.js';
import { parsedBody, success, type Outcome, type Success } from './result.js';
import type { Redact } from './redact.js';
import { retryPolicy, type RetryOptions } from './retry.js';
import { CallRequest, DEFAULT_MAX_RESPONSE_BYTES, transport, type Connection, type FetchLike } from './transport.js';
import { USER_AGENT } from './version.js';

/** Options every client takes, besides `region` or `baseUrl`. */
export interface ClientOptions {
  /** `{ token }`, or `{ accessKey, secretKey, securityToken? }` to sign requests. */
  auth: Auth;
  /** Fills `{project_id}` in every path unless a call passes its own. */
  projectId?: string | undefined;
  /** Default per-attempt timeout in ms, 1 to 2^31-1 (none when omitted); a call's `timeout` overrides it. */
  timeout?: number | undefined;
  /** Automatic retries of the PUT and GET operations, never the POST actions; off when omitted. `true`: the defaults. */
  retry?: boolean | RetryOptions | undefined;
  /** Used instead of globalThis.fetch, e.g. to add a proxy agent or to record calls. */
  fetch?: FetchLike | undefined;
  /** openapi-fetch middleware, run in order before the request is authenticated and sent. */
  middleware?: Middleware[] | undefined;
  /**
   * The largest response body the client reads, in bytes (after decompression): a longer one ends
   * the call with a ResponseTooLargeError, unread beyond the limit, so no answer (huge, endless or
   * slowly dripped, whatever its Content-Length says) holds more memory, timeout or not. Default
   * 8 MiB (8,388,608), far above what these operations answer.
   */
  maxResponseBytes?: number | undefined;
}

/** Options every operation function takes besides its own arguments. */
export interface CallOptions {
  /** Overrides the client's `projectId` for this call. */
  projectId?: string | undefined;
  /** Aborts the call, including any wait between retries; the call then rejects with its reason. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms, 1 to 2^31-1; the timer starts when the request is sent. */
  timeout?: number | undefined;
  /** Overrides the client's `retry` for this call (only PUT and GET operations are ever retried). */
  retry?: boolean | RetryOptions | undefined;
}

/** openapi-fetch options of one operation call (spread into `raw.PUT(path, {...})`). */
export interface CallInit {
  signal: AbortSignal | undefined;
  parseAs: 'text';
  fetch: FetchLike;
}

export interface ServiceConnection<Paths extends {}> {
  raw: Client<Paths>;
  /** The client the operation functions call: `raw` once any middleware is registered on it, else one without middleware. */
  readonly api: Client<Paths>;
  /** The path's project ID: the call's, else the client's; a TypeError when neither is set. */
  projectId(call: CallOptions, fn: string): string;
  init(operation: string, call: CallOptions, fn: string): CallInit;
  success<Body>(operation: string, outcome: Outcome, jobIdField: string): Success<Body>;
  /** The JSON object body of a status operation's 2xx answer, or the typed error. */
  parsed(operation: string, outcome: Outcome): { body: unknown; requestId: string | undefined };
  /** Replaces this client's secrets in text. */
  redact: Redact;
}

/** Checks the client options and connects openapi-fetch to the service. */
export function connectService<Paths extends {}>(
  service: Service,
  server: Server,
  factory: string,
  options: ClientOptions & { region?: string | undefined; baseUrl?: string | undefined },
): ServiceConnection<Paths> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${factory}: options are required`);
  const connection: Connection = {
    fetch: options.fetch,
    authenticate: authenticator(options.auth, factory),
    redact: redactor(secretsOf(options.auth)),
    maxResponseBytes: optionalCount(options.maxResponseBytes, `${factory}: maxResponseBytes`) ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
  const projectId = optionalSegment(options.projectId, `${factory}: projectId`);
  const timeout = optionalDelay(options.timeout, `${factory}: timeout`);
  const retry = retryPolicy(options.retry, factory);

  const base = { baseUrl: baseUrlOf(server, options, factory), headers: { 'User-Agent': USER_AGENT } };
  const raw = createClient<Paths>({ ...base, fetch: transport(connection, { timeout, retry }), pathSerializer: checkedPath });
  // Middleware is promised a real Request, and the operation functions run whatever is registered on
  // `raw`, also later. Until then they go through a client of their own, whose requests are
  // CallRequests (see transport.ts) and whose path parameters the operation functions checked.
  const direct = createClient<Paths>({ ...base, Request: CallRequest as unknown as typeof Request });
  let hooked = false;
  const { use } = raw;
  raw.use = (...middleware) => {
    hooked ||= middleware.length > 0;
    use(...middleware);
  };
  if (options.middleware) raw.use(...options.middleware);

  return {
    raw,
    get api() {
      return hooked ? raw : direct;
    },
    projectId(call, fn) {
      const id = optionalSegment(call.projectId, `${fn}: projectId`) ?? projectId;
      if (id === undefined) throw new TypeError(`${fn}: projectId is required: pass it to ${fn}() or to ${factory}()`);
      return id;
    },
    init(operation, call, fn) {
      return {
        signal: call.signal,
        parseAs: 'text',
        fetch: transport(connection, {
          operation,
          timeout: optionalDelay(call.timeout, `${fn}: timeout`) ?? timeout,
          retry: call.retry === undefined ? retry : retryPolicy(call.retry, fn),
        }),
      };
    },
    success: (operation, outcome, jobIdField) => success(service, operation, outcome, jobIdField, connection.redact),
    parsed: (operation, outcome) => parsedBody(operation, outcome, connection.redact),
    redact: connection.redact,
  };
}

function optionalSegment(value: unknown, label: string): string | undefined {
  return value === undefined ? undefined : pathSegment(value, label);
}

/**
 * openapi-fetch's path serializer, after checking every string path parameter the way the
 * operation functions do: calls through `raw` cannot leave their path either.
 */
function checkedPath(pathname: string, params: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string') pathSegment(value, `raw: ${name}`);
  return defaultPathSerializer(pathname, params);
}
