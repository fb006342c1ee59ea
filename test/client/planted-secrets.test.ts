/**
 * Every secret the client holds, planted in every channel the server or the environment controls
 * (reason phrase, each header copied into an error, JSON keys and values at any depth, raw bodies,
 * a thrown error's name, message, code and causes at any depth, AggregateError members, a thrown
 * non-Error), must be absent from the error's message, stack, every field at any depth,
 * JSON.stringify(error) and util.inspect(error).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, InvalidResponseError, NetworkError, type Auth } from '../../src/index.js';
import { AKSK, clients, OPERATIONS, TOKEN } from './fixtures.js';
import { printed } from './printed.js';
import { startServer, type Reply, type TestServer } from './server.js';

const AUTHS: [string, Auth][] = [
  ['token', { token: TOKEN }],
  ['AK/SK and a security token', AKSK],
  // `"` and `\` are escaped in JSON text, so a search of the serialised body would miss them.
  ['a token with JSON escapes in it', { token: 'tok"en\\with-json-specials-0123456789' }],
];

const secretsOf = (auth: Auth) => Object.values(auth).filter((v): v is string => typeof v === 'string');

function expectClean(error: unknown, auth: Auth): void {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  const texts = printed(e);
  for (const secret of secretsOf(auth)) for (const text of texts) expect(text).not.toContain(secret);
  expect(texts.join('\n')).toContain('[REDACTED]'); // the planting did reach the error
}

/** Headers a hostile server fills with the secrets. */
const plantedHeaders = (all: string) => ({ 'X-Request-Id': all, Location: `http://127.0.0.1:9/${all}`, 'Retry-After': all });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(AUTHS)('%s', (_name, auth) => {
  const secrets = secretsOf(auth);
  const all = secrets.join(' ');
  const nested = (depth: number): unknown => (depth === 0 ? all : { [all]: [all, nested(depth - 1)] });

  const CHANNELS: [string, typeof ApiError | typeof InvalidResponseError, Reply][] = [
    [
      'a JSON error: reason phrase, headers, keys and values at depth',
      ApiError,
      {
        status: 400,
        reason: `Bad ${all}`,
        headers: { 'Content-Type': 'application/json', ...plantedHeaders(all) },
        body: JSON.stringify({ error_code: all, error_msg: all, detail: all, encoded_authorization_message: all, deep: nested(12) }),
      },
    ],
    ['a non-JSON error page', ApiError, { status: 502, reason: all, headers: { 'Content-Type': 'text/html', ...plantedHeaders(all) }, body: `<pre>${all}</pre>` }],
    ['a redirect', ApiError, { status: 302, reason: all, headers: plantedHeaders(all), body: all }],
    ['a 2xx that is not JSON', InvalidResponseError, { status: 200, reason: all, headers: plantedHeaders(all), body: `<p>${all}</p>` }],
    [
      'a 2xx JSON body with an unusable job ID',
      InvalidResponseError,
      { status: 201, reason: all, headers: { 'Content-Type': 'application/json', ...plantedHeaders(all) }, body: `{"jobId":1e21,"task_id":"","job_id":[],"x":${JSON.stringify(all)}}` },
    ],
  ];

  describe.each(OPERATIONS)('$operationId', (op) => {
    it.each(CHANNELS)('%s', async (_channel, type, reply) => {
      server = await startServer(() => reply);
      const error = await op.call(clients(server.url, auth)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expectClean(error, auth);
    });
  });

  it('a custom fetch error: name, message, code, causes at depth, AggregateError members', async () => {
    const fetch = async (): Promise<Response> => {
      let cause: unknown = Object.assign(new Error(all), { name: all, code: all, syscall: all, address: all });
      for (let i = 0; i < 5; i++) cause = Object.assign(new Error(`level ${i} ${all}`, { cause }), { name: `E${i} ${all}` });
      const aggregate = new AggregateError([new Error(all), Object.assign(new Error('x'), { name: all })], all, { cause });
      throw Object.assign(new TypeError(`fetch failed ${all}`, { cause: aggregate }), { name: all, code: all });
    };
    const error = await OPERATIONS[0]!.call(clients('http://127.0.0.1:9', auth, { fetch })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expectClean(error, auth);
  });

  it('a custom fetch that rejects with an AggregateError', async () => {
    const fetch = async (): Promise<Response> => {
      throw new AggregateError([Object.assign(new Error(all), { name: all, cause: new Error(all) })], all);
    };
    const error = await OPERATIONS[0]!.call(clients('http://127.0.0.1:9', auth, { fetch })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expectClean(error, auth);
  });

  it('a custom fetch that throws a non-Error with the secrets in its text', async () => {
    const fetch = async (): Promise<Response> => {
      throw { toString: () => `thrown ${all}` };
    };
    const error = await OPERATIONS[0]!.call(clients('http://127.0.0.1:9', auth, { fetch })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expectClean(error, auth);
  });

  it('a custom fetch that answers with the secrets in its status text and headers', async () => {
    const fetch = async (): Promise<Response> =>
      new Response(all, { status: 503, statusText: 'Unavailable', headers: { 'X-Request-Id': all, Location: all } });
    const error = await OPERATIONS[0]!.call(clients('http://127.0.0.1:9', auth, { fetch })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expectClean(error, auth);
  });
});
