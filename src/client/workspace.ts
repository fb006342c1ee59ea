/** Workspace: retry a failed script execution, or a failed registration/deregistration task, and follow it. */
import type { Client } from 'openapi-fetch';
import type { operations, paths } from '../../generated/types/workspace.js';
import { argsOf, nonEmpty, optionalNonEmpty, pathSegment } from './check.js';
import { connectService, type CallOptions, type ClientOptions } from './client.js';
import { WORKSPACE_SERVER, type Endpoint, type WorkspaceRegion } from './endpoints.js';
import { follower, type GetJobOptions } from './follow.js';
import { scriptTaskReading, workspaceJobReading } from './job-state.js';
import type { JobHandle, JobResult, JobStatus, Operations } from './job.js';
import type { WaitOptions } from './wait.js';

export type ScriptExecutionRetried =
  operations['RetryScriptExecution']['responses'][200]['content']['application/json'];
export type WorkspaceJobAccepted =
  operations['RunActionsOnWorkspaceJob']['responses'][200]['content']['application/json'];

/** Body of `ShowJob`: a Workspace job and its sub-jobs. */
export type WorkspaceJobDetail = operations['ShowJob']['responses'][200]['content']['application/json'];
/** Body of `ListScriptTasks`: a page of script execution tasks. */
export type ScriptTaskList = operations['ListScriptTasks']['responses'][200]['content']['application/json'];
type ListScriptTasksQuery = NonNullable<operations['ListScriptTasks']['parameters']['query']>;

/** What following a Workspace job reads: `ListScriptTasks` for a script execution, `ShowJob` otherwise. */
export type WorkspaceStatusBody<O extends Operations['workspace']> = O extends 'RetryScriptExecution' ? ScriptTaskList : WorkspaceJobDetail;

export type WorkspaceClientOptions = Endpoint<WorkspaceRegion> & ClientOptions;

/** Identify the execution by its record ID, its task ID, or both. */
export type RetryScriptExecutionArgs = CallOptions &
  ({ recordId: string; taskId?: string | undefined } | { recordId?: string | undefined; taskId: string });

export interface RetryWorkspaceJobArgs extends CallOptions {
  /** ID of the failed registration or deregistration task. */
  jobId: string;
}

export interface ShowJobArgs extends CallOptions {
  /** ID of the job: a `retryWorkspaceJob` handle's `jobId`. */
  jobId: string;
}

export interface ListScriptTasksArgs extends CallOptions {
  /** Only these tasks (a `retryScriptExecution` handle's `jobId` is a task ID). */
  taskId?: string | string[] | undefined;
  offset?: number | undefined;
  /** 1 to 100. */
  limit?: number | undefined;
  scriptId?: string | undefined;
  scriptName?: string | undefined;
  status?: string | undefined;
  taskType?: ListScriptTasksQuery['task_type'] | undefined;
  executeTimeStart?: string | undefined;
  executeTimeEnd?: string | undefined;
  resourceGroupId?: string[] | undefined;
  resourceGroupType?: string | undefined;
}

export interface WorkspaceClient {
  /**
   * Retries a failed script execution task (`RetryScriptExecution`, POST). The job handle's
   * `jobId` is the retried task's `task_id`. Never retried automatically.
   */
  retryScriptExecution(
    args: RetryScriptExecutionArgs,
  ): Promise<JobResult<ScriptExecutionRetried, 'workspace', 'RetryScriptExecution'>>;
  /**
   * Retries a failed registration or deregistration task (`RunActionsOnWorkspaceJob` with
   * `op_type: retry`, POST). Never retried automatically.
   */
  retryWorkspaceJob(
    args: RetryWorkspaceJobArgs,
  ): Promise<JobResult<WorkspaceJobAccepted, 'workspace', 'RunActionsOnWorkspaceJob'>>;
  /** Shows a Workspace job and its sub-jobs (`ShowJob`, GET). */
  showJob(args: ShowJobArgs): Promise<{ body: WorkspaceJobDetail; requestId: string | undefined }>;
  /** Lists script execution tasks, or the ones named by `taskId` (`ListScriptTasks`, GET). */
  listScriptTasks(args?: ListScriptTasksArgs): Promise<{ body: ScriptTaskList; requestId: string | undefined }>;
  /**
   * One look at the job a Workspace action started: `ShowJob` for `retryWorkspaceJob`'s job,
   * `ListScriptTasks` for `retryScriptExecution`'s task, read as running, succeeded or failed.
   */
  getJob<O extends Operations['workspace']>(job: JobHandle<'workspace', O>, options?: GetJobOptions): Promise<JobStatus<WorkspaceStatusBody<O>>>;
  /** Polls `getJob` until the job ends: resolves when it succeeded, rejects with JobFailedError or JobTimeoutError. */
  waitForJob<O extends Operations['workspace']>(
    job: JobHandle<'workspace', O>,
    options?: WaitOptions<WorkspaceStatusBody<O>>,
  ): Promise<JobStatus<WorkspaceStatusBody<O>>>;
  /** The openapi-fetch client, typed with Workspace's paths only, with this client's auth and options. */
  readonly raw: Client<paths>;
}

export function createWorkspaceClient(options: WorkspaceClientOptions): WorkspaceClient {
  const ws = connectService<paths>('workspace', WORKSPACE_SERVER, 'createWorkspaceClient', options);

  async function showJob(args: ShowJobArgs) {
    const fn = 'showJob';
    const { jobId, ...call } = argsOf(args, fn);
    const outcome = await ws.api.GET('/v2/{project_id}/workspace-jobs/{job_id}', {
      params: { path: { project_id: ws.projectId(call, fn), job_id: pathSegment(jobId, `${fn}: jobId`) } },
      ...ws.init('ShowJob', call, fn),
    });
    const { body, requestId } = ws.parsed('ShowJob', outcome);
    return { body: body as WorkspaceJobDetail, requestId };
  }

  async function listScriptTasks(args: ListScriptTasksArgs = {}) {
    const fn = 'listScriptTasks';
    const { taskId, offset, limit, scriptId, scriptName, status, taskType, executeTimeStart, executeTimeEnd, resourceGroupId, resourceGroupType, ...call } =
      argsOf(args, fn);
    const ids = taskId === undefined ? undefined : (Array.isArray(taskId) ? taskId : [taskId]).map((id, i) => nonEmpty(id, `${fn}: taskId[${i}]`));
    const query: ListScriptTasksQuery = {
      task_id: ids,
      offset,
      limit,
      script_id: optionalNonEmpty(scriptId, `${fn}: scriptId`),
      script_name: optionalNonEmpty(scriptName, `${fn}: scriptName`),
      status: optionalNonEmpty(status, `${fn}: status`),
      task_type: taskType,
      execute_time_start: optionalNonEmpty(executeTimeStart, `${fn}: executeTimeStart`),
      execute_time_end: optionalNonEmpty(executeTimeEnd, `${fn}: executeTimeEnd`),
      resource_group_id: resourceGroupId?.map((id, i) => nonEmpty(id, `${fn}: resourceGroupId[${i}]`)),
      resource_group_type: optionalNonEmpty(resourceGroupType, `${fn}: resourceGroupType`),
    };
    const outcome = await ws.api.GET('/v2/{project_id}/script-execution-tasks', {
      params: { path: { project_id: ws.projectId(call, fn) }, query },
      ...ws.init('ListScriptTasks', call, fn),
    });
    const { body, requestId } = ws.parsed('ListScriptTasks', outcome);
    return { body: body as ScriptTaskList, requestId };
  }

  const follow = follower<'workspace', GetJobOptions>(
    'workspace',
    ws.redact,
    (job, options) =>
      job.operation === 'RetryScriptExecution'
        ? listScriptTasks({ ...options, taskId: job.jobId, projectId: job.projectId })
        : showJob({ ...options, jobId: job.jobId, projectId: job.projectId }),
    (job, body) => (job.operation === 'RetryScriptExecution' ? scriptTaskReading(body, job.jobId) : workspaceJobReading(body)),
  );

  return {
    raw: ws.raw,
    showJob,
    listScriptTasks,
    getJob: follow.getJob as WorkspaceClient['getJob'],
    waitForJob: follow.waitForJob as WorkspaceClient['waitForJob'],

    async retryScriptExecution(args) {
      const fn = 'retryScriptExecution';
      const { recordId, taskId, ...call } = argsOf(args, fn);
      const record_id = optionalNonEmpty(recordId, `${fn}: recordId`);
      const task_id = optionalNonEmpty(taskId, `${fn}: taskId`);
      if (record_id === undefined && task_id === undefined) {
        throw new TypeError(`${fn}: give recordId, taskId or both`);
      }
      const projectId = ws.projectId(call, fn);
      const outcome = await ws.api.POST('/v2/{project_id}/script-executions/retry', {
        params: { path: { project_id: projectId } },
        body: { record_id, task_id },
        ...ws.init('RetryScriptExecution', call, fn),
      });
      const { body, jobId, requestId } = ws.success<ScriptExecutionRetried>('RetryScriptExecution', outcome, 'task_id');
      return { body, requestId, job: { service: 'workspace', operation: 'RetryScriptExecution', jobId, projectId } };
    },

    async retryWorkspaceJob(args) {
      const fn = 'retryWorkspaceJob';
      const { jobId: failedJobId, ...call } = argsOf(args, fn);
      const projectId = ws.projectId(call, fn);
      const outcome = await ws.api.POST('/v2/{project_id}/workspace-jobs/{job_id}/actions', {
        params: { path: { project_id: projectId, job_id: pathSegment(failedJobId, `${fn}: jobId`) } },
        body: { op_type: 'retry' },
        ...ws.init('RunActionsOnWorkspaceJob', call, fn),
      });
      const { body, jobId, requestId } = ws.success<WorkspaceJobAccepted>('RunActionsOnWorkspaceJob', outcome, 'job_id');
      return { body, requestId, job: { service: 'workspace', operation: 'RunActionsOnWorkspaceJob', jobId, projectId } };
    },
  };
}
