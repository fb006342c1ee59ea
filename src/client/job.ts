/** The uniform handle of a started job, whatever service started it, and what following it reports. */
import type { Service } from './endpoints.js';

/** The operationIds of the five operations, as in the OpenAPI documents. */
export interface Operations {
  cse: 'RetryEngine' | 'UpgradeEngine';
  workspace: 'RetryScriptExecution' | 'RunActionsOnWorkspaceJob';
  servicestage: 'UpdateInstanceAction';
}
export type OperationId = Operations[Service];

/** The provider's operation that reports on the job each action starts (see JOBS.md). */
export const STATUS_OPERATIONS = {
  RetryEngine: 'ShowEngineJob',
  UpgradeEngine: 'ShowEngineJob',
  RetryScriptExecution: 'ListScriptTasks',
  RunActionsOnWorkspaceJob: 'ShowJob',
  UpdateInstanceAction: 'ShowJobDetail',
} as const satisfies Record<OperationId, string>;
export type StatusOperationId = (typeof STATUS_OPERATIONS)[OperationId];

/**
 * Which job an operation started, with everything needed to follow it later: plain JSON, so it can
 * be stored and read back (`getJob` and `waitForJob` check a handle read back before using it).
 * `jobId` is always a string: CSE's integer `jobId` becomes its decimal digits, so code that starts
 * jobs on several services can store and compare them alike. `projectId` is the project the action
 * ran in (the job lives there); a CSE handle also carries the engine, and the enterprise project
 * when the action sent one.
 */
export type JobHandle<S extends Service = Service, O extends Operations[S] = Operations[S]> = {
  service: S;
  operation: O;
  jobId: string;
  projectId: string;
} & (S extends 'cse' ? { engineId: string; enterpriseProjectId?: string } : {});

/** What every operation function resolves to. */
export interface JobResult<Body, S extends Service, O extends Operations[S]> {
  /** The response body, typed from the service's OpenAPI document. */
  body: Body;
  job: JobHandle<S, O>;
  /** The `X-Request-Id` response header. */
  requestId: string | undefined;
}

/** A handle from any service; switching on `service` narrows `operation`. */
export type AnyJobHandle = { [S in Service]: JobHandle<S> }[Service];

/** Where a job stands, whatever the service calls it. */
export type JobState = 'running' | 'succeeded' | 'failed';

/** One look at a job: `getJob`'s answer, and what `waitForJob` resolves with. */
export interface JobStatus<Body = unknown> {
  /** `running` until the provider reports an end; an unknown status counts as running. */
  state: JobState;
  /** The provider's own status value, exactly as it came (`Executing`, `SUCCEEDED`, ...). */
  status: string;
  /** Percent done (0-100), when the answer gives enough to tell. */
  progress?: number;
  /** When failed: the provider's error code (else its status value) and its reason; see JobFailedError's `code` for where each service puts it. */
  error?: { code: string; message: string };
  /** The status operation's response body, typed from the spec. */
  body: Body;
  /** The `X-Request-Id` response header. */
  requestId: string | undefined;
}
