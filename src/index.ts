/**
 * huaweicloud-job-actions: typed clients for five Huawei Cloud operations that start a job.
 * One client per service, each built on openapi-fetch and typed from that service's OpenAPI
 * bundle only.
 */
export { createCseClient } from './client/cse.js';
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
} from './client/cse.js';
export { createWorkspaceClient } from './client/workspace.js';
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
} from './client/workspace.js';
export { createServiceStageClient } from './client/servicestage.js';
export type {
  ServiceStageClient,
  ServiceStageClientOptions,
  RunInstanceActionArgs,
  InstanceAction,
  InstanceActionJob,
  ShowJobDetailArgs,
  ServiceStageJobDetail,
} from './client/servicestage.js';
export type { ClientOptions, CallOptions } from './client/client.js';
export type { Auth, TokenAuth, AkSkAuth } from './client/auth.js';
export type { RetryOptions } from './client/retry.js';
export { DEFAULT_MAX_RESPONSE_BYTES, type FetchLike } from './client/transport.js';
export type { Service, CseRegion, WorkspaceRegion, ServiceStageRegion } from './client/endpoints.js';
export type { JobHandle, AnyJobHandle, JobResult, OperationId, Operations, JobState, JobStatus, StatusOperationId } from './client/job.js';
export { STATUS_OPERATIONS } from './client/job.js';
export { parseJobHandle } from './client/handle.js';
export type { GetJobOptions } from './client/follow.js';
export { WAIT_DEFAULTS, type WaitOptions } from './client/wait.js';
export { JobFailedError, JobTimeoutError } from './client/job-errors.js';
export { JobActionsError, ApiError, InvalidResponseError, NetworkError, ResponseTooLargeError, TimeoutError } from './client/errors.js';
export { signRequest } from './client/signer.js';
export type { AkSkCredentials, SignableRequest } from './client/signer.js';
export { VERSION, USER_AGENT } from './client/version.js';
