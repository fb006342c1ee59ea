import { parseJson } from './http-io.js';
import { isProviderError } from './provider-error.js';
import type { UpstreamResponse } from './upstream.js';

/**
 * Prism's HTTP server (micri) answers on its own when it cannot read a request at all, before
 * routing or validating it: "Invalid JSON", "Invalid body" (a charset it cannot decode), "Body
 * exceeded 10mb limit", or a 500 (a Content-Type its parser rejects). Depending on `Accept`, that
 * answer is `{"error": {"code", "message"}}` or plain text; either way it is neither problem+json
 * nor a documented (provider-shaped) body. Returns micri's message for such an answer.
 */
export function serverFailure(answer: UpstreamResponse, method: string): string | undefined {
  if (answer.status < 400 || method === 'HEAD' || answer.headers['sl-violations'] !== undefined) return undefined;
  if (isProblemJson(answer)) return undefined;
  const json = parseJson(answer.body) as { error?: { message?: unknown } } | undefined;
  if (isProviderError(json)) return undefined;
  const message = json?.error?.message ?? answer.body.toString('utf8');
  return typeof message === 'string' && message ? message : `status ${answer.status}`;
}

export function failureReason(message: string, body: Buffer | undefined): string {
  if (message === 'Invalid JSON') {
    try {
      JSON.parse(body?.toString('utf8') ?? '');
    } catch (error) {
      return `body: malformed JSON (${(error as Error).message})`;
    }
    return 'body: malformed JSON';
  }
  if (message === 'Invalid body') return 'body: cannot be decoded with the charset in Content-Type';
  return `request: Prism could not read it (${message})`;
}

export function isProblemJson(answer: UpstreamResponse): boolean {
  return String(answer.headers['content-type']).startsWith('application/problem+json');
}
