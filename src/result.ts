/** Turns what openapi-fetch returns into a typed body or a typed error. */
import { ApiError, InvalidResponseError } from './errors.js';
import { redactJson, type Redact } from './redact.js';
import { retryAfterMs } from './retry.js';

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
 * any other status, InvalidResponseError when a 2xx body is not JSON or has no usable job ID.
 * Nothing a client knows to be secret gets into either error.
 */
export function success<Body>(operation: string, outcome: Outcome, jobIdField: string, redact: Redact): Success<Body> {
  const { response } = outcome;
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  if (!response.ok) throw apiError(operation, outcome, requestId, redact);

  const raw = typeof outcome.data === 'string' ? outcome.data : '';
  const invalid = (reason: string) =>
    new InvalidResponseError(operation, reason, { status: response.status, requestId, rawBody: redact(raw) });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw invalid(raw ? 'the body is not JSON' : 'the body is empty');
  }
  const jobId = jobIdOf(body, jobIdField, raw);
  if (jobId === undefined) throw invalid(`the body has no ${jobIdField}`);
  return { body: body as Body, jobId, requestId };
}

function apiError(operation: string, outcome: Outcome, requestId: string | undefined, redact: Redact): ApiError {
  const { response, error } = outcome;
  // openapi-fetch hands over the parsed JSON, or the text when it did not parse, or undefined for Content-Length: 0.
  const isText = typeof error === 'string' || error === undefined;
  return new ApiError({
    operation,
    status: response.status,
    statusText: response.statusText,
    requestId,
    retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
    body: isText ? undefined : redactJson(error, redact),
    rawBody: isText ? redact(typeof error === 'string' ? error : '') : undefined,
  });
}

/**
 * A job ID as a string: a non-empty string as it is, a non-negative integer as its decimal
 * digits. Integers beyond 2^53 lose digits in JSON.parse, so those are read from the raw text.
 */
function jobIdOf(body: unknown, field: string, raw: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  if (typeof value === 'string') return value || undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return undefined;
  if (Number.isSafeInteger(value)) return String(value);
  return new RegExp(`"${field}"\\s*:\\s*(\\d+)`).exec(raw)?.[1];
}

/**
 * The parsed JSON body of a 2xx answer (a status operation's, which carries no new job ID); throws
 * ApiError for any other status and InvalidResponseError when the body is not a JSON object.
 */
export function parsedBody(operation: string, outcome: Outcome, redact: Redact): { body: unknown; requestId: string | undefined } {
  const { response } = outcome;
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  if (!response.ok) throw apiError(operation, outcome, requestId, redact);
  const raw = typeof outcome.data === 'string' ? outcome.data : '';
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const reason = !raw ? 'the body is empty' : body === undefined ? 'the body is not JSON' : 'the body is not a JSON object';
    throw new InvalidResponseError(operation, reason, { status: response.status, requestId, rawBody: redact(raw) });
  }
  return { body, requestId };
}
