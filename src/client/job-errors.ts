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
  /** The provider's status value (`Error`, `FAILED`, ...). */
  declare readonly status: string;
  /** The provider's error code when the answer has one, else its status value. */
  declare readonly code: string;
  /** The provider's reason, as it gave it. */
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
