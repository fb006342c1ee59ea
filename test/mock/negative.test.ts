/**
 * Bad requests against the real mock: each gets the operation's documented error status with the
 * provider's body, whose error_msg names the field and the reason (Prism's findings, reworded).
 */
import { describe, expect, inject, it } from 'vitest';
import { AUTH, JSON_BODY, badRequestCode, matchesSchema, operation, operations, send, type Operation } from './fixtures.js';

const url = inject('mockUrl');

interface Case {
  name: string;
  body?: unknown;
  headers?: Record<string, string>;
  path?: (op: Operation) => string;
  /** Every string must appear in error_msg. */
  says: string[];
}

/** Per operation: required fields, types, enums/consts, limits, unknown fields, its parameters. */
const BODY_CASES: Record<string, Case[]> = {
  RetryEngine: [
    { name: 'action missing', body: {}, says: ['body.action: required'] },
    { name: 'action of the wrong type', body: { action: 1 }, says: ['body.action: must be string'] },
    { name: 'action not in the enum', body: { action: 'retry' }, says: ['body.action: must be equal to one of the allowed values: Retry'] },
    { name: 'an unknown field', body: { action: 'Retry', force: true }, says: ['body.force: unknown field, not allowed'] },
    {
      name: 'a malformed X-Enterprise-Project-ID',
      body: { action: 'Retry' },
      headers: { 'x-enterprise-project-id': 'not valid!' },
      says: ['header.x-enterprise-project-id: must match pattern'],
    },
  ],
  UpgradeEngine: [
    { name: 'version missing', body: {}, says: ['body.version: required'] },
    { name: 'version of the wrong type', body: { version: 2.4 }, says: ['body.version: must be string'] },
    { name: 'version over 24 characters', body: { version: '1.0.0-'.padEnd(25, 'x') }, says: ['body.version: must NOT have more than 24 characters'] },
    { name: 'an empty version', body: { version: '' }, says: ['body.version: must NOT have fewer than 1 characters'] },
    { name: 'an unknown field', body: { version: '2.4.0', force: true }, says: ['body.force: unknown field, not allowed'] },
  ],
  RetryScriptExecution: [
    // Page 001's own example request, which its parameter table contradicts.
    { name: "page 001's example body", body: { record_id: [{ record_id: 'record_id' }] }, says: ['body.record_id: must be string'] },
    { name: 'task_id of the wrong type', body: { task_id: 42 }, says: ['body.task_id: must be string'] },
    { name: 'an empty record_id', body: { record_id: '' }, says: ['body.record_id: must NOT have fewer than 1 characters'] },
    { name: 'an unknown field', body: { task_id: 't1', force: true }, says: ['body.force: unknown field, not allowed'] },
  ],
  RunActionsOnWorkspaceJob: [
    { name: 'op_type missing', body: {}, says: ['body.op_type: required'] },
    { name: 'op_type of the wrong type', body: { op_type: true }, says: ['body.op_type: must be string'] },
    { name: 'op_type not in the enum', body: { op_type: 'Retry' }, says: ['body.op_type: must be equal to one of the allowed values: retry'] },
    { name: 'an unknown field', body: { op_type: 'retry', extra: 1 }, says: ['body.extra: unknown field, not allowed'] },
    { name: 'a malformed job_id', body: { op_type: 'retry' }, path: (op) => op.path.replace(/workspace-jobs\/[^/]+/, 'workspace-jobs/no%20spaces'), says: ['path.job_id: must match pattern'] },
  ],
  UpdateInstanceAction: [
    { name: 'action missing', body: { parameters: { replica: 2 } }, says: ['body.action: required'] },
    { name: 'an unknown action', body: { action: 'explode' }, says: ['body.action: must be one of start, stop, restart, scale, rollback'] },
    { name: 'action of the wrong type', body: { action: 3 }, says: ['body.action: must be one of start, stop, restart, scale, rollback'] },
    { name: 'scale without parameters', body: { action: 'scale' }, says: ['body.parameters: required when action is scale'] },
    { name: 'scale without replica', body: { action: 'scale', parameters: { hosts: ['ecs-1'] } }, says: ['body.parameters.replica: required when action is scale'] },
    { name: 'rollback without version', body: { action: 'rollback', parameters: { replica: 1 } }, says: ['body.parameters.version: required when action is rollback'] },
    { name: 'replica of the wrong type', body: { action: 'scale', parameters: { replica: '4' } }, says: ['body.parameters.replica: must be integer'] },
    { name: 'a negative replica', body: { action: 'scale', parameters: { replica: -1 } }, says: ['body.parameters.replica: must be >= 0'] },
    { name: 'hosts of the wrong type', body: { action: 'scale', parameters: { replica: 1, hosts: 'ecs-1' } }, says: ['body.parameters.hosts: must be array'] },
    { name: 'an unknown top-level field', body: { action: 'restart', force: true }, says: ['body.force: unknown field, not allowed'] },
    { name: 'an unknown parameter', body: { action: 'scale', parameters: { replica: 1, zone: 'az1' } }, says: ['body.parameters.zone: unknown field, not allowed'] },
  ],
};

/** Every operation: whatever its body, these are wrong the same way. */
const COMMON_CASES: Case[] = [
  { name: 'malformed JSON', body: '{"oops": ', says: ['body: malformed JSON'] },
  { name: 'a text/plain body', body: '{}', headers: { 'content-type': 'text/plain' }, says: ["header.content-type: 'text/plain' is not supported", 'application/json'] },
  { name: 'a content type that is no media type', body: '{}', headers: { 'content-type': 'json' }, says: ["header.content-type: 'json' cannot be read (Could not parse MIME type"] },
  { name: 'no body', says: ['body: required'] },
  { name: 'a JSON null body', body: 'null', says: ['body: required'] },
  { name: 'a malformed percent-escape in the path', path: (op) => op.path.replace('/v2/', '/v2/x%ZZ'), says: ["path: '/v2/x%ZZ", 'cannot be read (URI malformed)'] },
  { name: 'an Accept header that is no media type', headers: { accept: 'foo' }, says: ["header.accept: 'foo' cannot be read (invalid media type)"] },
  // Killed the Prism CLI (issue 10): the content-type parser Prism uses refuses a TAB in a quoted string.
  { name: 'an Accept header with a TAB in a quoted parameter', headers: { accept: 'application/json;a="x\ty"' }, says: ['header.accept: \'application/json;a="x\\ty"\' cannot be read'] },
  { name: 'a Content-Type with an unknown charset', body: '{}', headers: { 'content-type': 'application/json; charset=bogus' }, says: ["header.content-type: unknown charset 'bogus'"] },
];

describe.each(operations.map((op) => [op.operationId, op] as const))('%s', (operationId, op) => {
  const cases = [...(BODY_CASES[operationId] ?? []), ...COMMON_CASES];

  it.each(cases.map((c) => [c.name, c] as const))('%s: 400 naming the field', async (_, c) => {
    const body = 'body' in c ? c.body : c.name === 'no body' ? undefined : op.body;
    const answer = await send(url, { method: op.method, path: c.path?.(op) ?? op.path, headers: { ...JSON_BODY, ...c.headers }, body });

    expect(answer.status).toBe(400);
    expect(answer.json.error_code).toBe(badRequestCode(op));
    for (const text of c.says) expect(answer.json.error_msg).toContain(text);
    expect(matchesSchema(op, 400, answer.json)).toEqual([]);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('lists every violation of a request with several, once each', async () => {
    const answer = await send(url, {
      method: op.method,
      path: op.path.replace(/\/v2\/[^/]+/, '/v2/bad%20project'),
      headers: { ...JSON_BODY, 'x-enterprise-project-id': 'bad id' },
      body: { ...(op.body as object), unknown_one: 1, unknown_two: 2 },
    });
    expect(answer.status).toBe(400);
    const reasons = answer.json.error_msg.replace(/^Invalid request: /, '').split('; ');
    expect(reasons).toEqual(expect.arrayContaining(['path.project_id: must match pattern "^[A-Za-z0-9_-]+$"', 'body.unknown_one: unknown field, not allowed', 'body.unknown_two: unknown field, not allowed']));
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it.each([
    ['no credential', {}],
    ['an empty X-Auth-Token', { 'x-auth-token': '' }],
    ['an empty Authorization', { authorization: '' }],
  ])('%s: 401 APIGW.0301, even with a bad body', async (_, auth) => {
    const answer = await send(url, { method: op.method, path: op.path, headers: { 'content-type': 'application/json', ...auth }, body: '{"oops": ' });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error_code: 'APIGW.0301', error_msg: expect.any(String) });
    expect(matchesSchema(op, 401, answer.json)).toEqual([]);
  });

  it('an unknown field with a non-ASCII name: 400 naming it as sent (it crashed the Prism CLI)', async () => {
    const answer = await send(url, { method: op.method, path: op.path, headers: JSON_BODY, body: { ...(op.body as object), 动作: 1 } });
    expect(answer.status).toBe(400);
    expect(answer.json.error_msg).toContain('body.动作: unknown field, not allowed');
    expect((await send(url, { method: op.method, path: op.path, headers: JSON_BODY, body: op.body })).status).toBe(200);
  });

  it('accepts an AK/SK signature instead of a token', async () => {
    const signature = { authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=00', 'x-sdk-date': '20260101T000000Z' };
    const answer = await send(url, { method: op.method, path: op.path, headers: { ...signature, 'content-type': 'application/json' }, body: op.body });
    expect(answer.status).toBe(200);
  });

  it('a method the path does not have: 405 in the provider shape', async () => {
    const answer = await send(url, { method: 'DELETE', path: op.path, headers: AUTH });
    expect(answer.status).toBe(405);
    expect(answer.json).toEqual({ error_code: 'APIGW.0101', error_msg: expect.stringContaining('"delete"') });
  });
});

describe('requests for no operation', () => {
  it('an unknown path gets 404 APIGW.0101 naming the path', async () => {
    const answer = await send(url, { method: 'POST', path: '/v2/p1/no-such-thing', headers: JSON_BODY, body: {} });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error_code: 'APIGW.0101', error_msg: expect.stringContaining('/v2/p1/no-such-thing') });
  });

  it('a Prefer example the operation does not have gets 404 MOCK.0404 naming it', async () => {
    const op = operation('RetryEngine');
    const answer = await send(url, { method: op.method, path: op.path, headers: { ...JSON_BODY, prefer: 'example=Nope' }, body: op.body });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error_code: 'MOCK.0404', error_msg: expect.stringContaining('Nope') });
  });

  it('a Prefer code that is no status gets 422 MOCK.0422', async () => {
    const op = operation('RetryEngine');
    const answer = await send(url, { method: op.method, path: op.path, headers: { ...JSON_BODY, prefer: 'code=abc' }, body: op.body });
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({ error_code: 'MOCK.0422', error_msg: expect.stringContaining('"abc"') });
  });
});

describe('a request with hundreds of violations', () => {
  it('names every one (no list is cut)', async () => {
    const op = operation('RetryEngine');
    const body = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`field_${i}`, i]));
    const answer = await send(url, { method: op.method, path: op.path, headers: JSON_BODY, body });
    expect(answer.status).toBe(400);
    for (const i of [0, 150, 299]) expect(answer.json.error_msg).toContain(`body.field_${i}: unknown field, not allowed`);
    expect(answer.json.error_msg).toContain('body.action: required');
  });
});
