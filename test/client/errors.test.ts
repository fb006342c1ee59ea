/**
 * Failures other than documented error bodies: a gateway's HTML page, empty and malformed bodies,
 * refused connections, timeouts (per attempt, covering the body too) and the caller's abort.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, InvalidResponseError, JobActionsError, NetworkError, TimeoutError } from '../../src/index.js';
import { clients, OPERATIONS } from './fixtures.js';
import { json, REQUEST_ID, refusingUrl, replies, startServer, type TestServer } from './server.js';

const GATEWAY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(OPERATIONS)('$operationId', (op) => {
  it('an HTML 502 from a gateway is an ApiError with the page as rawBody', async () => {
    server = await startServer(replies({ status: 502, headers: { 'Content-Type': 'text/html' }, body: GATEWAY_PAGE }));
    const error = await op.call(clients(server.url)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, rawBody: GATEWAY_PAGE, body: undefined, errorCode: undefined, requestId: undefined });
    expect((error as Error).message).toBe(`${op.operationId}: HTTP 502 Bad Gateway: non-JSON body (${GATEWAY_PAGE.length} characters)`);
  });

  it('a refused connection is a NetworkError naming the operation', async () => {
    const error = await op.call(clients(await refusingUrl())).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(JobActionsError);
    expect(error).toMatchObject({ operation: op.operationId, code: 'ECONNREFUSED' });
    expect((error as Error).message).toMatch(new RegExp(`^${op.operationId}: request failed: .*ECONNREFUSED`));
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('no answer within the timeout is a TimeoutError naming the operation', async () => {
    server = await startServer(() => undefined); // never answers
    const error = await op.call(clients(server.url), { timeout: 100 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ operation: op.operationId, timeout: 100 });
    expect((error as Error).message).toBe(`${op.operationId}: no complete response within 100 ms`);
  });
});

const [retryEngine] = OPERATIONS;

describe('error bodies', () => {
  it('an empty error body is an ApiError with an empty rawBody', async () => {
    server = await startServer(replies({ status: 500, headers: { 'X-Request-Id': REQUEST_ID } }));
    const error = await retryEngine!.call(clients(server.url)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 500, rawBody: '', requestId: REQUEST_ID });
    expect((error as Error).message).toBe(
      `RetryEngine: HTTP 500 Internal Server Error: empty body (X-Request-Id ${REQUEST_ID})`,
    );
  });

  it('a JSON error body without error_code keeps the body', async () => {
    server = await startServer(replies(json(404, { message: 'no route' })));
    const error = await retryEngine!.call(clients(server.url)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, body: { message: 'no route' }, rawBody: undefined, errorCode: undefined });
    expect((error as Error).message).toContain('JSON body without error_code');
  });
});

describe('2xx bodies that carry no job', () => {
  it.each([
    ['not JSON', { status: 200, body: '<html>ok</html>' }, 'the body is not JSON'],
    ['empty', { status: 200 }, 'the body is empty'],
    ['without the job ID', json(200, { id: 'e', name: 'n' }), 'the body has no jobId'],
    ['with a negative job ID', json(200, { id: 'e', name: 'n', jobId: -1 }), "the body's jobId is not a non-negative integer written in plain digits (got -1)"],
  ])('%s: InvalidResponseError', async (_name, reply, reason) => {
    server = await startServer(replies(reply));
    const error = await retryEngine!.call(clients(server.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, operation: 'RetryEngine', rawBody: reply.body ?? '' });
    expect((error as Error).message).toContain(`RetryEngine: HTTP 200 but ${reason}`);
  });
});

describe('timeouts and aborts', () => {
  it('the timer starts per request, not when the client is made', async () => {
    // Each answer takes 100 ms; together they take longer than the timeout, each alone far less.
    server = await startServer((_request, _index, res) => {
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"e","name":"n","jobId":1}'), 100);
      return undefined;
    });
    const c = clients(server.url, undefined, { timeout: 1000 });
    for (let i = 0; i < 12; i++) await expect(retryEngine!.call(c)).resolves.toMatchObject({ job: { jobId: '1' } });
  });

  it('a body that stalls after the headers times out too', async () => {
    server = await startServer((_request, _index, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id":');
      return undefined;
    });
    const error = await retryEngine!.call(clients(server.url), { timeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('a call timeout overrides the client timeout', async () => {
    server = await startServer(() => undefined);
    const error = await retryEngine!.call(clients(server.url, undefined, { timeout: 60_000 }), { timeout: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', timeout: 50 });
  });

  it("the caller's signal aborts with its own reason, before the timeout", async () => {
    server = await startServer(() => undefined);
    const reason = new Error('caller gave up');
    const controller = new AbortController();
    const call = retryEngine!.call(clients(server.url), { signal: controller.signal, timeout: 10_000 });
    setTimeout(() => controller.abort(reason), 50);
    await expect(call).rejects.toBe(reason);
  });

  it('an already aborted signal sends nothing', async () => {
    server = await startServer(replies(json(200, { id: 'e', name: 'n', jobId: 1 })));
    await expect(retryEngine!.call(clients(server.url), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.requests).toHaveLength(0);
  });
});
