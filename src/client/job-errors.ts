/** How `waitForJob` ends when the job does not succeed. */
import { JobActionsError, TimeoutError } from './errors.js';
import type { AnyJobHandle, JobStatus } from './job.js';
import type { Redact } from './redact.js';

/** `RetryEngine`'s job as the errors name it: `cse job 42 (RetryEngine)`. */
const named = (operation: string, job: AnyJobHandle) => `${operation}: ${job.service} job ${job.jobId} (${job.operation})`;

/** The job ended and the provider says it failed. */
export class JobFailedError extends JobActionsError {
  static {
    this.prototype.name = 'JobFailedError';
  }
  /** The handle of the job that failed. */
  declare readonly job: AnyJobHandle;
  /** The provider's status value (`Error`, `Timeout`, `FAILED`, ...). */
  declare readonly status: string;
  /**
   * The provider's error code (`SERVICE.NUMBER`: `SVCSTG.00500400`, `WKS.00010025`), from where each
   * service puts it, else the status value when the answer carries no code:
   * - CSE (`ShowEngineJob`): no code field; the code the failed task's `log` starts with (else its
   *   `taskExecutorBrief.description`, else the failed step's);
   * - Workspace job (`ShowJob`): `job_error_code`, else the first failed sub-job's `error_code`, else
   *   the code `fail_reason` starts with;
   * - Workspace script task (`ListScriptTasks`): no code; the task's `status` (each desktop's
   *   `result_code` is in the provider's script execution records);
   * - ServiceStage (`ShowJobDetail`): no code field; the code the failed task's `MESSAGES` starts with.
   */
  declare readonly code: string;
  /** The provider's reason, without the code when the code was taken from its start. */
  declare readonly reason: string;
  /** The last status answer's body. */
  declare readonly body: unknown;
  /** `X-Request-Id` of the last status answer. */
  declare readonly requestId: string | undefined;

  constructor(operation: string, job: AnyJobHandle, last: JobStatus, redact?: Redact) {
    const { status, body, requestId } = last;
    const { code = status, message: reason = '' } = last.error ?? {};
    super(operation, `${named(operation, job)} failed: ${code}${reason && `: ${reason}`}`, { job, status, code, reason, body, requestId }, { redact });
  }
}

/** `waitForJob`'s `timeout` passed before the job ended: a TimeoutError that also names the job. */
export class JobTimeoutError extends TimeoutError {
  static {
    this.prototype.name = 'JobTimeoutError';
  }
  declare readonly job: AnyJobHandle;
  /** The last status the provider reported, if any answer came. */
  declare readonly lastStatus: string | undefined;

  constructor(operation: string, timeout: number, job: AnyJobHandle, lastStatus: string | undefined, redact?: Redact) {
    const last = lastStatus === undefined ? '' : ` (last status ${lastStatus})`;
    super(operation, timeout, redact, `${named(operation, job)} did not end within ${timeout} ms${last}`, { job, lastStatus });
  }
}
