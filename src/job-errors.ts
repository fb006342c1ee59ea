/** How `waitForJob` ends when the job does not succeed. */
import { JobActionsError, TimeoutError } from './errors.js';
import type { AnyJobHandle, JobStatus } from './job.js';

/** The job ended and the provider says it failed. */
export class JobFailedError extends JobActionsError {
  static {
    this.prototype.name = 'JobFailedError';
  }
  /** The handle of the job that failed. */
  readonly job: AnyJobHandle;
  /** The provider's status value (`Error`, `FAILED`, ...). */
  readonly status: string;
  /** The provider's error code when the answer has one, else its status value. */
  readonly code: string;
  /** The provider's reason, as it gave it. */
  readonly reason: string;
  /** The last status answer's body. */
  readonly body: unknown;
  /** `X-Request-Id` of the last status answer. */
  readonly requestId: string | undefined;

  constructor(operation: string, job: AnyJobHandle, last: JobStatus) {
    const { code = last.status, message = '' } = last.error ?? {};
    super(operation, `${operation}: ${job.service} job ${job.jobId} (${job.operation}) failed: ${code}${message ? `: ${message}` : ''}`);
    this.job = job;
    this.status = last.status;
    this.code = code;
    this.reason = message;
    this.body = last.body;
    this.requestId = last.requestId;
  }
}

/** `waitForJob`'s `timeout` passed before the job ended: a TimeoutError that also names the job. */
export class JobTimeoutError extends TimeoutError {
  static {
    this.prototype.name = 'JobTimeoutError';
  }
  readonly job: AnyJobHandle;
  /** The last status the provider reported, if any answer came. */
  readonly lastStatus: string | undefined;

  constructor(operation: string, timeout: number, job: AnyJobHandle, lastStatus: string | undefined) {
    super(operation, timeout);
    this.message = `${operation}: ${job.service} job ${job.jobId} (${job.operation}) did not end within ${timeout} ms` +
      (lastStatus === undefined ? '' : ` (last status ${lastStatus})`);
    this.job = job;
    this.lastStatus = lastStatus;
  }
}
