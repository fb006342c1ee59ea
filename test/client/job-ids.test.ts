/**
 * `job.jobId` is the top-level member JSON.parse used for `body`, as the exact digits of an integer
 * (also beyond 2^53, up to the int64 the spec gives); anything that is not an integer in plain
 * digits, or not a non-empty string, is an InvalidResponseError naming the field. And a hostile body (deeply nested) is still a
 * typed error that can be logged.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, InvalidResponseError } from '../../src/index.js';
import { memberSource } from '../../src/client/json-member.js';
import { clients, OPERATIONS } from './fixtures.js';
import { startServer, type TestServer } from './server.js';

const [retryEngine] = OPERATIONS;
const workspaceJob = OPERATIONS.find((o) => o.operationId === 'RunActionsOnWorkspaceJob')!;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function answer(body: string, op = retryEngine!, status = 200) {
  server = await startServer(() => ({ status, headers: { 'Content-Type': 'application/json' }, body }));
  return op.call(clients(server.url));
}

describe('integer job IDs (CSE jobId)', () => {
  it.each([
    ['a small integer', '{"id":"e","name":"n","jobId":18638}', '18638'],
    ['2^53 + 1', '{"jobId":9007199254740993}', '9007199254740993'],
    ['the largest int64', '{"jobId":9223372036854775807}', '9223372036854775807'],
    ['zero', '{"jobId":0}', '0'],
    ['a nested jobId before the top-level one', '{"job":{"jobId":1,"x":[{"jobId":2}]},"jobId":9007199254740993}', '9007199254740993'],
    ['duplicate keys (the last wins, as in body)', '{"jobId":1,"jobId":9007199254740995}', '9007199254740995'],
    ['an escaped key', '{"job\\u0049d":9007199254740993}', '9007199254740993'],
    ['strings with quotes, braces and a fake member before it', '{"name":"a\\"}{,\\"jobId\\":1","jobId" : 7 }', '7'],
    ['white space everywhere', ' {\n\t"jobId"\r\n:\n  5\n}\n', '5'],
  ])('%s', async (_name, body, jobId) => {
    const result = await answer(body);
    expect(result.job.jobId).toBe(jobId);
    expect(result.body).toEqual(JSON.parse(body)); // the same member JSON.parse used
  });

  it.each([
    ['an exponent', '{"jobId":1e21}', '1e21'],
    ['an exponent of a small value', '{"jobId":1E3}', '1E3'],
    ['a fraction above 2^53', '{"jobId":9007199254740993.7}', '9007199254740993.7'],
    ['a zero fraction', '{"jobId":7.0}', '7.0'],
    ['a negative integer', '{"jobId":-1}', '-1'],
    ['negative zero', '{"jobId":-0}', '-0'],
    ['a duplicate that is a fraction', '{"jobId":1,"jobId":1.5}', '1.5'],
  ])('%s is an InvalidResponseError naming jobId', async (_name, body, got) => {
    const error = await answer(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(
      `RetryEngine: HTTP 200 but the body's jobId is not a non-negative integer written in plain digits (got ${got})`,
    );
  });

  it.each([
    ['2^63, above the int64 the spec gives', '{"jobId":9223372036854775808}', "the body's jobId is above 9223372036854775807, the largest job ID (an int64)"],
    ['30 digits', '{"jobId":123456789012345678901234567890}', "the body's jobId is above 9223372036854775807, the largest job ID (an int64)"],
    ['null', '{"jobId":null}', "the body's jobId is null, not a job ID"],
    ['a boolean', '{"jobId":true}', "the body's jobId is a boolean, not a job ID"],
    ['an array', '{"jobId":[1]}', "the body's jobId is an array, not a job ID"],
    ['an object', '{"jobId":{"id":1}}', "the body's jobId is an object, not a job ID"],
    ['only nested', '{"job":{"jobId":1}}', 'the body has no jobId'],
    ['an array body', '[{"jobId":1}]', 'the body has no jobId'],
  ])('%s is an InvalidResponseError naming jobId', async (_name, body, reason) => {
    const error = await answer(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(`RetryEngine: HTTP 200 but ${reason}`);
  });
});

describe('string job IDs (Workspace, ServiceStage)', () => {
  it('are taken as they are, from the last duplicate', async () => {
    const result = await answer('{"job_id":"first","job_id":"6783cecb-0e5c-4521-a3ea-825f551c1ba9"}', workspaceJob);
    expect(result.job.jobId).toBe('6783cecb-0e5c-4521-a3ea-825f551c1ba9');
  });

  it('an empty one is an InvalidResponseError naming the field', async () => {
    const error = await answer('{"job_id":""}', workspaceJob).catch((e: unknown) => e);
    expect((error as Error).message).toBe("RunActionsOnWorkspaceJob: HTTP 200 but the body's job_id is empty");
  });
});

describe('memberSource', () => {
  it('returns the value text of the last top-level member, or undefined', () => {
    expect(memberSource('{"a":[1,{"b":"}"}],"b":"x\\"y","b":-1.5e3}', 'b')).toBe('-1.5e3');
    expect(memberSource('{"a":1}', 'b')).toBeUndefined();
    expect(memberSource('{}', 'a')).toBeUndefined();
    expect(memberSource('[1]', 'a')).toBeUndefined();
    expect(memberSource('"a"', 'a')).toBeUndefined();
  });
});

describe('a deeply nested error body', () => {
  it('is an ApiError that JSON.stringify and util.inspect can print', async () => {
    const deep = `{"error_code":"X.400","error_msg":"deep","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const error = await answer(deep, retryEngine, 400).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, errorCode: 'X.400' });
    expect(JSON.stringify(error)).toContain('[NESTED TOO DEEP]');
    expect(inspect(error, { depth: Infinity })).toContain('[NESTED TOO DEEP]');
  });
});
