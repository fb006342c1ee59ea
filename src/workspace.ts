/** Workspace: retry a failed script execution, or a failed registration/deregistration task. */
import type { Client } from 'openapi-fetch';
import type { operations, paths } from '../generated/types/workspace.js';
import { argsOf, optionalNonEmpty, pathSegment } from './check.js';
import { connectService, type CallOptions, type ClientOptions } from './client.js';
import type { Endpoint, WorkspaceRegion } from './endpoints.js';
import type { JobResult } from './job.js';

export type ScriptExecutionRetried =
  operations['RetryScriptExecution']['responses'][200]['content']['application/json'];
export type WorkspaceJobAccepted =
  operations['RunActionsOnWorkspaceJob']['responses'][200]['content']['application/json'];

export type WorkspaceClientOptions = Endpoint<WorkspaceRegion> & ClientOptions;

/** Identify the execution by its record ID, its task ID, or both. */
export type RetryScriptExecutionArgs = CallOptions &
  ({ recordId: string; taskId?: string | undefined } | { recordId?: string | undefined; taskId: string });

export interface RetryWorkspaceJobArgs extends CallOptions {
  /** ID of the failed registration or deregistration task. */
  jobId: string;
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
  /** The openapi-fetch client, typed with Workspace's paths only, with this client's auth and options. */
  readonly raw: Client<paths>;
}

export function createWorkspaceClient(options: WorkspaceClientOptions): WorkspaceClient {
  const ws = connectService<paths>('workspace', 'createWorkspaceClient', options);

  return {
    raw: ws.raw,

    async retryScriptExecution(args) {
      const fn = 'retryScriptExecution';
      const { recordId, taskId, ...call } = argsOf(args, fn);
      const record_id = optionalNonEmpty(recordId, `${fn}: recordId`);
      const task_id = optionalNonEmpty(taskId, `${fn}: taskId`);
      if (record_id === undefined && task_id === undefined) {
        throw new TypeError(`${fn}: give recordId, taskId or both`);
      }
      const outcome = await ws.raw.POST('/v2/{project_id}/script-executions/retry', {
        params: { path: { project_id: ws.projectId(call, fn) } },
        body: { record_id, task_id },
        ...ws.init('RetryScriptExecution', call, fn),
      });
      const { body, jobId, requestId } = ws.success<ScriptExecutionRetried>('RetryScriptExecution', outcome, 'task_id');
      return { body, requestId, job: { service: 'workspace', operation: 'RetryScriptExecution', jobId } };
    },

    async retryWorkspaceJob(args) {
      const fn = 'retryWorkspaceJob';
      const { jobId: failedJobId, ...call } = argsOf(args, fn);
      const outcome = await ws.raw.POST('/v2/{project_id}/workspace-jobs/{job_id}/actions', {
        params: { path: { project_id: ws.projectId(call, fn), job_id: pathSegment(failedJobId, `${fn}: jobId`) } },
        body: { op_type: 'retry' },
        ...ws.init('RunActionsOnWorkspaceJob', call, fn),
      });
      const { body, jobId, requestId } = ws.success<WorkspaceJobAccepted>('RunActionsOnWorkspaceJob', outcome, 'job_id');
      return { body, requestId, job: { service: 'workspace', operation: 'RunActionsOnWorkspaceJob', jobId } };
    },
  };
}
