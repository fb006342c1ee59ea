/**
 * Options that travel in a header (token, AK, SK, security token, enterpriseProjectId) and the
 * projectId: a value fetch would refuse, or would silently change, is a TypeError when the client
 * is made (or the call, for call options) that names the option and never contains the value.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createCseClient, createServiceStageClient, createWorkspaceClient } from '../../src/index.js';
import { AKSK, ANY_JOB, ENGINE, PROJECT, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

/** Each wraps a real-looking secret, so a message that repeated the value would show it. */
const BAD: [string, (secret: string) => string][] = [
  ['a trailing line feed (read from a file)', (s) => `${s}\n`],
  ['a line break inside', (s) => `${s.slice(0, 10)}\nline2${s.slice(10)}`],
  ['CR LF and a second header', (s) => `${s}\r\nX-Injected: 1`],
  ['NUL', (s) => `${s}\u0000`],
  ['another control byte', (s) => `\u0001${s}`],
  ['DEL', (s) => `${s}\u007f`],
  ['a C1 control', (s) => `${s}\u0085`],
  ['a non-Latin-1 character', (s) => `${s}€`],
  ['an emoji', (s) => `${s}😀`],
  ['a leading space (fetch would trim it)', (s) => ` ${s}`],
  ['a trailing space', (s) => `${s} `],
];

const FACTORIES = [
  ['createCseClient', createCseClient],
  ['createWorkspaceClient', createWorkspaceClient],
  ['createServiceStageClient', createServiceStageClient],
] as const;

const AUTH_FIELDS = [
  ['token', (value: string) => ({ token: value })],
  ['accessKey', (value: string) => ({ ...AKSK, accessKey: value })],
  ['secretKey', (value: string) => ({ ...AKSK, secretKey: value })],
  ['securityToken', (value: string) => ({ ...AKSK, securityToken: value })],
] as const;

/** The distinctive part of the value, which must not appear anywhere in the error. */
function expectNamedWithoutValue(error: unknown, label: string, secret: string): void {
  expect(error).toBeInstanceOf(TypeError);
  const e = error as TypeError;
  expect(e.message).toMatch(new RegExp(`^${label} (cannot be sent in an HTTP header|must be)`));
  for (const text of [e.message, String(e.stack), JSON.stringify(e), inspect(e, { showHidden: true })]) expect(text).not.toContain(secret);
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(FACTORIES)('%s', (factory, create) => {
  describe.each(AUTH_FIELDS)('auth.%s', (field, auth) => {
    const secret = field === 'token' ? TOKEN : AKSK[field];
    it.each(BAD)('with %s is a TypeError naming it, without the value', (_name, bad) => {
      const error = (() => {
        try {
          create({ baseUrl: 'http://127.0.0.1:9', projectId: PROJECT, auth: auth(bad(secret)) });
        } catch (e) {
          return e;
        }
      })();
      expectNamedWithoutValue(error, `${factory}: auth.${field}`, secret);
    });
  });
});

describe('enterpriseProjectId', () => {
  const EPS = '8c4a6b2e-7f3d-4e1a-9b0c-2d5e8f1a3b6c';

  it.each(BAD)('with %s is a TypeError when the client is made', (_name, bad) => {
    const error = (() => {
      try {
        createCseClient({ baseUrl: 'http://127.0.0.1:9', auth: { token: TOKEN }, enterpriseProjectId: bad(EPS) });
      } catch (e) {
        return e;
      }
    })();
    expectNamedWithoutValue(error, 'createCseClient: enterpriseProjectId', EPS);
  });

  it.each(BAD)('with %s is a TypeError from the call, and nothing is sent', async (_name, bad) => {
    server = await startServer(replies(json(200, ANY_JOB)));
    const cse = createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } });
    const error = await cse.retryEngine({ engineId: ENGINE, enterpriseProjectId: bad(EPS) }).catch((e: unknown) => e);
    expectNamedWithoutValue(error, 'retryEngine: enterpriseProjectId', EPS);
    expect(server.requests).toHaveLength(0);
  });
});

describe('valid values', () => {
  it('Latin-1 and inner spaces are sent as given (fetch accepts them)', async () => {
    server = await startServer(replies(json(200, ANY_JOB)));
    const token = `${TOKEN}-tökén with spaces`;
    const cse = createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: { token }, enterpriseProjectId: 'eps ä 1' });
    await cse.retryEngine({ engineId: ENGINE });
    // Node's server reads header bytes as Latin-1, so the characters arrive unchanged.
    expect(server.requests[0]!.headers['x-auth-token']).toBe(token);
    expect(server.requests[0]!.headers['x-enterprise-project-id']).toBe('eps ä 1');
  });

  it('AK/SK with a security token signs and sends', async () => {
    server = await startServer(replies(json(200, ANY_JOB)));
    await createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: AKSK }).retryEngine({ engineId: ENGINE });
    expect(server.requests[0]!.headers['x-security-token']).toBe(AKSK.securityToken);
    expect(server.requests[0]!.headers['authorization']).toContain(`Access=${AKSK.accessKey}`);
  });
});
