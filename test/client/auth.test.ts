/**
 * Auth on the wire. Token: X-Auth-Token. AK/SK: the server re-computes the signature from what it
 * received (signRequest matches the official SDK's signer: test/signer.test.ts), so the client must
 * have signed exactly the request that arrived: host, path, body, and every signed header.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCseClient, createWorkspaceClient, signRequest, type AkSkAuth } from '../../src/index.js';
import { AKSK, clients, OPERATIONS, PROJECT, SECRETS, TOKEN } from './fixtures.js';
import { json, startServer, type Received, type Script, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const okFor = (field: string): Script => () => json(200, { id: 'e', name: 'n', [field]: field === 'jobId' ? 1 : 'j' });

/** The Authorization value the server expects for what it received. */
async function expectedAuthorization(received: Received, origin: string, creds: AkSkAuth): Promise<string> {
  const signedNames = /SignedHeaders=([^,]+)/.exec(String(received.headers.authorization))![1]!.split(';');
  const headers = new Headers();
  for (const name of signedNames) {
    if (name !== 'x-sdk-date' && name !== 'x-security-token') headers.set(name, String(received.headers[name]));
  }
  const date = String(received.headers['x-sdk-date']).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
  const signed = await signRequest(
    { method: received.method, url: origin + received.url, headers, body: received.body },
    creds,
    new Date(date),
  );
  return signed['Authorization']!;
}

describe.each(OPERATIONS)('$operationId', (op) => {
  it('token: sent as X-Auth-Token, with no signature headers', async () => {
    server = await startServer(okFor(op.jobIdField));
    await op.call(clients(server.url, { token: TOKEN }));
    const [r] = server.requests;
    expect(r!.headers['x-auth-token']).toBe(TOKEN);
    expect(r!.headers).not.toHaveProperty('authorization');
    expect(r!.headers).not.toHaveProperty('x-sdk-date');
  });

  it('AK/SK: the signature verifies against the request as received', async () => {
    server = await startServer(okFor(op.jobIdField));
    const { accessKey, secretKey } = AKSK;
    await op.call(clients(server.url, { accessKey, secretKey }));
    const [r] = server.requests;
    expect(r!.headers.authorization).toMatch(
      new RegExp(`^SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`),
    );
    expect(r!.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(r!.headers).not.toHaveProperty('x-security-token');
    expect(r!.headers).not.toHaveProperty('x-auth-token');
    expect(r!.headers.authorization).toBe(await expectedAuthorization(r!, server.url, { accessKey, secretKey }));
    // What is signed: the host, the date and the body's type; not the User-Agent, which runtimes may rewrite.
    expect(/SignedHeaders=([^,]+)/.exec(r!.headers.authorization!)![1]!.split(';')).toEqual(
      expect.arrayContaining(['content-type', 'host', 'x-sdk-date']),
    );
    expect(r!.headers.authorization).not.toContain('user-agent');
  });

  it('temporary AK/SK: X-Security-Token is sent and signed', async () => {
    server = await startServer(okFor(op.jobIdField));
    await op.call(clients(server.url, AKSK));
    const [r] = server.requests;
    expect(r!.headers['x-security-token']).toBe(AKSK.securityToken);
    expect(r!.headers.authorization).toContain('x-security-token');
    expect(r!.headers.authorization).toBe(await expectedAuthorization(r!, server.url, AKSK));
  });
});

describe('AK/SK details', () => {
  it('headers added by middleware are signed, because signing comes after every middleware', async () => {
    server = await startServer(okFor('task_id'));
    const ws = createWorkspaceClient({
      baseUrl: server.url,
      projectId: PROJECT,
      auth: AKSK,
      middleware: [{ onRequest: ({ request }) => void request.headers.set('X-Trace-Id', 'trace-1') }],
    });
    await ws.retryScriptExecution({ taskId: 't' });
    const [r] = server.requests;
    expect(r!.headers['x-trace-id']).toBe('trace-1');
    expect(r!.headers.authorization).toContain('x-trace-id');
    expect(r!.headers.authorization).toBe(await expectedAuthorization(r!, server.url, AKSK));
  });

  it('X-Enterprise-Project-ID is signed on CSE calls', async () => {
    server = await startServer(okFor('jobId'));
    const cse = createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: AKSK, enterpriseProjectId: 'ep-1' });
    await cse.retryEngine({ engineId: 'e' });
    const [r] = server.requests;
    expect(r!.headers.authorization).toContain('x-enterprise-project-id');
    expect(r!.headers.authorization).toBe(await expectedAuthorization(r!, server.url, AKSK));
  });

  it('each retry is signed afresh', async () => {
    server = await startServer((_r, index) =>
      index === 0 ? json(503, { error_code: 'X', error_msg: 'x' }) : json(200, { id: 'e', name: 'n', jobId: 1 }),
    );
    await clients(server.url, AKSK, { retry: { baseDelay: 1 } }).cse.retryEngine({ engineId: 'e' });
    expect(server.requests).toHaveLength(2);
    for (const r of server.requests) expect(r.headers.authorization).toBe(await expectedAuthorization(r, server.url, AKSK));
  });
});

describe('auth option checks', () => {
  const bad: [string, unknown][] = [
    ['missing', undefined],
    ['empty', {}],
    ['an empty token', { token: '' }],
    ['a number as token', { token: 42 }],
    ['an AK without SK', { accessKey: AKSK.accessKey }],
    ['an SK without AK', { secretKey: AKSK.secretKey }],
    ['token and AK/SK together', { token: TOKEN, accessKey: AKSK.accessKey, secretKey: AKSK.secretKey }],
  ];

  it.each(bad)('%s: a TypeError that names no secret', (_name, auth) => {
    let error: unknown;
    try {
      createCseClient({ baseUrl: 'http://127.0.0.1:1', auth: auth as AkSkAuth });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^createCseClient: auth/);
    for (const secret of SECRETS) expect((error as Error).message).not.toContain(secret);
  });
});
