/**
 * The status operations as functions: their path arguments are one path segment each (the same
 * check as the actions'), their queries are sent as the spec documents them, and their answers come
 * back as { body, requestId } or the typed errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, InvalidResponseError } from '../../src/index.js';
import { clients, ENGINE, PROJECT } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const HOSTILE = ['', '.', '..', 'a/b', 'x/../..', '..\\..', 'id\n', 'a\u0000b', 'a\ud800b'];
type C = ReturnType<typeof clients>;
const CALLS: [string, string, (c: C, value: string) => Promise<unknown>][] = [
  ['showEngineJob', 'engineId', (c, v) => c.cse.showEngineJob({ engineId: v, jobId: '1' })],
  ['showEngineJob', 'jobId', (c, v) => c.cse.showEngineJob({ engineId: ENGINE, jobId: v })],
  ['showEngineJob', 'projectId', (c, v) => c.cse.showEngineJob({ engineId: ENGINE, jobId: '1', projectId: v })],
  ['showJob', 'jobId', (c, v) => c.workspace.showJob({ jobId: v })],
  ['showJob', 'projectId', (c, v) => c.workspace.showJob({ jobId: 'j', projectId: v })],
  ['listScriptTasks', 'projectId', (c, v) => c.workspace.listScriptTasks({ projectId: v })],
  ['showJobDetail', 'jobId', (c, v) => c.servicestage.showJobDetail({ jobId: v })],
];

describe.each(CALLS)('%s: %s', (fn, arg, call) => {
  it.each(HOSTILE)('%j is a TypeError naming the function and argument; nothing is sent', async (value) => {
    server = await startServer(replies(json(200, {})));
    const error = await call(clients(server.url), value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(new RegExp(`^${fn}: ${arg} must `));
    expect(server.requests).toHaveLength(0);
  });
});

describe('requests and answers', () => {
  it('odd but legal IDs arrive as one encoded segment on the documented path', async () => {
    server = await startServer(replies(json(200, { id: 1, status: 'Init' })));
    await clients(server.url).cse.showEngineJob({ engineId: '...', jobId: '%2e%2e' });
    expect(server.requests[0]!.url).toBe(`/v2/${PROJECT}/enginemgr/engines/.../jobs/%252e%252e`);
  });

  it('listScriptTasks repeats task_id and sends the filters under the spec\'s names', async () => {
    server = await startServer(replies(json(200, { count: 0, script_tasks: [] })));
    await clients(server.url).workspace.listScriptTasks({ taskId: ['t1', 't2'], limit: 10, offset: 20, taskType: 'SCRIPT', resourceGroupId: ['g1'] });
    const url = new URL(server.requests[0]!.url, server.url);
    expect(url.pathname).toBe(`/v2/${PROJECT}/script-execution-tasks`);
    expect(url.searchParams.getAll('task_id')).toEqual(['t1', 't2']);
    expect(Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'task_id'))).toEqual({ limit: '10', offset: '20', task_type: 'SCRIPT', resource_group_id: 'g1' });
  });

  it('showJobDetail sends desc as "true"/"false" and rejects a non-boolean', async () => {
    server = await startServer(replies(json(200, { job: { JOB_ID: 'j', EXECUTION_STATUS: 'RUNNING' } })));
    const c = clients(server.url);
    const { body, requestId } = await c.servicestage.showJobDetail({ jobId: 'j', desc: false, instanceId: 'i1' });
    expect(body.job.EXECUTION_STATUS).toBe('RUNNING');
    expect(requestId).toBeTruthy();
    expect(new URL(server.requests[0]!.url, server.url).search).toBe('?instance_id=i1&desc=false');
    await expect(c.servicestage.showJobDetail({ jobId: 'j', desc: 'yes' as never })).rejects.toThrow('showJobDetail: desc must be a boolean');
  });

  it('a GET status operation is retried on 503 when retry is on (it is idempotent)', async () => {
    server = await startServer(replies(json(503, { error_code: 'X', error_msg: 'x' }), json(200, { id: 'j', status: 'RUNNING' })));
    await clients(server.url, undefined, { retry: { maxAttempts: 2, baseDelay: 5 } }).workspace.showJob({ jobId: 'j' });
    expect(server.requests).toHaveLength(2);
  });

  it('errors: an ApiError with the provider body; a 2xx that is not a JSON object is an InvalidResponseError', async () => {
    server = await startServer(replies(json(404, { error_code: 'WKS.00010004', error_msg: 'The job does not exist.' }), { status: 200, body: '[1,2]' }));
    const c = clients(server.url);
    await expect(c.workspace.showJob({ jobId: 'j' })).rejects.toMatchObject({ name: 'ApiError', status: 404, operation: 'ShowJob', errorCode: 'WKS.00010004' });
    const error = await c.workspace.showJob({ jobId: 'j' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/not a JSON object/);
    void ApiError;
  });
});
