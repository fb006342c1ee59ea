/**
 * The mock's contract at the HTTP level: for every operation, every documented status and every
 * named example comes back exactly as the bundle documents it (the error layer passes documented
 * answers through untouched), and every documented request example is accepted. The same contract
 * through the typed client is test/client/mock.test.ts.
 */
import { describe, expect, inject, it } from 'vitest';
import { AUTH, JSON_BODY, matchesSchema, operations, send, statusOperations } from './fixtures.js';

const url = inject('mockUrl');

const responses = operations.flatMap((op) =>
  op.responses.flatMap(({ status, examples }) =>
    Object.entries(examples).map(([example, body]) => ({ name: `${op.operationId} ${status} ${example}`, op, status, example, body })),
  ),
);

const requests = operations.flatMap((op) =>
  Object.entries(op.requestExamples).map(([example, body]) => ({ name: `${op.operationId} ${example}`, op, body })),
);

describe('documented responses', () => {
  it('cover every status each operation documents', () => {
    const statuses = Object.fromEntries(operations.map((op) => [op.operationId, op.responses.map((r) => r.status)]));
    expect(statuses).toEqual({
      RetryEngine: [200, 400, 401, 429, 500],
      UpgradeEngine: [200, 400, 401, 429, 500],
      RetryScriptExecution: [200, 400, 401, 403, 404, 405, 429, 500, 503],
      RunActionsOnWorkspaceJob: [200, 400, 401, 403, 404, 429, 500],
      UpdateInstanceAction: [200, 400, 401, 404, 429, 500],
    });
  });

  it.each(responses.map((r) => [r.name, r] as const))('%s: Prefer code and example give it back as documented', async (_, r) => {
    const answer = await send(url, {
      method: r.op.method,
      path: r.op.path,
      headers: { ...JSON_BODY, prefer: `code=${r.status}, example=${r.example}` },
      body: r.op.body,
    });
    expect(answer.status).toBe(r.status);
    expect(answer.json).toEqual(r.body);
    expect(matchesSchema(r.op, r.status, answer.json)).toEqual([]);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('a named example alone', () => {
  it.each(responses.map((r) => [r.name, r] as const))('%s: Prefer: example=<name> finds it under its own status', async (_, r) => {
    const answer = await send(url, { method: r.op.method, path: r.op.path, headers: { ...JSON_BODY, prefer: `example=${r.example}` }, body: r.op.body });
    expect(answer.status).toBe(r.status);
    expect(answer.json).toEqual(r.body);
  });
});

describe('documented requests', () => {
  it.each(requests.map((r) => [r.name, r] as const))('%s: accepted with 200 and the documented job', async (_, r) => {
    const answer = await send(url, { method: r.op.method, path: r.op.path, headers: JSON_BODY, body: r.body });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(Object.values(r.op.responses.find((x) => x.status === 200)!.examples)[0]);
  });

  it('UpgradeEngine also takes the page\'s own Content-Type, application/json;charset=UTF-8', async () => {
    const op = operations.find((o) => o.operationId === 'UpgradeEngine')!;
    const answer = await send(url, { method: op.method, path: op.path, headers: { ...JSON_BODY, 'content-type': 'application/json;charset=UTF-8' }, body: op.body });
    expect(answer.status).toBe(200);
  });
});

describe('the job-status operations (GET, no body)', () => {
  it('cover every status each one documents', () => {
    expect(Object.fromEntries(statusOperations.map((op) => [op.operationId, op.responses.map((r) => r.status)]))).toEqual({
      ShowEngineJob: [200, 400, 401, 429, 500],
      ShowJob: [200, 400, 401, 403, 404, 429, 500],
      ListScriptTasks: [200, 400, 401, 403, 429, 500],
      ShowJobDetail: [200, 400, 401, 404, 429, 500],
    });
  });

  const cases = statusOperations.flatMap((op) =>
    op.responses.flatMap(({ status, examples }) => Object.entries(examples).map(([example, body]) => ({ name: `${op.operationId} ${status} ${example}`, op, status, example, body }))),
  );
  it.each(cases.map((c) => [c.name, c] as const))('%s: Prefer code and example give it back as documented', async (_, c) => {
    const answer = await send(url, { method: 'GET', path: c.op.path, headers: { ...AUTH, prefer: `code=${c.status}, example=${c.example}` } });
    expect(answer.status).toBe(c.status);
    expect(answer.json).toEqual(c.body);
    expect(matchesSchema(c.op, c.status, answer.json)).toEqual([]);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it.each(statusOperations.map((op) => [op.operationId, op] as const))('%s: without a credential 401 APIGW.0301; a bad path ID 400 naming it', async (_, op) => {
    expect((await send(url, { method: 'GET', path: op.path })).json).toEqual({ error_code: 'APIGW.0301', error_msg: expect.any(String) });
    const bad = await send(url, { method: 'GET', path: op.path.replace(/\/v2\/[^/]+/, '/v2/bad%20project'), headers: AUTH });
    expect(bad.status).toBe(400);
    expect(bad.json.error_msg).toContain('path.project_id: must match pattern');
  });

  it('ListScriptTasks: a limit above 100 and an unknown task_type are 400s naming the query parameter', async () => {
    const op = statusOperations.find((o) => o.operationId === 'ListScriptTasks')!;
    const answer = await send(url, { method: 'GET', path: `${op.path}?limit=101&task_type=BATCH`, headers: AUTH });
    expect(answer.status).toBe(400);
    expect(answer.json.error_msg).toContain('query.limit');
    expect(answer.json.error_msg).toContain('query.task_type');
  });
});
