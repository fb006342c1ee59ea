/**
 * Type tests (vitest typecheck; tsc over this file): every `@ts-expect-error` line must fail to
 * compile, and every expectTypeOf must hold. Nothing here runs.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  createCseClient,
  createServiceStageClient,
  createWorkspaceClient,
  type AnyJobHandle,
  type EngineJob,
  type EngineJobDetail,
  type JobHandle,
  type JobStatus,
  type ScriptTaskList,
  type ServiceStageJobDetail,
  type WorkspaceJobDetail,
} from '../../src/index.js';

const auth = { token: 't' };
const cse = createCseClient({ region: 'cn-north-4', projectId: 'p', auth });
const ws = createWorkspaceClient({ baseUrl: 'http://127.0.0.1:4010', projectId: 'p', auth });
const ss = createServiceStageClient({ region: 'cn-north-4', projectId: 'p', auth: { accessKey: 'a', secretKey: 's' } });
const ids = { applicationId: 'a', componentId: 'c', instanceId: 'i' };

describe('ServiceStage actions', () => {
  it('accept each action with the parameters it needs', () => {
    ss.runInstanceAction({ ...ids, action: 'restart' });
    ss.runInstanceAction({ ...ids, action: 'scale', parameters: { replica: 4 } });
    ss.runInstanceAction({ ...ids, action: 'scale', parameters: { replica: 2, hosts: ['ecs-1'] } });
    ss.runInstanceAction({ ...ids, action: 'rollback', parameters: { version: '1.0.2' } });
  });

  it('reject scale without replica', () => {
    // @ts-expect-error scale needs parameters.replica
    ss.runInstanceAction({ ...ids, action: 'scale', parameters: {} });
    // @ts-expect-error scale needs parameters
    ss.runInstanceAction({ ...ids, action: 'scale' });
  });

  it('reject rollback without version', () => {
    // @ts-expect-error rollback needs parameters.version
    ss.runInstanceAction({ ...ids, action: 'rollback', parameters: { replica: 1 } });
  });

  it('reject an unknown action', () => {
    // @ts-expect-error no such action
    ss.runInstanceAction({ ...ids, action: 'reboot' });
  });
});

describe('CSE retry action', () => {
  it('only takes the exact "Retry"', () => {
    const path = '/v2/{project_id}/enginemgr/engines/{engine_id}/actions';
    const params = { path: { project_id: 'p', engine_id: 'e' } };
    cse.raw.PUT(path, { params, body: { action: 'Retry' } });
    // @ts-expect-error "retry" is not "Retry"
    cse.raw.PUT(path, { params, body: { action: 'retry' } });
    // @ts-expect-error misspelt
    cse.raw.PUT(path, { params, body: { action: 'Rerty' } });
    // @ts-expect-error retryEngine sends the action itself and takes no other
    cse.retryEngine({ engineId: 'e', action: 'retry' });
  });

  it('upgradeEngine needs a version', () => {
    // @ts-expect-error version is required
    cse.upgradeEngine({ engineId: 'e' });
  });
});

describe('job IDs', () => {
  it("CSE's body jobId is a number; the handle's jobId is a string", async () => {
    const { body, job } = await cse.retryEngine({ engineId: 'e' });
    expectTypeOf(body).toEqualTypeOf<EngineJob>();
    expectTypeOf(body.jobId).toEqualTypeOf<number>();
    // @ts-expect-error a number is not a string without conversion
    const raw: string = body.jobId;
    const converted: string = String(body.jobId);
    const handle: string = job.jobId;
    expectTypeOf(job).toEqualTypeOf<JobHandle<'cse', 'RetryEngine'>>();
    void [raw, converted, handle];
  });

  it('handles from every service are alike', async () => {
    const jobs: AnyJobHandle[] = [
      (await cse.upgradeEngine({ engineId: 'e', version: '2.4.0' })).job,
      (await ws.retryScriptExecution({ taskId: 't' })).job,
      (await ws.retryWorkspaceJob({ jobId: 'j' })).job,
      (await ss.runInstanceAction({ ...ids, action: 'start' })).job,
    ];
    expectTypeOf(jobs[0]!.jobId).toEqualTypeOf<string>();
    const job = jobs[0]!;
    if (job.service === 'workspace') expectTypeOf(job.operation).toEqualTypeOf<'RetryScriptExecution' | 'RunActionsOnWorkspaceJob'>();
  });
});

describe('each client knows its own paths only', () => {
  it('rejects a CSE path on a Workspace client, and the reverse', () => {
    const params = { path: { project_id: 'p', engine_id: 'e' } };
    // @ts-expect-error CSE path on the Workspace client
    ws.raw.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/actions', { params, body: { action: 'Retry' } });
    // @ts-expect-error Workspace path on the CSE client
    cse.raw.POST('/v2/{project_id}/workspace-jobs/{job_id}/actions', { params: { path: { project_id: 'p', job_id: 'j' } }, body: { op_type: 'retry' } });
    // @ts-expect-error ServiceStage path on the CSE client
    cse.raw.POST('/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action', {});
  });

  it('offers the enterprise project option on CSE only', () => {
    cse.retryEngine({ engineId: 'e', enterpriseProjectId: '0' });
    // @ts-expect-error not a Workspace option
    ws.retryWorkspaceJob({ jobId: 'j', enterpriseProjectId: '0' });
    // @ts-expect-error not a Workspace client option
    createWorkspaceClient({ region: 'cn-north-4', auth, enterpriseProjectId: '0' });
  });
});

describe('client options', () => {
  it('take a listed region, or a baseUrl, not both', () => {
    // @ts-expect-error a typo in the region
    createCseClient({ region: 'cn-north4', auth });
    // @ts-expect-error a Workspace-only region on the CSE client
    createCseClient({ region: 'cn-east-5', auth });
    // @ts-expect-error region and baseUrl together
    createCseClient({ region: 'cn-north-4', baseUrl: 'http://127.0.0.1:4010', auth });
  });

  it('take one auth mode', () => {
    createCseClient({ region: 'cn-north-4', auth: { accessKey: 'a', secretKey: 's', securityToken: 't' } });
    // @ts-expect-error token and AK/SK together
    createCseClient({ region: 'cn-north-4', auth: { token: 't', accessKey: 'a', secretKey: 's' } });
    // @ts-expect-error an AK without its SK
    createCseClient({ region: 'cn-north-4', auth: { accessKey: 'a' } });
  });

  it('identify a script execution by at least one ID', () => {
    ws.retryScriptExecution({ recordId: 'r' });
    // @ts-expect-error neither recordId nor taskId
    ws.retryScriptExecution({});
  });
});

describe('following jobs', () => {
  it('each client takes only its own service\'s handles', async () => {
    const cseJob = (await cse.retryEngine({ engineId: 'e' })).job;
    const wsJob = (await ws.retryWorkspaceJob({ jobId: 'j' })).job;
    const ssJob = (await ss.runInstanceAction({ ...ids, action: 'start' })).job;
    cse.waitForJob(cseJob);
    ws.waitForJob(wsJob);
    ss.getJob(ssJob);
    // @ts-expect-error a CSE handle on the Workspace client
    ws.waitForJob(cseJob);
    // @ts-expect-error a Workspace handle on the CSE client
    cse.getJob(wsJob);
    // @ts-expect-error a ServiceStage handle on the CSE client
    cse.waitForJob(ssJob);
    // @ts-expect-error a handle of any service is not enough: narrow it first
    ws.waitForJob({} as AnyJobHandle);
    const stored = {} as AnyJobHandle;
    if (stored.service === 'workspace') ws.waitForJob(stored);
  });

  it('a CSE handle carries its engine; others do not', async () => {
    const { job } = await cse.upgradeEngine({ engineId: 'e', version: '2.4.0' });
    expectTypeOf(job.engineId).toEqualTypeOf<string>();
    expectTypeOf(job.projectId).toEqualTypeOf<string>();
    const other = (await ws.retryScriptExecution({ taskId: 't' })).job;
    // @ts-expect-error no engine on a Workspace handle
    void other.engineId;
  });

  it('getJob and waitForJob are typed with the status operation\'s body', async () => {
    expectTypeOf(await cse.getJob((await cse.retryEngine({ engineId: 'e' })).job)).toEqualTypeOf<JobStatus<EngineJobDetail>>();
    expectTypeOf(await ws.waitForJob((await ws.retryScriptExecution({ taskId: 't' })).job)).toEqualTypeOf<JobStatus<ScriptTaskList>>();
    expectTypeOf(await ws.getJob((await ws.retryWorkspaceJob({ jobId: 'j' })).job)).toEqualTypeOf<JobStatus<WorkspaceJobDetail>>();
    expectTypeOf(await ss.waitForJob((await ss.runInstanceAction({ ...ids, action: 'stop' })).job)).toEqualTypeOf<JobStatus<ServiceStageJobDetail>>();
    const status = await cse.getJob((await cse.retryEngine({ engineId: 'e' })).job);
    expectTypeOf(status.state).toEqualTypeOf<'running' | 'succeeded' | 'failed'>();
  });

  it('status values are open, yet the known ones survive in the types (not collapsed to string)', () => {
    type CseStatus = EngineJobDetail['status'];
    expectTypeOf<Extract<CseStatus, 'Finished'>>().toEqualTypeOf<'Finished'>();
    expectTypeOf<Extract<WorkspaceJobDetail['status'], 'SUCCESS'>>().toEqualTypeOf<'SUCCESS'>();
    expectTypeOf<Extract<ServiceStageJobDetail['job']['EXECUTION_STATUS'], 'SUCCEEDED'>>().toEqualTypeOf<'SUCCEEDED'>();
    const later: CseStatus = 'SomethingNew2027';
    const known: CseStatus = 'Executing';
    // @ts-expect-error still a string, not a number
    const wrong: CseStatus = 3;
    void [later, known, wrong];
  });

  it('showEngineJob takes the job ID as a string, not CSE\'s integer', async () => {
    const { body } = await cse.retryEngine({ engineId: 'e' });
    cse.showEngineJob({ engineId: 'e', jobId: String(body.jobId) });
    // @ts-expect-error the action's integer jobId must be converted
    cse.showEngineJob({ engineId: 'e', jobId: body.jobId });
  });
});
