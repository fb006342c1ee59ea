import { isRecord } from './check.js';

/**
 * The errors every operation throws. Their messages, fields and causes are built from redacted
 * text only (see redact.ts), so logging one never prints a credential.
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
   */
  constructor(operation: string, message: string, fields?: object, options?: { cause?: unknown }) {
    super(message, options);
    Object.assign(this, { operation }, fields);
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

  constructor(fields: ApiErrorFields) {
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
    });
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

  constructor(operation: string, reason: string, fields: { status: number; requestId: string | undefined; rawBody: string }) {
    super(operation, `${operation}: HTTP ${fields.status} but ${reason}${requestIdNote(fields.requestId)}`, {
      status: fields.status,
      requestId: fields.requestId,
      rawBody: fields.rawBody,
    });
  }
}

/** No HTTP answer: connection refused or reset, DNS failure, TLS error, a custom fetch that threw. */
export class NetworkError extends JobActionsError {
  static {
    this.prototype.name = 'NetworkError';
  }
  /** The system error code when there is one (`ECONNREFUSED`, `ENOTFOUND`, ...). */
  declare readonly code: string | undefined;

  /** @param cause a redacted copy of what fetch threw */
  constructor(operation: string, cause: Error) {
    const code = errorCode(cause);
    super(operation, `${operation}: request failed: ${innermostMessage(cause) || code || cause.name}`, { code }, { cause });
  }
}

/** No complete answer within the `timeout` of one attempt. */
export class TimeoutError extends JobActionsError {
  static {
    this.prototype.name = 'TimeoutError';
  }
  /** The per-attempt timeout that ran out, in milliseconds. */
  declare readonly timeout: number;

  constructor(operation: string, timeout: number, message = `${operation}: no complete response within ${timeout} ms`, fields?: object) {
    super(operation, message, { timeout, ...fields });
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
