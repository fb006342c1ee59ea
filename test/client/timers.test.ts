/**
 * Timers are bounded and hold: `timeout`, `baseDelay` and `maxDelay` beyond 2^31-1 ms (where
 * Node's timers overflow and fire at once) are TypeErrors, and the per-attempt timeout (and the
 * caller's abort) ends a call even when a custom fetch ignores the request's signal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCseClient, TimeoutError } from '../../src/index.js';
import { ANY_JOB, clients, OPERATIONS, PUT_OPERATIONS, TOKEN } from './fixtures.js';
import { json, startServer, type TestServer } from './server.js';

const LIMIT = 2 ** 31 - 1;
const options = { baseUrl: 'http://127.0.0.1:9', auth: { token: TOKEN } };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('bounds', () => {
  it.each([
    ['timeout', { timeout: LIMIT + 1 }, LIMIT + 1],
    ['timeout', { timeout: 30 * 24 * 3600 * 1000 }, 2_592_000_000],
    ['retry.baseDelay', { retry: { baseDelay: LIMIT + 1 } }, LIMIT + 1],
    ['retry.maxDelay', { retry: { maxDelay: 2 ** 32 } }, 2 ** 32],
  ])('%s above 2^31-1 ms is a TypeError when the client is made', (name, extra, got) => {
    expect(() => createCseClient({ ...options, ...extra })).toThrow(
      new TypeError(`createCseClient: ${name} must be at most ${LIMIT} ms (about 24.8 days; got ${got})`),
    );
  });

  it('2^31-1 ms itself is accepted', () => {
    expect(() => createCseClient({ ...options, timeout: LIMIT, retry: { baseDelay: LIMIT, maxDelay: LIMIT } })).not.toThrow();
  });

  it.each([
    ['timeout', { timeout: LIMIT + 1 }],
    ['retry.maxDelay', { retry: { maxDelay: LIMIT + 1 } }],
  ])("a call's %s above 2^31-1 ms is a TypeError, and nothing is sent", async (name, extra) => {
    server = await startServer(() => json(200, ANY_JOB));
    await expect(OPERATIONS[0]!.call(clients(server.url), extra)).rejects.toThrow(new RegExp(`^retryEngine: ${name} must be at most ${LIMIT} ms`));
    expect(server.requests).toHaveLength(0);
  });
});

/** A fetch that drops the request's signal: it waits for the answer whatever happens. */
const deaf = (request: Request) =>
  globalThis.fetch(request.url, { method: request.method, headers: request.headers, body: request.body, duplex: 'half' } as RequestInit);

describe.each(OPERATIONS)('$operationId with a custom fetch that ignores the signal', (op) => {
  it('times out after the per-attempt timeout', { timeout: 5_000 }, async () => {
    server = await startServer(() => undefined); // never answers
    const started = Date.now();
    const error = await op.call(clients(server.url, undefined, { fetch: deaf }), { timeout: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ operation: op.operationId, timeout: 100 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("ends at once on the caller's abort, with its reason", { timeout: 5_000 }, async () => {
    server = await startServer(() => undefined);
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const call = op.call(clients(server.url, undefined, { fetch: deaf }), { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(call).rejects.toBe(reason);
  });
});

describe.each(PUT_OPERATIONS)('$operationId (PUT) with retries and a deaf fetch', (op) => {
  it('each attempt times out and is retried', { timeout: 5_000 }, async () => {
    server = await startServer((_request, index) => (index < 2 ? undefined : json(200, ANY_JOB)));
    const c = clients(server.url, undefined, { fetch: deaf, retry: { maxAttempts: 3, baseDelay: 5 } });
    await expect(op.call(c, { timeout: 100 })).resolves.toMatchObject({ job: { jobId: '7' } });
    expect(server.requests).toHaveLength(3);
  });
});
