/** Turns what openapi-fetch returns into a typed body or a typed error. */
import { isRecord } from './check.js';
import type { Service } from './endpoints.js';
import { ApiError, InvalidResponseError } from './errors.js';
import { unfollowable } from './handle.js';
import { memberSource } from './json-member.js';
import type { Redact } from './redact.js';
import { retryAfterMs } from './retry-after.js';

/**
 * openapi-fetch's result for a call made with `parseAs: 'text'`: `data` is the body text (its
 * types do not follow `parseAs`, hence `unknown`), `error` the parsed or raw error body.
 */
export interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface Success<Body> {
  body: Body;
  /** The job ID in the body, as a string. */
  jobId: string;
  requestId: string | undefined;
}

/**
 * The parsed body of a 2xx answer and its job ID (the `jobIdField` property); throws ApiError for
 * any other status (3xx included: redirects are never followed), InvalidResponseError when a 2xx
 * body is not JSON or has no job ID the service's status operation can take (so every handle the
 * client makes can be followed). Everything taken from the answer (status text, headers, body) is
 * redacted, so nothing a client knows to be secret gets into either error.
 */
export function success<Body>(service: Service, operation: string, outcome: Outcome, jobIdField: string, redact: Redact): Success<Body> {
  const { body, raw, requestId, invalid } = parsed(operation, outcome, redact);
  const jobId = jobIdOf(body, jobIdField, raw);
  if (typeof jobId !== 'string') throw invalid(jobId.reason);
  const why = unfollowable(service, jobId);
  if (why) throw invalid(`the body's ${jobIdField} ${why}`);
  return { body: body as Body, jobId, requestId };
}

/**
 * The parsed JSON body of a 2xx answer (a status operation's, which carries no new job ID); throws
 * ApiError for any other status and InvalidResponseError when the body is not a JSON object.
 */
export function parsedBody(operation: string, outcome: Outcome, redact: Redact): { body: unknown; requestId: string | undefined } {
  const { body, requestId, invalid } = parsed(operation, outcome, redact);
  if (!isRecord(body)) throw invalid('the body is not a JSON object');
  return { body, requestId };
}

/** What both of the above start with: the ApiError of a non-2xx answer, or the 2xx body parsed. */
function parsed(operation: string, outcome: Outcome, redact: Redact) {
  const { response } = outcome;
  // Redacted here too: it is also handed out with a successful answer.
  const value = response.headers.get('X-Request-Id');
  const requestId = value === null ? undefined : redact(value);
  if (!response.ok) throw apiError(operation, outcome, requestId, redact);
  const raw = typeof outcome.data === 'string' ? outcome.data : '';
  const invalid = (reason: string) => new InvalidResponseError(operation, reason, { status: response.status, requestId, rawBody: raw }, redact);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw invalid(raw ? 'the body is not JSON' : 'the body is empty');
  }
  return { body, raw, requestId, invalid };
}

function apiError(operation: string, outcome: Outcome, requestId: string | undefined, redact: Redact): ApiError {
  const { response, error } = outcome;
  // openapi-fetch hands over the parsed JSON, or the text when it did not parse, or undefined for Content-Length: 0.
  const isText = typeof error === 'string' || error === undefined;
  return new ApiError(
    {
      operation,
      status: response.status,
      statusText: response.statusText,
      requestId,
      location: response.headers.get('Location') ?? undefined,
      retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
      body: isText ? undefined : error,
      rawBody: isText ? (typeof error === 'string' ? error : '') : undefined,
    },
    redact,
  );
}

/** A job ID in plain digits: what an integer ID must be written as. */
const DIGITS = /^\d+$/;

/**
 * The job ID as a string, from the top-level member JSON.parse used: a non-empty string as it is,
 * an integer as the exact digits written in the body (also beyond 2^53, where the parsed number
 * has already lost some). `1e3`, `1.0`, `-1` and anything else are refused, with the reason.
 */
function jobIdOf(body: unknown, field: string, raw: string): string | { reason: string } {
  const value = isRecord(body) ? body[field] : undefined;
  if (value === undefined) return { reason: `the body has no ${field}` };
  if (typeof value === 'string') return value ? value : { reason: `the body's ${field} is empty` };
  if (typeof value !== 'number') return { reason: `the body's ${field} is ${kind(value)}, not a job ID` };
  const digits = memberSource(raw, field) ?? '';
  if (DIGITS.test(digits)) return digits;
  return { reason: `the body's ${field} is not a non-negative integer written in plain digits (got ${digits.slice(0, 40)})` };
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
