/**
 * No answer holds more memory than `maxResponseBytes` (8 MiB by default), timeout or not: a huge
 * body, an endless chunked one, a slow drip, a lying Content-Length (either way) and a compressed
 * bomb each end with a ResponseTooLargeError that names the operation and the limit, and the
 * connection is closed instead of read on. A body of exactly the limit is read; the limit holds for
 * error bodies, status polls and raw calls too, and bad values of the option are TypeErrors.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createCseClient, DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError } from '../../src/index.js';
import { clients, OPERATIONS, TOKEN } from './fixtures.js';
import { FOLLOWED } from './job-fixtures.js';
import { json, startServer, type TestServer } from './server.js';

const MiB = 1024 * 1024;
const [retryEngine] = OPERATIONS;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A server that answers each request with `chunk` again and again (as the socket takes it, every
 * `pace` ms when given) until `total` bytes or until the client goes away; `written` (all answers)
 * and `closed` (an answer's connection) tell what happened.
 */
async function pouring(options: { chunk: Buffer; total?: number; pace?: number; headers?: Record<string, string>; status?: number }) {
  const seen = { written: 0, closed: false, requests: 0 };
  const http: Server = createServer((_req, res: ServerResponse) => {
    seen.requests++;
    res.writeHead(options.status ?? 200, { 'Content-Type': 'application/json', ...options.headers });
    res.on('close', () => (seen.closed = true));
    let written = 0;
    const pour = (): void => {
      while (!res.destroyed && written < (options.total ?? Infinity)) {
        written += options.chunk.length;
        seen.written += options.chunk.length;
        const more = res.write(options.chunk);
        if (options.pace !== undefined) return void setTimeout(pour, options.pace);
        if (!more) return void res.once('drain', pour);
      }
      if (!res.destroyed) res.end();
    };
    pour();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server = {
    url,
    requests: [],
    close: () => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
  return { url, seen };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
};

function expectTooLarge(error: unknown, operation: string, limit: number) {
  expect(error).toBeInstanceOf(ResponseTooLargeError);
  expect(error).toMatchObject({ name: 'ResponseTooLargeError', operation, maxResponseBytes: limit, status: 200 });
  expect((error as Error).message).toContain(`${operation}: HTTP 200: the response body is larger than maxResponseBytes, ${limit} bytes`);
}

describe('the default limit, without a timeout', () => {
  it('is 8 MiB', () => expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(8 * MiB));

  it('a 256 MiB status body, chunked: reading stops after 8 MiB and the connection is closed', async () => {
    const { url, seen } = await pouring({ chunk: Buffer.alloc(64 * 1024, 'x'), total: 256 * MiB });
    const error = await clients(url).workspace.getJob(FOLLOWED[1].handle).catch((e: unknown) => e);
    expectTooLarge(error, 'ShowJob', DEFAULT_MAX_RESPONSE_BYTES);
    await until(() => seen.closed);
    expect(seen.closed).toBe(true);
    // What the socket buffers took before the client closed it, not the 256 MiB.
    expect(seen.written).toBeLessThan(48 * MiB);
  });

  it('a 256 MiB body with its Content-Length is refused unread', async () => {
    const { url, seen } = await pouring({ chunk: Buffer.alloc(64 * 1024, 'x'), total: 256 * MiB, headers: { 'Content-Length': String(256 * MiB) } });
    const error = await retryEngine!.call(clients(url)).catch((e: unknown) => e);
    expectTooLarge(error, 'RetryEngine', DEFAULT_MAX_RESPONSE_BYTES);
    expect(error).toMatchObject({ contentLength: 256 * MiB });
    await until(() => seen.closed);
    expect(seen.written).toBeLessThan(48 * MiB);
  });

  it('an endless chunked body ends the call (no timeout set)', async () => {
    const { url, seen } = await pouring({ chunk: Buffer.alloc(16 * 1024, ' ') });
    const error = await retryEngine!.call(clients(url)).catch((e: unknown) => e);
    expectTooLarge(error, 'RetryEngine', DEFAULT_MAX_RESPONSE_BYTES);
    await until(() => seen.closed);
    expect(seen.closed).toBe(true);
  });
});

describe('a lower limit', () => {
  const limit = 4096;
  const small = (url: string) => clients(url, { token: TOKEN }, { maxResponseBytes: limit });

  it('a slow drip (100 bytes every 5 ms, forever) ends after the limit, without a timeout', async () => {
    const { url, seen } = await pouring({ chunk: Buffer.alloc(100, ' '), pace: 5 });
    const error = await retryEngine!.call(small(url)).catch((e: unknown) => e);
    expectTooLarge(error, 'RetryEngine', limit);
    await until(() => seen.closed);
    expect(seen.closed).toBe(true);
    expect(seen.written).toBeLessThan(limit + 1000);
  });

  it('a Content-Length that says more than the limit is refused before a byte is read, even when the body would be short', async () => {
    const { url } = await pouring({ chunk: Buffer.from('{}'), total: 2, pace: 60_000, headers: { 'Content-Length': String(10 * MiB) } });
    const error = await retryEngine!.call(small(url)).catch((e: unknown) => e);
    expectTooLarge(error, 'RetryEngine', limit);
    expect(error).toMatchObject({ contentLength: 10 * MiB });
  });

  it('a Content-Length that says less than the body: the bytes are counted, not the header', async () => {
    let pulled = 0;
    const fetch = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            pulled += 1024;
            controller.enqueue(new Uint8Array(1024).fill(32));
          },
        }),
        { status: 200, headers: { 'Content-Length': '2', 'Content-Type': 'application/json' } },
      );
    const error = await retryEngine!.call(clients('http://127.0.0.1:9', { token: TOKEN }, { fetch, maxResponseBytes: limit })).catch((e: unknown) => e);
    expectTooLarge(error, 'RetryEngine', limit);
    expect(pulled).toBeLessThan(limit + 3 * 1024); // the stream was cancelled, not drained
  });

  it('a compressed body (gzip, 64 KiB on the wire, 64 MiB decoded) is counted decoded', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MiB, ' '));
    server = await startServer((_r, _i, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) }).end(bomb);
      return undefined;
    });
    expect(bomb.length).toBeLessThan(limit * 100);
    const error = await retryEngine!.call(clients(server.url, { token: TOKEN }, { maxResponseBytes: 10 * limit })).catch((e: unknown) => e);
    expectTooLarge(error, 'RetryEngine', 10 * limit);
  });

  it('a body of exactly the limit is read; one byte more is not', async () => {
    const body = (size: number) => JSON.stringify({ id: 'e', name: 'n', jobId: 7, pad: '' }).replace('""', `"${' '.repeat(size - 40)}"`);
    expect(body(limit)).toHaveLength(limit);
    server = await startServer((_r, index) => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: body(index === 0 ? limit : limit + 1) }));
    await expect(retryEngine!.call(small(server.url))).resolves.toMatchObject({ job: { jobId: '7' } });
    expectTooLarge(await retryEngine!.call(small(server.url)).catch((e: unknown) => e), 'RetryEngine', limit);
  });

  it('holds for error bodies too (an ApiError is never made from a truncated body)', async () => {
    const { url } = await pouring({ chunk: Buffer.alloc(1000, 'x'), total: 10 * limit, status: 500 });
    const error = await retryEngine!.call(small(url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status: 500, maxResponseBytes: limit });
  });

  it('ends a waitForJob at once (it is not a transient failure), and is not retried by `retry`', async () => {
    const { url, seen } = await pouring({ chunk: Buffer.alloc(1000, ' '), total: 10 * limit });
    const c = clients(url, { token: TOKEN }, { maxResponseBytes: limit, retry: { maxAttempts: 5, baseDelay: 1 } });
    expectTooLarge(await c.cse.waitForJob(FOLLOWED[0].handle, { interval: 5 }).catch((e: unknown) => e), 'ShowEngineJob', limit);
    expect(seen.requests).toBe(1);
    expectTooLarge(await retryEngine!.call(c).catch((e: unknown) => e), 'RetryEngine', limit);
    expect(seen.requests).toBe(2);
  });

  it('holds for raw calls, with or without middleware', async () => {
    const { url } = await pouring({ chunk: Buffer.alloc(1000, ' '), total: 10 * limit });
    for (const middleware of [[], [{ onRequest: () => undefined }]]) {
      const c = clients(url, { token: TOKEN }, { maxResponseBytes: limit, middleware });
      const error = await c.cse.raw.GET('/v2/{project_id}/enginemgr/engines/{engine_id}/jobs/{job_id}', {
        params: { path: { project_id: 'p', engine_id: 'e', job_id: '1' } },
      }).catch((e: unknown) => e);
      expectTooLarge(error, 'GET /v2/p/enginemgr/engines/e/jobs/1', limit);
    }
  });
});

describe('bad values', () => {
  it.each([0, -1, 1.5, Number.NaN, Infinity, 2 ** 53, '1000', 10n, null])('maxResponseBytes %s is a TypeError naming it', (value) => {
    expect(() => createCseClient({ baseUrl: 'http://127.0.0.1:9', auth: { token: TOKEN }, maxResponseBytes: value as never })).toThrow(
      /^createCseClient: maxResponseBytes must be a whole number from 1 to 9007199254740991 \(got /,
    );
  });
});
