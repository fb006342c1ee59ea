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

/** For answers about the mock itself (a `Prefer` it cannot honour, a defect of the mock). */
export function mockError(status: number, message: string): ProviderError {
  return { error_code: mockCode(status), error_msg: message };
}

export function mockCode(status: number): string {
  return `MOCK.${String(status).padStart(4, '0')}`;
}
