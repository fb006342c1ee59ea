/**
 * Timers are bounded and hold. Every option that sets a delay refuses, before anything is sent, a
 * value no timer can honour (NaN, Infinity, 0, negative, below 1 ms, beyond 2^31-1 ms, where Node's
 * timers overflow and fire after 1 ms, or not a number); every delay the client computes from valid
 * options and from what servers send (interval x jitter, backoff, Retry-After dates and seconds,
 * timeouts) is handed to setTimeout between 0 and 2^31-1 ms, whatever the inputs; and the
 * per-attempt timeout (and the caller's abort) ends a call even when a custom fetch ignores the
 * request's signal.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCseClient, TimeoutError } from '../../src/index.js';
import { ANY_JOB, clients, OPERATIONS, PUT_OPERATIONS, TOKEN } from './fixtures.js';
import { FOLLOWED, cseBody } from './job-fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

const LIMIT = 2 ** 31 - 1;
const options = { baseUrl: 'http://127.0.0.1:9', auth: { token: TOKEN } };

let server: TestServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** Values no timer can honour, or that are not numbers of milliseconds at all. */
const ABSURD: unknown[] = [Number.NaN, Infinity, -Infinity, -1, 0, 0.5, 1e-300, LIMIT + 1, 2 ** 53, 1e300, '1000', null, 10n, {}];

describe('options a timer cannot honour are refused up front, naming the option', () => {
  const message = (where: string) => new RegExp(`^${where.replace(/[.()]/g, '\\$&')} must be a number of milliseconds from 1 to ${LIMIT} \\(about 24.8 days; got `);

  it.each(ABSURD)('client options: %s', (value) => {
    for (const [name, extra] of [
      ['timeout', { timeout: value }],
      ['retry.baseDelay', { retry: { baseDelay: value } }],
      ['retry.maxDelay', { retry: { maxDelay: value } }],
    ] as const) {
      expect(() => createCseClient({ ...options, ...extra } as never), name).toThrow(message(`createCseClient: ${name}`));
    }
  });

  it.each(ABSURD)('call and getJob options: %s; nothing is sent', async (value) => {
    server = await startServer(() => json(200, ANY_JOB));
    const c = clients(server.url);
    await expect(OPERATIONS[0]!.call(c, { timeout: value })).rejects.toThrow(message('retryEngine: timeout'));
    await expect(OPERATIONS[0]!.call(c, { retry: { maxDelay: value } })).rejects.toThrow(message('retryEngine: retry.maxDelay'));
    await expect(c.cse.getJob(FOLLOWED[0].handle, { timeout: value as number })).rejects.toThrow(message('getJob: timeout'));
    expect(server.requests).toHaveLength(0);
  });

  it.each(ABSURD)('waitForJob options: %s; nothing is sent', async (value) => {
    server = await startServer(() => json(200, cseBody('Finished')));
    const { cse } = clients(server.url);
    for (const [name, wait] of [
      ['interval', { interval: value }],
      ['interval.initial', { interval: { initial: value } }],
      ['interval.max', { interval: { initial: 1, max: value } }],
      ['timeout', { timeout: value }],
    ] as const) {
      // An object is a valid `interval` shape (its absent fields take the defaults); other non-numbers get their own message.
      if (name === 'interval' && typeof value === 'object' && value !== null) continue;
      const expected = name === 'interval' && typeof value !== 'number' ? /^waitForJob: interval must be a number or \{ initial\?, max\? \}/ : message(`waitForJob: ${name}`);
      await expect(cse.waitForJob(FOLLOWED[0].handle, wait as never), name).rejects.toThrow(expected);
    }
    expect(server.requests).toHaveLength(0);
  });

  it.each([-1, 1.5, Number.NaN, Infinity, '3', null])('waitForJob retries %s; retry.maxAttempts 0, 1.5, NaN, Infinity, 2^53', async (value) => {
    await expect(clients('http://127.0.0.1:9').cse.waitForJob(FOLLOWED[0].handle, { retries: value as number })).rejects.toThrow(
      /^waitForJob: retries must be a non-negative integer/,
    );
    for (const maxAttempts of [0, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(() => createCseClient({ ...options, retry: { maxAttempts } })).toThrow(/^createCseClient: retry.maxAttempts must be a whole number from 1 to/);
    }
  });
});

/** Records the delay of every timer set from now on (the client's, and any of fetch's). */
function timerDelays(): number[] {
  const delays: number[] = [];
  const original = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...args: unknown[]) => {
    delays.push(ms as number);
    return original(fn, ms, ...args);
  }) as typeof setTimeout);
  return delays;
}

const expectTimerSafe = (delays: number[]) => {
  expect(delays.length).toBeGreaterThan(0);
  for (const ms of delays) expect(ms >= 0 && ms <= LIMIT, `setTimeout(${ms})`).toBe(true);
};

describe('every delay the client computes stays within what timers accept', () => {
  /** Runs `work` for 300 ms, then aborts it; resolves with what it settled with. */
  async function briefly(work: (signal: AbortSignal) => Promise<unknown>) {
    const controller = new AbortController();
    const stop = setTimeout(() => controller.abort(new Error('stopped by the test')), 300);
    try {
      return await work(controller.signal).catch((e: unknown) => e);
    } finally {
      clearTimeout(stop);
    }
  }

  it.each([
    ['a fixed interval of 2^31-1 ms', { interval: LIMIT }],
    ['an initial interval of 2^31-1 ms (its max defaults to it)', { interval: { initial: LIMIT } }],
    ['intervals growing to 2^31-1 ms', { interval: { initial: LIMIT - 1, max: LIMIT } }],
  ])('waitForJob with %s and the largest jitter: one poll, then a wait of at most 2^31-1 ms (not a timer that fires at once)', async (_name, wait) => {
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    server = await startServer(replies(json(200, cseBody('Executing'))));
    const delays = timerDelays();
    const error = await briefly((signal) => clients(server!.url).cse.waitForJob(FOLLOWED[0].handle, { ...wait, timeout: LIMIT, signal }));
    expect((error as Error).message).toBe('stopped by the test');
    expect(server.requests).toHaveLength(1);
    expectTimerSafe(delays);
    expect(delays).toContain(LIMIT);
  });

  it.each([
    ['an HTTP date in the year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT', false],
    ['400 digits of seconds', '9'.repeat(400), false],
    ['a date before 1970 (so: now)', 'Thu, 01 Jan 1903 00:00:00 GMT', true],
  ])('Retry-After %s: waitForJob waits at least the interval, at most 10 minutes; retries stop at once beyond maxDelay', async (_name, retryAfter, now) => {
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    server = await startServer(replies(json(503, { error_code: 'X.503', error_msg: 'busy' }, { 'Retry-After': retryAfter })));
    const delays = timerDelays();
    await briefly((signal) => clients(server!.url).cse.waitForJob(FOLLOWED[0].handle, { signal, retries: 1e9 }));
    expect(server.requests).toHaveLength(1); // not polls back to back
    const c = clients(server.url, undefined, { retry: { maxAttempts: 3, baseDelay: LIMIT, maxDelay: LIMIT } });
    const error = await OPERATIONS[0]!.call(c, { timeout: LIMIT }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, retryAfterMs: now ? 0 : expect.any(Number) });
    // Beyond maxDelay: no retry; "now": the attempts go out at once, maxAttempts of them.
    expect(server.requests).toHaveLength(now ? 4 : 2);
    expectTimerSafe(delays);
  });

  it('backoff with baseDelay and maxDelay 2^31-1 and 2^53-1 attempts: each wait at most 2^31-1 ms', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    server = await startServer(replies(json(503, { error_code: 'X.503', error_msg: 'busy' })));
    const delays = timerDelays();
    const c = clients(server.url, undefined, { retry: { maxAttempts: 2 ** 53 - 1, baseDelay: LIMIT, maxDelay: LIMIT } });
    const error = await briefly((signal) => OPERATIONS[0]!.call(c, { signal, timeout: LIMIT }));
    expect((error as Error).message).toBe('stopped by the test');
    expect(server.requests).toHaveLength(1);
    expectTimerSafe(delays);
  });
});

describe('bounds', () => {
  it.each([
    ['timeout', { timeout: LIMIT + 1 }, LIMIT + 1],
    ['timeout', { timeout: 30 * 24 * 3600 * 1000 }, 2_592_000_000],
    ['retry.baseDelay', { retry: { baseDelay: LIMIT + 1 } }, LIMIT + 1],
    ['retry.maxDelay', { retry: { maxDelay: 2 ** 32 } }, 2 ** 32],
  ])('%s above 2^31-1 ms is a TypeError when the client is made', (name, extra, got) => {
    expect(() => createCseClient({ ...options, ...extra })).toThrow(
      new TypeError(`createCseClient: ${name} must be a number of milliseconds from 1 to ${LIMIT} (about 24.8 days; got ${got})`),
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
    await expect(OPERATIONS[0]!.call(clients(server.url), extra)).rejects.toThrow(new RegExp(`^retryEngine: ${name} must be a number of milliseconds from 1 to ${LIMIT}`));
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
