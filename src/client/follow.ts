/** `getJob` and `waitForJob` for one service client, from its status operation and its reading. */
import { optionalDelay } from './check.js';
import { InvalidResponseError } from './errors.js';
import type { Service } from './endpoints.js';
import { checkHandle } from './handle.js';
import type { Reading } from './job-state.js';
import { STATUS_OPERATIONS, type AnyJobHandle, type JobHandle, type JobStatus } from './job.js';
import { redactJson, type Redact } from './redact.js';
import { retryPolicy, type RetryOptions } from './retry.js';
import { waitForJob, type WaitOptions } from './wait.js';

/** Per-call options of `getJob`: the handle gives the project. */
export interface GetJobOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  retry?: boolean | RetryOptions | undefined;
}

export interface Follow<S extends Service, Options extends GetJobOptions> {
  getJob(handle: JobHandle<S>, options?: Options): Promise<JobStatus<unknown>>;
  waitForJob(handle: JobHandle<S>, options?: WaitOptions<unknown>): Promise<JobStatus<unknown>>;
}

export function follower<S extends Service, Options extends GetJobOptions>(
  service: S,
  redact: Redact,
  /** Calls the handle's status operation. */
  show: (job: JobHandle<S>, options: Options) => Promise<{ body: unknown; requestId: string | undefined }>,
  read: (job: JobHandle<S>, body: unknown) => Reading | undefined,
): Follow<S, Options> {
  async function getJob(job: JobHandle<S>, options: Options): Promise<JobStatus<unknown>> {
    const operation = STATUS_OPERATIONS[job.operation as keyof typeof STATUS_OPERATIONS];
    const { body, requestId } = await show(job, options);
    const reading = read(job, body);
    if (!reading) {
      const what = operation === 'ListScriptTasks' ? `no task ${job.jobId} with a status` : 'no status';
      // Through redactJson first: it cuts a hostile nesting that JSON.stringify would overflow on.
      const rawBody = JSON.stringify(redactJson(body, redact));
      throw new InvalidResponseError(operation, `the body has ${what}`, { status: 200, requestId, rawBody }, redact);
    }
    return { ...reading, body, requestId };
  }
  return {
    // async, so that a bad handle rejects like every other mistake found after the call.
    async getJob(handle, options = {} as Options) {
      const job = checkHandle(handle, service, 'getJob');
      // Checked here too, so that the error names getJob rather than the status operation's function.
      if (typeof options !== 'object' || options === null) throw new TypeError('getJob: options must be an object');
      optionalDelay(options.timeout, 'getJob: timeout');
      retryPolicy(options.retry, 'getJob');
      return getJob(job, options);
    },
    async waitForJob(handle, options = {}) {
      const job = checkHandle(handle, service, 'waitForJob');
      return waitForJob(
        job as AnyJobHandle,
        options,
        {
          operation: STATUS_OPERATIONS[job.operation as keyof typeof STATUS_OPERATIONS],
          poll: (signal) => getJob(job, { signal, retry: false } as Options),
          redact,
        },
        'waitForJob',
      );
    },
  };
}
