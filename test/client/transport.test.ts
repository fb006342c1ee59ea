/**
 * The transport's shortcuts keep its promises: an attempt without a timeout uses the caller's
 * signal itself (no controller of its own), and globalThis.fetch gets the request plus an init
 * instead of a Request built first. The abort must still end the request on the wire, with the
 * caller's reason, with a token and with AK/SK, during the answer's headers or its body.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { AUTHS, clients, OPERATIONS } from './fixtures.js';
import { startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const retryEngine = OPERATIONS.find((op) => op.operationId === 'RetryEngine')!;

/**
 * A server that never finishes its answer (`stall`: headers and half a body; else nothing), telling
 * when a request has arrived and when the client hangs up.
 */
async function hangingServer(stall: boolean) {
  let arrived!: () => void;
  let hungUp!: () => void;
  const received = new Promise<void>((resolve) => (arrived = resolve));
  const closed = new Promise<void>((resolve) => (hungUp = resolve));
  server = await startServer((_request, _index, res: ServerResponse) => {
    res.once('close', hungUp);
    if (stall) res.writeHead(200, { 'Content-Type': 'application/json' }).write('{"id":');
    arrived();
    return undefined;
  });
  return { url: server.url, received, closed };
}

describe.each(AUTHS)('no timeout, auth by %s', (_, auth) => {
  it.each([
    ['before the answer', false],
    ['in the middle of the body', true],
  ])("the caller's signal alone aborts the request %s, with its reason, and the connection is closed", async (_when, stall) => {
    const { url, received, closed } = await hangingServer(stall);
    const reason = new Error('caller gave up');
    const controller = new AbortController();
    const call = retryEngine.call(clients(url, auth), { signal: controller.signal });
    call.catch(() => {}); // awaited below, once the server has the request
    // Only once the server has the request: on a loaded machine a fixed delay may abort it unsent.
    await received;
    setTimeout(() => controller.abort(reason), 20);
    await expect(call).rejects.toBe(reason);
    await closed; // the request really ended on the wire; the test times out otherwise
  });

  it('with neither a signal nor a timeout, answers still arrive and are read whole', async () => {
    server = await startServer((_request, index) => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'e', name: 'n', jobId: index + 1, pad: 'x'.repeat(200_000) }),
    }));
    const c = clients(server.url, auth);
    for (let i = 1; i <= 3; i++) await expect(retryEngine.call(c)).resolves.toMatchObject({ job: { jobId: String(i) } });
    expect(server.requests.map((r) => r.body)).toEqual(Array(3).fill('{"action":"Retry"}'));
  });
});
