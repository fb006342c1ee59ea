/** The uniform handle of a started job, whatever service started it. */
import type { Service } from './endpoints.js';

/** The operationIds of the five operations, as in the OpenAPI documents. */
export interface Operations {
  cse: 'RetryEngine' | 'UpgradeEngine';
  workspace: 'RetryScriptExecution' | 'RunActionsOnWorkspaceJob';
  servicestage: 'UpdateInstanceAction';
}
export type OperationId = Operations[Service];

/**
 * Which job an operation started. `jobId` is always a string: CSE's integer `jobId` becomes its
 * decimal digits, so code that starts jobs on several services can store and compare them alike.
 */
export interface JobHandle<S extends Service = Service, O extends Operations[S] = Operations[S]> {
  service: S;
  operation: O;
  jobId: string;
}

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
