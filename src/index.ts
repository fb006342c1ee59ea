/**
 * huaweicloud-job-actions: typed clients for five Huawei Cloud operations that start a job.
 * One client per service, each built on openapi-fetch and typed from that service's OpenAPI
 * bundle only.
 */
export { createCseClient } from './cse.js';
export type {
  CseClient,
  CseClientOptions,
  CseCallOptions,
  CseGetJobOptions,
  RetryEngineArgs,
  UpgradeEngineArgs,
  ShowEngineJobArgs,
  EngineJob,
  EngineJobDetail,
  UpgradeEngineRequest,
} from './cse.js';
export { createWorkspaceClient } from './workspace.js';
export type {
  WorkspaceClient,
  WorkspaceClientOptions,
  RetryScriptExecutionArgs,
  RetryWorkspaceJobArgs,
  ScriptExecutionRetried,
  WorkspaceJobAccepted,
  ShowJobArgs,
  ListScriptTasksArgs,
  WorkspaceJobDetail,
  ScriptTaskList,
  WorkspaceStatusBody,
} from './workspace.js';
export { createServiceStageClient } from './servicestage.js';
export type {
  ServiceStageClient,
  ServiceStageClientOptions,
  RunInstanceActionArgs,
  InstanceAction,
  InstanceActionJob,
  ShowJobDetailArgs,
  ServiceStageJobDetail,
} from './servicestage.js';
export type { ClientOptions, CallOptions } from './client.js';
export type { Auth, TokenAuth, AkSkAuth } from './auth.js';
export type { RetryOptions } from './retry.js';
export type { FetchLike } from './transport.js';
export type { Service, CseRegion, WorkspaceRegion, ServiceStageRegion } from './endpoints.js';
export type { JobHandle, AnyJobHandle, JobResult, OperationId, Operations, JobState, JobStatus, StatusOperationId } from './job.js';
export { STATUS_OPERATIONS } from './job.js';
export { parseJobHandle } from './handle.js';
export type { GetJobOptions } from './follow.js';
export { WAIT_DEFAULTS, type WaitOptions } from './wait.js';
export { JobFailedError, JobTimeoutError } from './job-errors.js';
export { JobActionsError, ApiError, InvalidResponseError, NetworkError, TimeoutError } from './errors.js';
export { signRequest } from './signer.js';
export type { AkSkCredentials, SignableRequest } from './signer.js';
export { VERSION, USER_AGENT } from './version.js';
