/**
 * Operation functions send through one of two paths: without middleware, openapi-fetch builds a
 * CallRequest and the transport hands back the buffered answer as its parts (src/client/transport.ts);
 * once middleware is registered, real Requests and Responses, which middleware is promised. Both
 * must behave alike: the same bytes on the wire, the same results and the same errors, for every
 * operation, with a token and with AK/SK.
 */
import { describe, it } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import type { Auth } from '../../src/index.js';
import { AUTHS, clients, OPERATIONS, TOKEN } from './fixtures.js';
import { json, replies, startServer, type Received, type Script } from './server.js';

/** A middleware that changes nothing: its presence alone moves the calls onto real Requests. */
const watching: Middleware = { onRequest: () => undefined, onResponse: () => undefined };
const PATHS: Middleware[][] = [[], [watching]];
/** A custom fetch is handed a Request the transport builds, on either path. */
const FETCHES: [string, object][] = [
  ['global fetch', {}],
  ['a custom fetch', { fetch: (request: Request) => fetch(request) }],
];
const FAST = { maxAttempts: 3, baseDelay: 5, maxDelay: 50 };

/** What a request carried, with the parts that depend on the clock or the server's port left out. */
function wire(r: Received, origin: string) {
  const { host, date: _d, connection: _c, 'x-sdk-date': sdkDate, authorization, ...headers } = r.headers;
  return {
    toItsServer: `http://${host}` === origin,
    method: r.method,
    url: r.url,
    body: r.body,
    headers,
    signed: sdkDate !== undefined,
    // The signature changes with the date; which headers it covers must not.
    signedHeaders: typeof authorization === 'string' ? /SignedHeaders=([^,]+)/.exec(authorization)?.[1] : undefined,
  };
}

/** The outcome of `op` against `script`, through the path `options.middleware` selects, and what reached the server. */
async function outcome(op: (typeof OPERATIONS)[number], auth: Auth, options: object, script: Script, extra: object = {}) {
  const server = await startServer(script);
  try {
    const settled = await op.call(clients(server.url, auth, { ...options, retry: FAST }), extra).then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error instanceof Error ? { ...error, name: error.name, message: error.message, class: error.constructor.name } : error }),
    );
    return { settled, sent: server.requests.map((r) => wire(r, server.url)) };
  } finally {
    await server.close();
  }
}

const SCENARIOS: [string, (jobIdField: string) => Script, object?][] = [
  ['a 2xx with an integer job ID beyond 2^53', (field) => replies({ ...json(200, {}), body: `{"id":"x","${field}":12345678901234567890123}` })],
  ['a 2xx whose body is not JSON', () => replies({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' })],
  ['a provider error', () => replies(json(403, { error_code: 'APIGW.0305', error_msg: `token ${TOKEN} refused` }))],
  ['an HTML error page', () => replies({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>bad gateway</html>' })],
  ['a redirect', () => replies({ status: 302, headers: { Location: `https://elsewhere.example/?t=${TOKEN}` }, body: '' })],
  ['a 503 before the answer (retried where allowed)', (field) => replies({ status: 503, body: '' }, json(200, { id: 'x', [field]: '7' }))],
  ['a 204 without a body', () => replies({ status: 204 })],
  [
    'an answer that stalls past the timeout',
    () => (_request, _index, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).write('{"id":'),
    // The deadline covers the whole call, sending included: 100 ms ran out before a request left a loaded machine
    // (a fresh clone's CI run), and the server never finishes this answer, so a longer one only waits longer.
    { timeout: 1_000 },
  ],
];

// Side by side (vitest's maxConcurrency at a time): each case has servers of its own, and the stalled answers wait
// out their deadlines together.
describe.concurrent.each(AUTHS.flatMap(([a, auth]) => FETCHES.map(([f, withFetch]) => [`${a}, ${f}`, auth, withFetch] as const)))('auth by %s', (_, auth, withFetch) => {
  describe.each(OPERATIONS.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
    it.for(SCENARIOS)('%s: same wire, same outcome on both paths', async ([_name, script, extra], { expect }) => {
      const [call, request] = [
        await outcome(op, auth, { ...withFetch, middleware: PATHS[0]! }, script(op.jobIdField), extra),
        await outcome(op, auth, { ...withFetch, middleware: PATHS[1]! }, script(op.jobIdField), extra),
      ];
      expect(call.sent.length).toBeGreaterThan(0);
      expect(call.sent).toEqual(request.sent);
      expect(call.settled).toEqual(request.settled);
    });
  });
});
