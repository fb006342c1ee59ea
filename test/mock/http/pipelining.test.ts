/**
 * Pipelining, on raw sockets: requests sent back to back on one connection, before any answer,
 * each get their own answer, in order. When the bytes after complete requests break the connection
 * (garbage, headers over the limit, a broken chunk, headers that never end), those requests are
 * answered first, then the error, and only then does the connection close: no request's answer is
 * lost or replaced, and every job an answer announces can be followed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../../src/mock/index.js';
import { AUTH, operation } from '../fixtures.js';
import { RawConnection, requestBytes, type RawAnswer } from '../raw-http.js';

const TIMEOUT_MS = 300;
const retry = operation('RetryEngine');
const body = JSON.stringify(retry.body);
const valid = requestBytes(retry.method, retry.path, [['Host', 'mock'], ...Object.entries(AUTH), ['Content-Type', 'application/json'], ['Content-Length', String(body.length)]], body);
const head = `${retry.method} ${retry.path} HTTP/1.1\r\nHost: mock\r\nX-Auth-Token: t\r\nContent-Type: application/json\r\n`;

/** What follows the valid request on the connection, and what it must get (after the valid request's 200). */
const FOLLOWERS: [string, string, { status: number; closes: boolean; says?: string }][] = [
  ['garbage', 'GARBAGE\r\n\r\n', { status: 400, closes: true, says: 'request: malformed HTTP (HPE_' }],
  ['control bytes', '\u0000\u0001\u0002\r\n\r\n', { status: 400, closes: true, says: 'request: malformed HTTP (HPE_' }],
  ['headers over 16 KiB', `${head}X-Big: ${'x'.repeat(20_000)}\r\n\r\n`, { status: 431, closes: true, says: 'request: headers larger than the limit of 16 KiB' }],
  ['a request with a broken chunk size', `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, { status: 400, closes: true, says: 'HPE_INVALID_CHUNK_SIZE' }],
  ['headers that never end', `${head}X-Slow: 1\r\n`, { status: 408, closes: true, says: `request: headers not received within ${TIMEOUT_MS} ms` }],
  ['a second valid request', valid.toString('latin1'), { status: 200, closes: false }],
  ['a request with a malformed JSON body', `${head}Content-Length: 3\r\n\r\n{x}`, { status: 400, closes: false, says: 'body: malformed JSON' }],
  ['a request for no operation', 'GET /v2/nowhere HTTP/1.1\r\nHost: mock\r\n\r\n', { status: 404, closes: false, says: 'no path matched' }],
];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ headersTimeoutMs: TIMEOUT_MS, bodyTimeoutMs: TIMEOUT_MS });
});
afterAll(() => mock?.stop());

/** Writes the bytes at once on a new connection and reads `count` answers, then whether the mock closed the connection. */
async function pipeline(bytes: Buffer, count: number): Promise<{ answers: RawAnswer[]; closed: boolean }> {
  const connection = await RawConnection.open(mock.url);
  try {
    connection.write(bytes);
    const answers: RawAnswer[] = [];
    for (let i = 0; i < count; i++) {
      const answer = await connection.read(5_000);
      if (typeof answer === 'string') throw new Error(`answer ${i + 1} of ${count}: ${answer} (got ${answers.map((a) => a.status).join(', ')})`);
      answers.push(answer);
    }
    return { answers, closed: (await connection.read(TIMEOUT_MS * 3)) === 'closed' };
  } finally {
    connection.close();
  }
}

/** The job an action's answer announces can be followed: its status operation knows it. */
async function followable(answer: RawAnswer): Promise<void> {
  const jobId = JSON.parse(answer.body).jobId as number;
  const status = await fetch(`${mock.url}${retry.path.replace(/actions$/, `jobs/${jobId}`)}`, { headers: AUTH });
  expect(status.status).toBe(200);
  expect((await status.json()).id).toBe(jobId);
}

describe('a valid request, then on the same connection before its answer:', () => {
  it.each(FOLLOWERS)('%s: the valid request gets its 200 (its job can be followed), then the next its own answer', async (_, follower, expected) => {
    const { answers, closed } = await pipeline(Buffer.concat([valid, Buffer.from(follower, 'latin1')]), 2);
    const [first, second] = answers as [RawAnswer, RawAnswer];
    expect(first.status, first.body).toBe(200);
    await followable(first);
    expect(second.status, second.body).toBe(expected.status);
    if (expected.says) expect(JSON.parse(second.body).error_msg).toContain(expected.says);
    expect(closed).toBe(expected.closes);
  });
});

it('three valid requests, then garbage: three 200s in the order sent (job IDs counting up), then the 400, then the connection closes', async () => {
  const { answers, closed } = await pipeline(Buffer.concat([valid, valid, valid, Buffer.from('GARBAGE\r\n\r\n')]), 4);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 400]);
  const ids = answers.slice(0, 3).map((a) => JSON.parse(a.body).jobId as number);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(3);
  for (const answer of answers.slice(0, 3)) await followable(answer);
  expect(closed).toBe(true);
});

it('garbage that arrives while the first answer is being prepared waits for it too', async () => {
  const connection = await RawConnection.open(mock.url);
  try {
    connection.write(valid);
    connection.write('GARBAGE\r\n\r\n');
    connection.write('more garbage after the error\r\n\r\n');
    const first = await connection.read(5_000);
    const second = await connection.read(5_000);
    expect(typeof first === 'string' ? first : first.status).toBe(200);
    expect(typeof second === 'string' ? second : second.status).toBe(400);
    expect(await connection.read(2_000)).toBe('closed');
  } finally {
    connection.close();
  }
});
