/**
 * The request target's forms (RFC 9112 §3.2), on raw sockets: the absolute-form naming the mock
 * (what a client set to use the mock as its HTTP proxy sends) is served like the origin-form,
 * exactly as sent; another origin, the asterisk-form and the authority-form (CONNECT) get a clear
 * error in the provider's shape, never a silent close or a route error about a "path".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../../src/mock/index.js';
import { AUTH, operation } from '../fixtures.js';
import { RawConnection, requestBytes, type RawAnswer } from '../raw-http.js';

const retry = operation('RetryEngine');
const body = JSON.stringify(retry.body);
const headers: [string, string][] = [['Host', 'somewhere.else'], ...Object.entries(AUTH), ['Content-Type', 'application/json'], ['Content-Length', String(body.length)]];

let mock: RunningMock;
let port: string;
beforeAll(async () => {
  mock = await startMock();
  port = new URL(mock.url).port;
});
afterAll(() => mock?.stop());

/** One request on a new connection: its answer, and whether the mock then closed the connection. */
async function exchange(bytes: Buffer | string): Promise<{ answer: RawAnswer; closed: boolean }> {
  const connection = await RawConnection.open(mock.url);
  try {
    connection.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
    const answer = await connection.read(5_000);
    if (typeof answer === 'string') throw new Error(`no answer: ${answer}`);
    return { answer, closed: (await connection.read(300)) === 'closed' };
  } finally {
    connection.close();
  }
}

const action = (target: string) => exchange(requestBytes(retry.method, target, headers, body));
const error = (answer: RawAnswer) => JSON.parse(answer.body) as { error_code: string; error_msg: string };

describe('absolute-form naming the mock: served as its path and query, whatever Host says', () => {
  it.each([
    ['127.0.0.1', (p: string) => `http://127.0.0.1:${p}`],
    ['localhost', (p: string) => `http://localhost:${p}`],
    ['upper-case scheme and host', (p: string) => `HTTP://LOCALHOST:${p}`],
  ])('%s: the action starts a job, which an absolute-form status request follows', async (_, origin) => {
    const started = await action(`${origin(port)}${retry.path}`);
    expect(started.answer.status, started.answer.body).toBe(200);
    expect(started.answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    const jobId = JSON.parse(started.answer.body).jobId as number;
    const status = await exchange(requestBytes('GET', `${origin(port)}${retry.path.replace(/actions$/, `jobs/${jobId}`)}?x=1`, [['Host', 'mock'], ...Object.entries(AUTH)]));
    expect(status.answer.status, status.answer.body).toBe(200);
    expect(JSON.parse(status.answer.body).id).toBe(jobId);
    expect(status.closed).toBe(false);
  });

  it('the path is not normalised: dot segments and a bad escape get what the origin-form gets', async () => {
    for (const path of [retry.path.replace('/v2/', '/v2/../v2/'), retry.path.replace('/v2/', '/v2/%ZZ/')]) {
      const origin = await action(path);
      const absolute = await action(`http://127.0.0.1:${port}${path}`);
      expect(absolute.answer.status).toBe(origin.answer.status);
      expect(error(absolute.answer)).toEqual(error(origin.answer));
    }
  });

  it('no path (only a query) is the root path: no operation there', async () => {
    const { answer } = await exchange(`GET http://127.0.0.1:${port}?a=1 HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(404);
    expect(error(answer).error_code).toBe('APIGW.0101');
  });
});

describe('another origin: 421 MOCK.0421 (the mock is no proxy), nothing started', () => {
  it.each([
    ['another host', 'http://cse.cn-north-4.myhuaweicloud.com'],
    ['another port', 'http://127.0.0.1:1'],
    ['https', 'https://127.0.0.1:PORT'],
    ['another scheme', 'ftp://127.0.0.1:PORT'],
  ])('%s', async (_, origin) => {
    const { answer, closed } = await action(`${origin.replace('PORT', port)}${retry.path}`);
    expect(answer.status).toBe(421);
    expect(error(answer)).toEqual({ error_code: 'MOCK.0421', error_msg: expect.stringContaining(`is not this mock (http://127.0.0.1:${port}); the mock is no proxy`) });
    expect(closed).toBe(false);
  });
});

describe('forms that name no operation: 400 MOCK.0400 saying which', () => {
  it('a URL with user:password@ (refused without repeating it)', async () => {
    const { answer } = await action(`http://user:s3cr3t@127.0.0.1:${port}${retry.path}`);
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain('s3cr3t');
    expect(error(answer).error_msg).toBe('request target: a URL with user:password@ is not accepted');
  });

  it.each(['OPTIONS', 'GET'])('%s * (asterisk-form)', async (method) => {
    const { answer, closed } = await exchange(`${method} * HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(error(answer)).toEqual({ error_code: 'MOCK.0400', error_msg: 'request target: "*" is neither a path (/v2/...) nor a URL of this mock' });
    expect(closed).toBe(false);
  });

  it('CONNECT host:port (authority-form): answered, then the connection closes (it used to close without a word)', async () => {
    const { answer, closed } = await exchange(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(error(answer).error_msg).toContain('asks for a tunnel; the mock is no proxy');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(closed).toBe(true);
  });

  it.each([
    ['a long one, cut at 100 characters', `${'h'.repeat(5_000)}.example:443`, `"${'h'.repeat(100)}…"`],
    ['one with user:password@, not repeated', 'user:s3cr3t@127.0.0.1:443', '(a target with user:password@, not repeated)'],
  ])('CONNECT to %s: shown escaped, never whole', async (_, target, shown) => {
    const { answer } = await exchange(`CONNECT ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(error(answer).error_msg).toBe(`request target: CONNECT ${shown} asks for a tunnel; the mock is no proxy: send each request to it with its path (/v2/...)`);
    expect(answer.body).not.toContain('s3cr3t');
  });

  it('authority-form with another method: Node cannot parse it: 400, closed', async () => {
    const { answer, closed } = await exchange(`GET 127.0.0.1:${port} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(error(answer).error_msg).toMatch(/^request: malformed HTTP \(HPE_INVALID_URL/);
    expect(closed).toBe(true);
  });
});
