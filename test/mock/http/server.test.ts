/**
 * The mock's HTTP layer, byte by byte on raw sockets, on a mock of its own with short timeouts:
 * broken framing is answered 400 and the connection closed, slow clients 408 and closed, and
 * each case that once broke the CLI-based mock is answered and followed by a working request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../../src/mock/index.js';
import { launchMock } from '../../../src/mock/launch.js';
import { AUTH, JSON_BODY, badRequestCode, operation, operations } from '../fixtures.js';
import { validBytes } from '../malformed.js';
import { RawConnection, requestBytes, type RawAnswer } from '../raw-http.js';

const TIMEOUT_MS = 250;
const op = operation('RetryEngine');
const base: [string, string][] = [['Host', 'mock'], ...Object.entries(AUTH)];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ headersTimeoutMs: TIMEOUT_MS, bodyTimeoutMs: TIMEOUT_MS });
});
afterAll(() => mock?.stop());

/** Sends the bytes on a new connection; the answer, and (when asked) whether the mock then closed the connection. */
async function exchange(bytes: Buffer | string, url = mock.url, waitForClose = false): Promise<{ answer: RawAnswer; closed: boolean; ms: number }> {
  const connection = await RawConnection.open(url);
  const started = performance.now();
  connection.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  const answer = await connection.read(5_000);
  const ms = performance.now() - started;
  if (typeof answer === 'string') throw new Error(`no answer: ${answer}`);
  const closed = waitForClose && (await connection.read(2_000)) === 'closed';
  connection.close();
  return { answer, closed, ms };
}

async function stillServes(url = mock.url): Promise<void> {
  const { answer } = await exchange(validBytes(), url);
  expect(answer.status).toBe(200);
}

const head = `${op.method} ${op.path} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: t\r\nContent-Type: application/json\r\n`;

describe('broken framing: 400 in the provider shape, and the connection closed', () => {
  it.each([
    ['an invalid chunk size (left the CLI-based mock open for minutes)', `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
    ['a Content-Length that is no number', `${head}Content-Length: abc\r\n\r\n{}`],
    ['two different Content-Lengths', `${head}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
    ['Content-Length with Transfer-Encoding', `${head}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`],
    ['a control byte in a header value', `${head}X-Bad: a\u0001b\r\nContent-Length: 2\r\n\r\n{}`],
    ['a space in a header name', `${head}Bad Name: 1\r\nContent-Length: 2\r\n\r\n{}`],
    ['a request line that is no HTTP', 'GARBAGE\r\n\r\n'],
  ])('%s', async (_, bytes) => {
    const { answer, closed } = await exchange(bytes, mock.url, true);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error_code: 'MOCK.0400', error_msg: expect.stringMatching(/^request: malformed HTTP \(HPE_/) });
    expect(closed).toBe(true);
    await stillServes();
  });

  it('headers over 16 KiB: 431, closed', async () => {
    const { answer, closed } = await exchange(`${head}X-Big: ${'x'.repeat(20_000)}\r\n\r\n`, mock.url, true);
    expect(answer.status).toBe(431);
    expect(closed).toBe(true);
  });
});

describe('slow clients: 408 after the timeout, and the connection closed', () => {
  it('headers that never end', async () => {
    const { answer, closed, ms } = await exchange(`${head}X-Slow: 1\r\n`, mock.url, true);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).error_msg).toBe(`request: headers not received within ${TIMEOUT_MS} ms`);
    expect(closed).toBe(true);
    expect(ms).toBeLessThan(TIMEOUT_MS + 2_000);
    await stillServes();
  });

  it('a body shorter than its Content-Length', async () => {
    const { answer, closed } = await exchange(`${head}Content-Length: 100\r\n\r\n{"action":`, mock.url, true);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toEqual({ error_code: 'MOCK.0408', error_msg: `body: not received within ${TIMEOUT_MS} ms` });
    expect(closed).toBe(true);
    await stillServes();
  });
});

describe('requests that broke the CLI-based mock', () => {
  it('JSON nested 3,000 deep without credentials: 401 (it got 504); with them: 400', async () => {
    const deep = `${'['.repeat(3_000)}${']'.repeat(3_000)}`;
    const noAuth = await exchange(requestBytes(op.method, op.path, [['Host', 'mock'], ['Content-Type', 'application/json'], ['Content-Length', String(deep.length)]], deep));
    expect(noAuth.answer.status).toBe(401);
    const withAuth = await exchange(requestBytes(op.method, op.path, [...base, ['Content-Type', 'application/json'], ['Content-Length', String(deep.length)]], deep));
    expect(withAuth.answer.status).toBe(400);
    expect(JSON.parse(withAuth.answer.body)).toEqual({ error_code: badRequestCode(op), error_msg: 'Invalid request: body: JSON nested deeper than 64 levels (at character 65)' });
  });

  it('a body without Content-Type gets the content-type message, naming the header as missing', async () => {
    const body = JSON.stringify(op.body);
    const { answer } = await exchange(requestBytes(op.method, op.path, [...base, ['Content-Length', String(body.length)]], body));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error_msg).toBe('Invalid request: header.content-type: missing; supported content types: application/json');
  });
});

describe('a defect of the mock stays with its request', () => {
  it('an exception after Prism answers that request 500 MOCK.0500; the next request is served', async () => {
    let calls = 0;
    const failing = await launchMock({}, (answer) => {
      if (calls++ === 1) throw new Error('boom');
      return answer;
    });
    try {
      const { answer } = await exchange(validBytes(), failing.url);
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body)).toEqual({ error_code: 'MOCK.0500', error_msg: 'The mock failed (a defect of the mock): boom' });
      await stillServes(failing.url);
    } finally {
      await failing.stop();
    }
  });

  it('the step after Prism sees the operation and the parsed request', async () => {
    const seen: string[] = [];
    const tracing = await launchMock({}, (answer, { operation, input }) => {
      seen.push(`${operation?.iid} ${input.method} ${JSON.stringify(input.body)} ${answer.status}`);
      return answer;
    });
    try {
      await stillServes(tracing.url);
      expect(seen.at(-1)).toBe(`RetryEngine put ${JSON.stringify(op.body)} 200`);
    } finally {
      await tracing.stop();
    }
  });
});

describe('Accept and Prefer', () => {
  const json: [string, string][] = [...base, ['Content-Type', JSON_BODY['content-type']]];
  const ask = (extra: [string, string][]) => {
    const body = JSON.stringify(op.body);
    return exchange(requestBytes(op.method, op.path, [...json, ...extra, ['Content-Length', String(body.length)]], body));
  };

  it.each(['*/*;q=0', 'application/xml', 'text/html, application/xml;q=0.5'])('Accept: %s allows nothing served: 406 MOCK.0406', async (accept) => {
    const { answer } = await ask([['Accept', accept]]);
    expect(answer.status).toBe(406);
    expect(JSON.parse(answer.body)).toEqual({ error_code: 'MOCK.0406', error_msg: expect.stringContaining(accept.split(',')[0]!) });
  });

  it.each(['application/json', '*/*', 'application/*', 'application/json;q=0.5, text/html'])('Accept: %s gets the 200', async (accept) => {
    expect((await ask([['Accept', accept]])).answer.status).toBe(200);
  });

  it('Prefer: dynamic=true is refused with 422 MOCK.0422 (the mock answers documented examples only)', async () => {
    const { answer } = await ask([['Prefer', 'dynamic=true']]);
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.body)).toEqual({ error_code: 'MOCK.0422', error_msg: expect.stringContaining('dynamic=true is not supported') });
  });
});

it('every operation of the bundle is served (nothing here is specific to five)', () => {
  expect(operations.length).toBeGreaterThanOrEqual(5);
});

describe('X-Request-Id: every answer its own, as the provider gives each request', () => {
  const json: [string, string][] = [...base, ['Content-Type', 'application/json']];
  const bytes = (extra: [string, string][] = [], sent: unknown = op.body, target = op.path) => {
    const text = JSON.stringify(sent);
    return requestBytes(op.method, target, [...json, ...extra, ['Content-Length', String(Buffer.byteLength(text))]], text);
  };
  const documentedId = '9b3c1e0a6f2d4c8e8a7b5d4c3b2a1f0e'; // the spec's example value

  it('accepted, invalid, unauthenticated, unrouted, picked by status, malformed HTTP: 32 hex digits, never the same twice, never the example', async () => {
    const kinds: (Buffer | string)[] = [
      bytes(),
      bytes([], { action: 'nope' }),
      requestBytes(op.method, op.path, [['Host', 'mock'], ['Content-Type', 'application/json'], ['Content-Length', '2']], '{}'),
      bytes([], op.body, '/v2/nowhere'),
      bytes([['Prefer', 'code=200']]),
      bytes([['Prefer', 'code=500']]),
      bytes([['Prefer', 'return=minimal']]),
      'GARBAGE\r\n\r\n',
    ];
    const ids: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const request of kinds) ids.push((await exchange(request)).answer.headers['x-request-id']!);
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(documentedId);
  });

  it('a documented example picked by name keeps its documented X-Request-Id (the documented answer whole)', async () => {
    for (const prefer of ['example=RetryStarted', 'code=200, example=RetryStarted', 'example=InternalError']) {
      expect((await exchange(bytes([['Prefer', prefer]]))).answer.headers['x-request-id'], prefer).toBe(documentedId);
    }
  });
});
