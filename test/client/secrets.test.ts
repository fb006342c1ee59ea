/**
 * No token, AK, SK or security token in any error: not in its message, toString, JSON, inspection
 * or cause chain, even when a gateway echoes the request headers back, or a custom fetch throws
 * with the request (and its headers) attached. Nothing is logged either.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, InvalidResponseError, NetworkError, TimeoutError, type Auth } from '../../src/index.js';
import { AKSK, AUTHS, clients, OPERATIONS, SECRETS } from './fixtures.js';
import { refusingUrl, startServer, type Received, type TestServer } from './server.js';


/** Every way an error gets printed or serialised, cause chain included. */
function renderings(error: unknown): string[] {
  const out = [String(error), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })];
  for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(e.message, String(e.stack), JSON.stringify(e));
  return out;
}

/** The client under test knows its own secrets only; those must all be gone. */
function expectNoSecrets(error: unknown, auth: Auth): void {
  const secrets = SECRETS.filter((s) => Object.values(auth).includes(s));
  expect(secrets.length).toBeGreaterThan(0);
  for (const text of renderings(error)) for (const secret of secrets) expect(text).not.toContain(secret);
}

/** The secret a credential is all about: the token, or the SK. */
const secretOf = (auth: Auth) => ('token' in auth && auth.token ? auth.token : (auth as typeof AKSK).secretKey);

/** All the request's headers, as a proxy that echoes them would write them. */
const echo = (r: Received) => Object.entries(r.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n');

let server: TestServer | undefined;
const logged: unknown[][] = [];
beforeEach(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args));
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  expect(logged, 'the client logs nothing').toEqual([]);
  await server?.close();
  server = undefined;
});

describe.each(AUTHS)('%s', (_name, auth) => {
  describe.each(OPERATIONS)('$operationId', (op) => {
    it('ApiError from a JSON body that echoes the credentials', async () => {
      server = await startServer((r) => ({
        status: 400,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ error_code: 'X.400', error_msg: echo(r), detail: echo(r), [secretOf(auth)]: secretOf(auth) }),
      }));
      const error = await op.call(clients(server.url, auth)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).errorMsg).toContain('[REDACTED]'); // the echo did happen
      expectNoSecrets(error, auth);
    });

    it('ApiError from an HTML page that echoes the credentials', async () => {
      server = await startServer((r) => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: `<pre>${echo(r)}</pre>` }));
      const error = await op.call(clients(server.url, auth)).catch((e: unknown) => e);
      expect((error as ApiError).rawBody).toContain('[REDACTED]');
      expectNoSecrets(error, auth);
    });

    it('InvalidResponseError from a 2xx page that echoes the credentials', async () => {
      server = await startServer((r) => ({ status: 200, body: `<pre>${echo(r)}</pre>` }));
      const error = await op.call(clients(server.url, auth)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).rawBody).toContain('[REDACTED]');
      expectNoSecrets(error, auth);
    });

    it('NetworkError from a custom fetch that throws with the request attached', async () => {
      const fetch = async (request: Request): Promise<Response> => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, name) => (headers[name] = value));
        throw Object.assign(new TypeError(`fetch failed for ${JSON.stringify(headers)}`), {
          request,
          config: { auth },
          code: `E_${secretOf(auth)}`,
          cause: Object.assign(new Error(`socket closed; secret=${secretOf(auth)}`), { headers }),
        });
      };
      const error = await op.call(clients('http://127.0.0.1:9', auth, { fetch })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message).toContain('[REDACTED]'); // the headers were in the message
      // Only name, message, stack, system-error fields and causes are kept from what fetch threw.
      expect(inspect(error, { depth: Infinity })).not.toMatch(/Request \{|config:|headers:/);
      expectNoSecrets(error, auth);
    });

    it('NetworkError from a refused connection', async () => {
      const error = await op.call(clients(await refusingUrl(), auth)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expectNoSecrets(error, auth);
    });

    it('TimeoutError', async () => {
      server = await startServer(() => undefined);
      const error = await op.call(clients(server.url, auth), { timeout: 50 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expectNoSecrets(error, auth);
    });
  });

  it('the client object itself shows no credentials', () => {
    const c = clients('http://127.0.0.1:9', auth);
    for (const client of Object.values(c)) {
      const text = inspect(client, { depth: Infinity, showHidden: true });
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});
