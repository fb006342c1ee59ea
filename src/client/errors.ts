import { isRecord } from './check.js';
import { redactJson, sanitized, type Redact } from './redact.js';

/**
 * The errors every operation throws. Each is redacted where it is made, in one place (the base
 * class's constructor): the message, every field (JSON values after decoding, at any depth) and a
 * sanitised copy of the cause pass through the client's redactor (see redact.ts), so no message,
 * field, stack, `JSON.stringify` or `util.inspect` of one prints a credential.
 */

/** Base class: anything this client throws after a request was attempted. */
export class JobActionsError extends Error {
  static {
    // On the prototype, so the stack trace already starts with the right name.
    this.prototype.name = 'JobActionsError';
  }
  /** The operationId (`RetryEngine`, ...), or `METHOD /path` for calls made through `raw`. */
  declare readonly operation: string;

  /**
   * @param fields the subclass's own fields, set here in one step: `declare`d fields cost no
   * code of their own in the bundle, and their order is what `toJSON` writes.
   * @param options.redact the client's redactor: applied to the message, to every field and to the
   * cause before anything is stored (the stack is taken from the redacted message).
   */
  constructor(operation: string, message: string, fields?: object, options: { cause?: unknown; redact?: Redact | undefined } = {}) {
    const { redact, cause } = options;
    super(redact ? redact(message) : message, cause === undefined ? undefined : { cause: redact ? sanitized(cause, redact) : cause });
    const all: Record<string, unknown> = { operation, ...fields };
    if (redact) for (const key of Object.keys(all)) all[key] = redactJson(all[key], redact);
    Object.assign(this, all);
  }

  /** Name, message and fields; what `JSON.stringify(error)` writes (the cause is left out). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...Object.fromEntries(Object.entries(this)) };
  }
}

export interface ApiErrorFields {
  operation: string;
  status: number;
  statusText: string;
  requestId: string | undefined;
  /** The `Location` header (of a redirect, which is never followed), redacted. */
  location?: string | undefined;
  retryAfterMs: number | undefined;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
  /** The body text when it was not JSON (an HTML error page, say); otherwise undefined. */
  rawBody: string | undefined;
}

/** The service answered with a non-2xx status (a 3xx too: redirects are never followed). */
export class ApiError extends JobActionsError {
  static {
    this.prototype.name = 'ApiError';
  }
  declare readonly status: number;
  /** `error_code` of the body, e.g. `APIGW.0301` or `SVCSTG.00500400`. */
  declare readonly errorCode: string | undefined;
  /** `error_msg` of the body. */
  declare readonly errorMsg: string | undefined;
  /** `detail` of the body (CSE UpgradeEngine). */
  declare readonly detail: string | undefined;
  /** `encoded_authorization_message` of the body (Workspace): decode it with STS. */
  declare readonly encodedAuthorizationMessage: string | undefined;
  /** The `X-Request-Id` response header: quote it to the provider's support. */
  declare readonly requestId: string | undefined;
  /** Where a 3xx answer pointed (its `Location` header); the client does not go there. */
  declare readonly location: string | undefined;
  /** What a valid `Retry-After` (delay-seconds or an HTTP date) asked for, in milliseconds. */
  declare readonly retryAfterMs: number | undefined;
  declare readonly body: unknown;
  declare readonly rawBody: string | undefined;

  constructor(fields: ApiErrorFields, redact?: Redact) {
    const body = isRecord(fields.body) ? fields.body : {};
    const errorCode = text(body['error_code']);
    const errorMsg = text(body['error_msg']);
    super(fields.operation, apiErrorMessage(fields, errorCode, errorMsg), {
      status: fields.status,
      errorCode,
      errorMsg,
      detail: text(body['detail']),
      encodedAuthorizationMessage: text(body['encoded_authorization_message']),
      requestId: fields.requestId,
      location: fields.location,
      retryAfterMs: fields.retryAfterMs,
      body: fields.body,
      rawBody: fields.rawBody,
    }, { redact });
  }
}

/** A 2xx answer whose body is not what the operation documents, so no job handle can be made. */
export class InvalidResponseError extends JobActionsError {
  static {
    this.prototype.name = 'InvalidResponseError';
  }
  declare readonly status: number;
  declare readonly requestId: string | undefined;
  /** The body text as received (redacted). */
  declare readonly rawBody: string;

  constructor(operation: string, reason: string, fields: { status: number; requestId: string | undefined; rawBody: string }, redact?: Redact) {
    super(operation, `${operation}: HTTP ${fields.status} but ${reason}${requestIdNote(fields.requestId)}`, {
      status: fields.status,
      requestId: fields.requestId,
      rawBody: fields.rawBody,
    }, { redact });
  }
}

/** No HTTP answer: connection refused or reset, DNS failure, TLS error, a custom fetch that threw. */
export class NetworkError extends JobActionsError {
  static {
    this.prototype.name = 'NetworkError';
  }
  /** The system error code when there is one (`ECONNREFUSED`, `ENOTFOUND`, ...). */
  declare readonly code: string | undefined;

  /** @param thrown what fetch threw; the error keeps a sanitised copy (see redact.ts) as its cause */
  constructor(operation: string, thrown: unknown, redact?: Redact) {
    // Read from the copy: a thrown value's getters may throw, and it may carry anything.
    const cause = sanitized(thrown, redact ?? String);
    const code = errorCode(cause);
    super(operation, `${operation}: request failed: ${innermostMessage(cause) || code || cause.name}`, { code }, { cause, redact });
  }
}

/** No complete answer within the `timeout` of one attempt. */
export class TimeoutError extends JobActionsError {
  static {
    this.prototype.name = 'TimeoutError';
  }
  /** The per-attempt timeout that ran out, in milliseconds. */
  declare readonly timeout: number;

  constructor(operation: string, timeout: number, redact?: Redact, message = `${operation}: no complete response within ${timeout} ms`, fields?: object) {
    super(operation, message, { timeout, ...fields }, { redact });
  }
}

/**
 * The answer's body is larger than the client's `maxResponseBytes`: the client stopped reading it
 * (and closed the connection) at the limit, or refused it at once when its Content-Length said so.
 */
export class ResponseTooLargeError extends JobActionsError {
  static {
    this.prototype.name = 'ResponseTooLargeError';
  }
  declare readonly status: number;
  declare readonly requestId: string | undefined;
  /** The limit that was exceeded: the client's `maxResponseBytes`. */
  declare readonly maxResponseBytes: number;
  /** The answer's `Content-Length`, when it had a valid one (not always the truth). */
  declare readonly contentLength: number | undefined;

  constructor(
    operation: string,
    fields: { status: number; requestId: string | undefined; maxResponseBytes: number; contentLength: number | undefined },
    redact?: Redact,
  ) {
    const { status, requestId, maxResponseBytes, contentLength } = fields;
    const declared = contentLength === undefined ? '' : ` (Content-Length ${contentLength})`;
    super(
      operation,
      `${operation}: HTTP ${status}: the response body is larger than maxResponseBytes, ${maxResponseBytes} bytes${declared}; not read further${requestIdNote(requestId)}`,
      { status, requestId, maxResponseBytes, contentLength },
      { redact },
    );
  }
}

function apiErrorMessage(fields: ApiErrorFields, errorCode?: string, errorMsg?: string): string {
  const status = `HTTP ${fields.status}${fields.statusText ? ` ${fields.statusText}` : ''}`;
  let what: string;
  if (fields.status >= 300 && fields.status < 400) what = `redirect to ${fields.location ?? '(no Location)'} not followed`;
  else if (errorCode || errorMsg) what = [errorCode, errorMsg].filter(Boolean).join(': ');
  else if (fields.rawBody !== undefined) what = fields.rawBody ? `non-JSON body (${fields.rawBody.length} characters)` : 'empty body';
  else what = 'JSON body without error_code';
  return `${fields.operation}: ${status}: ${what}${requestIdNote(fields.requestId)}`;
}

function requestIdNote(requestId: string | undefined): string {
  return requestId ? ` (X-Request-Id ${requestId})` : '';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function errorCode(error: Error): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** undici wraps the useful message ("connect ECONNREFUSED ...") in a generic "fetch failed". */
function innermostMessage(error: Error): string {
  let message = error.message;
  for (let e: unknown = error.cause; e instanceof Error; e = e.cause) if (e.message) message = `${message}: ${e.message}`;
  return message;
}
