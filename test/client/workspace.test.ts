/** Workspace specifics: which script execution IDs are sent, and the job handles' IDs. */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspaceClient } from '../../src/index.js';
import { PROJECT, RECORD, TASK, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('retryScriptExecution', () => {
  it.each([
    [{ recordId: RECORD }, { record_id: RECORD }],
    [{ taskId: TASK }, { task_id: TASK }],
    [{ recordId: RECORD, taskId: TASK }, { record_id: RECORD, task_id: TASK }],
  ])('%o sends %o', async (args, body) => {
    server = await startServer(replies(json(200, { task_id: TASK })));
    const ws = createWorkspaceClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } });
    const { job } = await ws.retryScriptExecution(args);
    expect(JSON.parse(server.requests[0]!.body)).toEqual(body);
    expect(job).toEqual({ service: 'workspace', operation: 'RetryScriptExecution', jobId: TASK, projectId: PROJECT });
  });

  it('without recordId or taskId is a TypeError, and nothing is sent', async () => {
    server = await startServer(replies(json(200, { task_id: TASK })));
    const ws = createWorkspaceClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } });
    await expect(ws.retryScriptExecution({} as never)).rejects.toThrow(new TypeError('retryScriptExecution: give recordId, taskId or both'));
    await expect(ws.retryScriptExecution({ taskId: '' })).rejects.toThrow(/taskId must be a non-empty string/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('retryWorkspaceJob', () => {
  it("puts the failed job's ID in the path and returns the new job's", async () => {
    server = await startServer(replies(json(200, { job_id: 'new-job' })));
    const ws = createWorkspaceClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } });
    const { job, body } = await ws.retryWorkspaceJob({ jobId: 'failed-job' });
    expect(server.requests[0]!.url).toBe(`/v2/${PROJECT}/workspace-jobs/failed-job/actions`);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ op_type: 'retry' });
    expect(body).toEqual({ job_id: 'new-job' });
    expect(job).toEqual({ service: 'workspace', operation: 'RunActionsOnWorkspaceJob', jobId: 'new-job', projectId: PROJECT });
  });
});
