/**
 * Retries: off by default; when on, only PUT operations are resent, only after 429/502/503/504 or
 * a network failure, with jittered exponential backoff or the server's Retry-After.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError, TimeoutError } from '../../src/index.js';
import { retryAfterMs } from '../../src/client/retry-after.js';
import { retryDelay } from '../../src/client/retry.js';
import { clients, OPERATIONS, POST_OPERATIONS, PUT_OPERATIONS } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

// Quick backoff so the sequences below take milliseconds.
const FAST = { maxAttempts: 3, baseDelay: 5, maxDelay: 2_000 };
const unavailable = json(503, { error_code: 'APIGW.0503', error_msg: 'Service unavailable.' });
const okFor = (field: string) => json(200, { id: 'e', name: 'n', [field]: field === 'jobId' ? 7 : 'job-7' });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(PUT_OPERATIONS)('$operationId (PUT) with retries on', (op) => {
  it('503, 503, 200: three requests, then success', async () => {
    server = await startServer(replies(unavailable, unavailable, okFor(op.jobIdField)));
    const result = await op.call(clients(server.url, undefined, { retry: FAST }));
    expect(result.job.jobId).toBe('7');
    expect(server.requests).toHaveLength(3);
    // Every attempt is complete and authenticated: the body is re-sent, the token re-added.
    for (const r of server.requests) {
      expect(JSON.parse(r.body)).toEqual(op.requestBody);
      expect(r.headers['x-auth-token']).toBeDefined();
    }
  });

  it.each([429, 502, 504])('%i is retried', async (status) => {
    server = await startServer(replies(json(status, { error_code: 'X', error_msg: 'x' }), okFor(op.jobIdField)));
    await op.call(clients(server.url, undefined, { retry: FAST }));
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 404, 500])('%i is not retried', async (status) => {
    server = await startServer(replies(json(status, { error_code: 'X', error_msg: 'x' }), okFor(op.jobIdField)));
    await expect(op.call(clients(server.url, undefined, { retry: FAST }))).rejects.toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last answer', async () => {
    server = await startServer(replies(unavailable));
    await expect(op.call(clients(server.url, undefined, { retry: FAST }))).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('a connection cut before the answer is retried', async () => {
    server = await startServer((_request, index, res) => {
      if (index === 0) {
        res.socket?.destroy();
        return undefined;
      }
      return okFor(op.jobIdField);
    });
    await expect(op.call(clients(server.url, undefined, { retry: FAST }))).resolves.toMatchObject({ job: { jobId: '7' } });
    expect(server.requests).toHaveLength(2);
  });

  it('an attempt that times out is retried, with a fresh timer', async () => {
    server = await startServer((_request, index) => (index === 0 ? undefined : okFor(op.jobIdField)));
    await expect(op.call(clients(server.url, undefined, { retry: FAST }), { timeout: 200 })).resolves.toMatchObject({ job: { jobId: '7' } });
    expect(server.requests).toHaveLength(2);
  });

  it('without retries, a 503 is one request and an ApiError', async () => {
    server = await startServer(replies(unavailable, okFor(op.jobIdField)));
    await expect(op.call(clients(server.url))).rejects.toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(1);
  });

  it('a call can turn retries on, or off, for itself', async () => {
    server = await startServer(replies(unavailable, okFor(op.jobIdField), unavailable, okFor(op.jobIdField)));
    await op.call(clients(server.url), { retry: FAST });
    expect(server.requests).toHaveLength(2);
    await expect(op.call(clients(server.url, undefined, { retry: FAST }), { retry: false })).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
  });
});

describe.each(POST_OPERATIONS)('$operationId (POST) with retries on', (op) => {
  it('503, 503, 200: one request, and the 503 as an ApiError', async () => {
    server = await startServer(replies(unavailable, unavailable, okFor(op.jobIdField)));
    await expect(op.call(clients(server.url, undefined, { retry: FAST }))).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('a connection cut is one request and a NetworkError', async () => {
    server = await startServer((_request, _index, res) => {
      res.socket?.destroy();
      return undefined;
    });
    await expect(op.call(clients(server.url, undefined, { retry: FAST }))).rejects.toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('a timeout is one request and a TimeoutError', async () => {
    server = await startServer((_request, index) => (index === 0 ? undefined : okFor(op.jobIdField)));
    // 1 s, not 100 ms: on a loaded machine a 100 ms attempt sometimes ended before its request reached the server (0 requests).
    await expect(op.call(clients(server.url, undefined, { retry: FAST }), { timeout: 1_000 })).rejects.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  const [retryEngine] = OPERATIONS;

  it('is waited for before the next attempt', async () => {
    server = await startServer(replies(json(429, { error_code: 'X', error_msg: 'slow down' }, { 'Retry-After': '1' }), okFor('jobId')));
    await retryEngine!.call(clients(server.url, undefined, { retry: FAST }));
    expect(server.requests).toHaveLength(2);
    // A lower bound only: the client must not come back before the server said it may.
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('longer than maxDelay ends the retries, and the error says how long to wait', async () => {
    server = await startServer(replies(json(503, { error_code: 'X', error_msg: 'later' }, { 'Retry-After': '120' }), okFor('jobId')));
    await expect(retryEngine!.call(clients(server.url, undefined, { retry: FAST }))).rejects.toMatchObject({
      status: 503,
      retryAfterMs: 120_000,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("the caller's signal ends the wait at once", async () => {
    server = await startServer(replies(json(503, { error_code: 'X', error_msg: 'later' }, { 'Retry-After': '5' }), okFor('jobId')));
    const controller = new AbortController();
    const reason = new Error('stop waiting');
    const call = retryEngine!.call(clients(server.url, undefined, { retry: { ...FAST, maxDelay: 10_000 } }), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 100);
    await expect(call).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });
});

describe('backoff arithmetic', () => {
  const policy = { maxAttempts: 5, baseDelay: 100, maxDelay: 1_000 };

  it('waits a random part of baseDelay * 2^(attempt-1), capped at maxDelay', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(policy, attempt, undefined, () => 0.999999))).toEqual([99, 199, 399, 799]);
    expect(retryDelay({ ...policy, maxAttempts: 9 }, 6, undefined, () => 0.999999)).toBe(999);
    expect(retryDelay(policy, 3, undefined, () => 0)).toBe(0);
  });

  it('stops at maxAttempts', () => {
    expect(retryDelay(policy, 5, undefined, () => 0.5)).toBeUndefined();
  });

  it('takes Retry-After as given, up to maxDelay', () => {
    expect(retryDelay(policy, 1, 700)).toBe(700);
    expect(retryDelay(policy, 1, 1_001)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-03-14T09:26:53Z');
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Fri, 14 Mar 2025 09:26:55 GMT', now)).toBe(2_000);
    expect(retryAfterMs('Fri, 14 Mar 2025 09:26:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

