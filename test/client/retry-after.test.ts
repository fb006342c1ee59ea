/**
 * Retry-After counts only as delay-seconds (a non-negative integer) or an HTTP-date; anything else
 * is ignored (the backoff applies) and never becomes `retryAfterMs: 0`. The gateway's 429 is
 * handled against a loopback server and against the project's mock alike.
 */
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { ApiError } from '../../src/index.js';
import { httpDate, retryAfterMs } from '../../src/client/retry-after.js';
import { clients, OPERATIONS, PUT_OPERATIONS, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

const NOW = Date.parse('2025-03-14T09:26:53Z');
const GARBAGE = ['1.5', '-1', '1, 2', '+5', '0x10', '1e3', ' ', '', 'soon', '5 s', '2025-03-14T09:26:55Z', 'Fri, 14 Mar 2025 09:26:55 GMT, 1', 'Fri, 31 Feb 2025 09:26:55 GMT', 'Fri, 14 Mar 2025 25:00:00 GMT', 'Fri, 14 Mar 2025 09:26:55 UTC', '14 Mar 2025 09:26:55 GMT', 'Fri, 14 Mar 2025 09:26:55 +0000'];
const throttled = (retryAfter?: string) =>
  json(429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' }, retryAfter === undefined ? {} : { 'Retry-After': retryAfter });
const ok = json(200, { id: 'e', name: 'n', jobId: 7 });

let server: TestServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

describe('parsing', () => {
  it('delay-seconds: digits only', () => {
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs('3', NOW)).toBe(3_000);
    expect(retryAfterMs('007', NOW)).toBe(7_000);
    expect(retryAfterMs('9'.repeat(400), NOW)).toBe(Number.MAX_SAFE_INTEGER); // finite: it ends the retries
  });

  it('HTTP-date in all three forms RFC 9110 makes recipients accept', () => {
    expect(retryAfterMs('Fri, 14 Mar 2025 09:26:55 GMT', NOW)).toBe(2_000);
    expect(retryAfterMs('Friday, 14-Mar-25 09:26:58 GMT', NOW)).toBe(5_000);
    expect(retryAfterMs('Fri Mar 14 09:27:03 2025', NOW)).toBe(10_000);
    expect(httpDate('Sun Nov  6 08:49:37 1994')).toBe(Date.parse('1994-11-06T08:49:37Z'));
    expect(httpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(Date.parse('1994-11-06T08:49:37Z'));
    expect(retryAfterMs('Fri, 14 Mar 2025 09:26:00 GMT', NOW)).toBe(0); // a valid date in the past
  });

  it.each(GARBAGE)('%j is ignored', (value) => {
    expect(retryAfterMs(value, NOW)).toBeUndefined();
  });
});

describe.each(OPERATIONS)('$operationId: a garbage Retry-After', (op) => {
  it.each(GARBAGE.filter(Boolean))('%j gives retryAfterMs undefined, not 0', async (value) => {
    server = await startServer(replies(throttled(value)));
    const error = await op.call(clients(server.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, errorCode: 'APIGW.0308', retryAfterMs: undefined });
  });
});

describe.each(PUT_OPERATIONS)('$operationId (PUT) with retries on', (op) => {
  it.each(['1.5', '-1', '1, 2'])('Retry-After %j: the backoff applies, not a 0 ms wait', async (value) => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999); // the backoff waits its whole cap: 400 ms
    server = await startServer(replies(throttled(value), ok));
    await op.call(clients(server.url, undefined, { retry: { maxAttempts: 2, baseDelay: 400, maxDelay: 2_000 } }));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(350);
  });

  it('a valid Retry-After is waited for', async () => {
    server = await startServer(replies(throttled('1'), ok));
    await op.call(clients(server.url, undefined, { retry: { maxAttempts: 2, baseDelay: 5, maxDelay: 2_000 } }));
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });
});

describe("the mock's 429 (Prefer: code=429)", () => {
  const mockUrl = inject('mockUrl');
  const prefer429 = { onRequest: ({ request }: { request: Request }) => void request.headers.set('Prefer', 'code=429') };

  it.each(OPERATIONS)('$operationId: an ApiError with APIGW.0308, the request ID and a valid Retry-After', async (op) => {
    const error = await op.call(clients(mockUrl, { token: TOKEN }, { middleware: [prefer429] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, errorCode: 'APIGW.0308', retryAfterMs: 1_000, operation: op.operationId });
    expect((error as ApiError).requestId).toMatch(/\S/);
  });

  it.each(PUT_OPERATIONS)('$operationId (PUT): retried after Retry-After, up to maxAttempts', async (op) => {
    const sent: number[] = [];
    const counting = (request: Request) => (sent.push(Date.now()), globalThis.fetch(request));
    const c = clients(mockUrl, { token: TOKEN }, { middleware: [prefer429], fetch: counting, retry: { maxAttempts: 2, baseDelay: 5, maxDelay: 2_000 } });
    await expect(op.call(c)).rejects.toMatchObject({ status: 429, retryAfterMs: 1_000 });
    expect(sent).toHaveLength(2);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(950);
  });

  it.each(OPERATIONS.filter((o) => o.method === 'POST'))('$operationId (POST): never retried', async (op) => {
    let sent = 0;
    const counting = (request: Request) => (sent++, globalThis.fetch(request));
    const c = clients(mockUrl, { token: TOKEN }, { middleware: [prefer429], fetch: counting, retry: true });
    await expect(op.call(c)).rejects.toMatchObject({ status: 429 });
    expect(sent).toBe(1);
  });
});
