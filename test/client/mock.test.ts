/**
 * The client against the project's Prism mock (started once per run by test/global-setup.ts):
 * every operation succeeds with the spec's example, with either auth mode, and an invalid request
 * is an ApiError with the provider's error body.
 */
import { describe, expect, inject, it } from 'vitest';
import { ApiError } from '../../src/index.js';
import { AKSK, clients, documentedResponses, OPERATIONS, TOKEN } from './fixtures.js';

const mockUrl = inject('mockUrl');

describe.each([
  ['token', { token: TOKEN }],
  ['AK/SK', AKSK],
] as const)('with %s', (_name, auth) => {
  it.each(OPERATIONS)('$operationId returns the documented job', async (op) => {
    const [success] = documentedResponses(op).filter((r) => r.status === 200);
    const { body, job } = await op.call(clients(mockUrl, auth));
    expect(body).toEqual(success!.body);
    expect(job).toEqual({ service: op.service, operation: op.operationId, jobId: String(success!.body[op.jobIdField]), ...op.handleExtras });
  });
});

describe.each(OPERATIONS)('$operationId documented errors', (op) => {
  const errors = documentedResponses(op).filter((r) => r.status >= 400);
  it.each(errors)('Prefer code=$status example=$example is an ApiError with that body', async ({ status, example, body }) => {
    const prefer = { onRequest: ({ request }: { request: Request }) => void request.headers.set('Prefer', `code=${status}, example=${example}`) };
    const error = await op.call(clients(mockUrl, { token: TOKEN }, { middleware: [prefer] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, operation: op.operationId, body, errorCode: body.error_code, errorMsg: body.error_msg });
  });
});

describe('invalid requests', () => {
  it('scale without replica (forced past the types) is a 400 ApiError', async () => {
    const { servicestage } = clients(mockUrl);
    const error = await servicestage
      .runInstanceAction({ applicationId: 'a', componentId: 'c', instanceId: 'i', action: 'scale', parameters: {} } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, operation: 'UpdateInstanceAction' });
    expect((error as ApiError).errorCode).toMatch(/^SVCSTG\./);
  });
});

/** The status operations, each called through the client; `documented` reads the bundle's examples. */
const STATUS_CALLS = [
  { service: 'cse', operationId: 'ShowEngineJob', call: (c: ReturnType<typeof clients>) => c.cse.showEngineJob({ engineId: 'e1', jobId: '18638' }) },
  { service: 'workspace', operationId: 'ShowJob', call: (c: ReturnType<typeof clients>) => c.workspace.showJob({ jobId: 'j1' }) },
  { service: 'workspace', operationId: 'ListScriptTasks', call: (c: ReturnType<typeof clients>) => c.workspace.listScriptTasks({ taskId: ['t1', 't2'], limit: 10 }) },
  { service: 'servicestage', operationId: 'ShowJobDetail', call: (c: ReturnType<typeof clients>) => c.servicestage.showJobDetail({ jobId: 'j1', desc: true }) },
] as const;

const prefer = (status: number, example: string) => ({
  onRequest: ({ request }: { request: Request }) => void request.headers.set('Prefer', `code=${status}, example=${example}`),
});

describe.each(STATUS_CALLS)('$operationId through the client', (op) => {
  const documented = documentedResponses(op);
  it.each(documented.filter((r) => r.status === 200))('Prefer example=$example gives that body', async ({ status, example, body }) => {
    const result = await op.call(clients(mockUrl, { token: TOKEN }, { middleware: [prefer(status, example)] }));
    expect(result.body).toEqual(body);
    expect(result.requestId).toBeTruthy();
  });
  it.each(documented.filter((r) => r.status >= 400))('Prefer code=$status example=$example is an ApiError with that body', async ({ status, example, body }) => {
    const error = await op.call(clients(mockUrl, { token: TOKEN }, { middleware: [prefer(status, example)] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, operation: op.operationId, body, errorCode: body.error_code });
  });
});

describe('getJob on the mock: each documented 200 example reads as the state it is named after', () => {
  const handles = {
    ShowEngineJob: { service: 'cse', operation: 'RetryEngine', jobId: '18638', projectId: 'p1', engineId: 'e1' },
    ShowJob: { service: 'workspace', operation: 'RunActionsOnWorkspaceJob', jobId: 'j1', projectId: 'p1' },
    ListScriptTasks: { service: 'workspace', operation: 'RetryScriptExecution', jobId: '0000000059071dbc01591661d3990019', projectId: 'p1' },
    ShowJobDetail: { service: 'servicestage', operation: 'UpdateInstanceAction', jobId: 'j1', projectId: 'p1' },
  } as const;
  const states: Record<string, string> = { Running: 'running', Waiting: 'running', Succeeded: 'succeeded', Failed: 'failed', TimedOut: 'failed' };
  const cases = STATUS_CALLS.flatMap((op) => documentedResponses(op).filter((r) => r.status === 200).map((r) => ({ ...r, op })));
  it.each(cases)('$op.operationId $example', async ({ op, example }) => {
    const client = clients(mockUrl, { token: TOKEN }, { middleware: [prefer(200, example)] })[op.service] as any;
    const result = await client.getJob(handles[op.operationId]);
    expect(result.state).toBe(states[example]);
    if (result.state === 'failed') expect(result.error.message.length).toBeGreaterThan(0);
  });
});
