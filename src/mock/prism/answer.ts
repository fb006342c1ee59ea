import type { IncomingHttpHeaders } from 'node:http';
import { findCulprit, type Neutralised } from './culprit.js';
import { preferences } from './prefer.js';
import type { Either, MockConfig, Operation, PrismInput, PrismLibrary, PrismProblem, PrismResult } from './library.js';
import { invalidRequest, isProviderError, mockCode, mockError, type ProviderError } from '../provider-error.js';
import { readBody } from './request-body.js';
import { createRouter } from './router.js';
import { describeErrors } from './violations.js';

/** A request as the mock's HTTP server received it. */
export interface MockRequest {
  method: string;
  /** The request target: path and query, exactly as sent. */
  target: string;
  headers: IncomingHttpHeaders;
  /** The body's bytes; undefined when the request had no body. */
  body: Buffer | undefined;
  /** The body exceeded the limit (its bytes are then not kept). */
  tooLarge: boolean;
}

/** An answer before it is written: `body` is serialised for `headers['content-type']`. */
export interface MockAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The request is refused (no credentials; invalid, unreadable or too large; a `Prefer` that cannot be honoured). */
  refused?: boolean;
}

/** What a step after Prism knows about the request. */
export interface AnswerContext {
  /** The operation Prism routed the request to; undefined when it matched none. */
  operation: Operation | undefined;
  /** The request as given to Prism (method in lower case, parsed body). */
  input: PrismInput;
  /**
   * The request picks a documented answer: `Prefer` with `code=` or `example=`, or Prism's
   * `__code`/`__example` query parameters. Any other `Prefer` (`return=minimal`, `respond-async`,
   * `wait=5`, ...) is no pick: the mock ignores it, as RFC 7240 lets a server do.
   */
  picked: boolean;
}

/**
 * A step over Prism's chosen answer before it is sent (a seam for behaviour the examples alone
 * cannot give, such as following jobs). It must not throw for any request; if it does, the
 * request is answered 500 `MOCK.0500`, a defect of the mock.
 */
export type AfterPrism = (answer: MockAnswer, context: AnswerContext) => MockAnswer | Promise<MockAnswer>;

export const BODY_LIMIT = 10 * 1024 * 1024;

/**
 * The mock's answer to one request: Prism routes it, checks its credentials, validates it and
 * picks the documented response (honouring `Prefer`); this turns Prism's findings into the
 * provider's error bodies. Whatever Prism cannot read becomes a 400 naming the part it could not.
 */
export function createAnswerer(prism: PrismLibrary, operations: Operation[], after?: AfterPrism) {
  const route = createRouter(prism, operations);
  return async function answer(request: MockRequest): Promise<MockAnswer> {
    const contentType = header(request.headers['content-type']);
    const input = prismInput(request);
    const body = request.tooLarge ? { ok: false as const, reason: `body: larger than the limit of ${BODY_LIMIT} bytes` } : readBody(request.body, contentType);
    const routed = route(input);
    const operation = routed._tag === 'Right' ? routed.right : undefined;
    let picked = false;
    const answered = await (async (): Promise<MockAnswer> => {
      if (routed._tag === 'Left') return problem(routed.left, 404);
      const config = preferences(prism.preferences(input), routed.right);
      if (config._tag === 'Left') return problem(config.left, 422);
      picked = config.right.code !== undefined || config.right.exampleKey !== undefined;
      if (!body.ok) return unreadable(prism, routed.right, { reasons: [body.reason], input }, request.tooLarge ? 413 : 400);
      input.body = body.value;
      let result: Either<PrismProblem, PrismResult>;
      try {
        result = await prism.request(routed.right, input, config.right);
      } catch (error) {
        const culprit = await findCulprit(prism, routed.right, input, config.right, error);
        return unreadable(prism, routed.right, culprit, 400);
      }
      if (result._tag === 'Left') return problem(result.left, 500);
      return fromPrism(prism, routed.right, input, result.right, contentType, config.right.exampleKey !== undefined);
    })();
    return after ? after(answered, { operation, input, picked }) : answered;
  };
}

/** Prism's input: method in lower case, the raw path (not normalised), the query, the headers. */
function prismInput(request: MockRequest): PrismInput {
  const at = request.target.indexOf('?');
  const path = at < 0 ? request.target : request.target.slice(0, at);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(at < 0 ? '' : request.target.slice(at + 1))) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = header(value)!;
  delete headers['transfer-encoding'];
  // Prism checks the content type only when Content-Length says there is a body.
  headers['content-length'] = String(request.body?.length ?? 0);
  // RFC 9110 §8.3: a body without Content-Type may be taken as application/octet-stream; Prism then
  // reports the media types the operation supports, and the message says the header is missing.
  if (request.body?.length && headers['content-type'] === undefined) headers['content-type'] = 'application/octet-stream';
  return { method: request.method.toLowerCase() as PrismInput['method'], url: { path, query }, headers };
}

/**
 * Prism's answer in the provider's shape. Its `X-Request-Id` is the documented example's: kept only
 * when the request picked that example by name (`pinned`); every other answer gets a fresh one when
 * it is written, as the provider gives each request its own.
 */
function fromPrism(prism: PrismLibrary, operation: Operation, input: PrismInput, result: PrismResult, contentType: string | undefined, pinned = false): MockAnswer {
  const { output } = result;
  const headers = Object.fromEntries(Object.entries(output.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  const errors = result.validations.input.filter((d) => d.severity === 0);
  if (!pinned || errors.length > 0) delete headers['x-request-id'];
  if (errors.length > 0 && output.statusCode !== 401 && isProviderError(output.body)) {
    const reasons = describeErrors(operation, input.body, errors, contentType);
    return json(output.statusCode, invalidRequest(output.body.error_code, reasons), headers);
  }
  // Prism answers an Accept that allows none of the documented media types with an empty body.
  const documented = operation.responses.find((r) => r.code === String(output.statusCode))?.contents ?? [];
  if (input.method !== 'head' && documented.length > 0 && headers['content-type'] === undefined) {
    const types = documented.map((c) => c.mediaType).join(', ');
    return json(406, mockError(406, `header.accept: '${input.headers?.['accept']}' allows none of the media types of this response: ${types}`));
  }
  return { status: output.statusCode, headers, body: output.body, refused: errors.length > 0 };
}

/**
 * A request Prism cannot read as it is: ask Prism again without the unreadable part, which gives
 * the gateway's 401 for a missing credential or the operation's documented 400 (its error_code
 * is kept), and answer `status` with the reasons.
 */
async function unreadable(prism: PrismLibrary, operation: Operation, found: Neutralised, status: number): Promise<MockAnswer> {
  const probe: PrismInput = { ...found.input, body: undefined, headers: { ...found.input.headers, 'content-length': '0' } };
  delete probe.headers!['content-type'];
  delete probe.headers!['accept'];
  try {
    const result = await prism.request(operation, probe, { dynamic: false, code: 400 });
    if (result._tag === 'Right') {
      const { output } = result.right;
      if (output.statusCode === 401) return fromPrism(prism, operation, probe, result.right, undefined);
      if (isProviderError(output.body)) return json(status, invalidRequest(output.body.error_code, found.reasons));
    }
  } catch {
    // Prism cannot read even this: no operation's error code can be named.
  }
  return json(status, invalidRequest(mockCode(status), found.reasons));
}

function problem(error: PrismProblem, fallbackStatus: number): MockAnswer {
  const status = typeof error.status === 'number' && error.status >= 400 && error.status <= 599 ? error.status : fallbackStatus;
  return json(status, fromProblem(error, status));
}

function json(status: number, body: ProviderError, headers: Record<string, string> = {}): MockAnswer {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body, refused: true };
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

// Huawei Cloud's API gateway codes: APIGW.0101 "The API does not exist or has not been
// published in the environment", APIGW.0301 "Incorrect IAM authentication information".
const GATEWAY_CODES: Record<string, string> = {
  NO_PATH_MATCHED_ERROR: 'APIGW.0101',
  NO_METHOD_MATCHED_ERROR: 'APIGW.0101',
  NO_SERVER_MATCHED_ERROR: 'APIGW.0101',
  UNAUTHORIZED: 'APIGW.0301',
};

/**
 * Prism's own errors (an Error whose name is a problem+json type URL) in the provider's shape,
 * keeping Prism's status. Route and auth errors get the gateway's codes; the rest (an unknown `Prefer` example, a status the operation does not
 * document, `Accept` it cannot serve) concern the mock itself and get `MOCK.<status>`.
 */
function fromProblem(problem: PrismProblem, status: number): ProviderError {
  const kind = problem.name.split('#')[1] ?? '';
  const code = GATEWAY_CODES[kind] ?? (status === 401 ? 'APIGW.0301' : mockCode(status));
  const text = [problem.message, problem.detail].filter(Boolean).join('. ');
  return { error_code: code, error_msg: text || `Prism answered ${status}` };
}
