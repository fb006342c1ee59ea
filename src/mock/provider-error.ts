import type { PrismProblem } from './prism-library.js';

/** The error body every operation documents: `{error_code, error_msg}` (some add optional fields). */
export interface ProviderError {
  error_code: string;
  error_msg: string;
}

export function isProviderError(body: unknown): body is ProviderError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ProviderError).error_code === 'string' &&
    typeof (body as ProviderError).error_msg === 'string'
  );
}

/**
 * The operation's documented 400, with its `error_code` (from the spec's example) and an
 * `error_msg` listing every reason. The example's other fields (`detail`, ...) describe the
 * example's own error, not this one, so they are left out; they are optional in every schema.
 */
export function invalidRequest(errorCode: string, reasons: string[]): ProviderError {
  return { error_code: errorCode, error_msg: `Invalid request: ${reasons.join('; ')}` };
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
 * Prism's own errors (an Error whose name is a problem+json type URL) in the provider's shape, keeping Prism's status. Route and auth errors get
 * the gateway's codes; the rest (an unknown `Prefer` example, a status the operation does not
 * document, `Accept` it cannot serve) concern the mock itself and get `MOCK.<status>`.
 */
export function fromProblem(problem: PrismProblem, status: number): ProviderError {
  const kind = problem.name.split('#')[1] ?? '';
  const code = GATEWAY_CODES[kind] ?? (status === 401 ? 'APIGW.0301' : mockCode(status));
  const text = [problem.message, problem.detail].filter(Boolean).join('. ');
  return { error_code: code, error_msg: text || `Prism answered ${status}` };
}

/** For answers about the mock itself (a `Prefer` it cannot honour, a defect of the mock). */
export function mockError(status: number, message: string): ProviderError {
  return { error_code: mockCode(status), error_msg: message };
}

function mockCode(status: number): string {
  return `MOCK.${String(status).padStart(4, '0')}`;
}
