/**
 * The client against the suite's mock (default simulation: 2 running polls, then success): for each
 * of the five actions, start → waitForJob; a failure chosen with X-Mock-Job reaches the caller as
 * JobFailedError with its code and reason; onProgress sees running then the outcome; an unknown job
 * is an ApiError 404; a job that stays running times the wait out.
 */
import { describe, expect, inject, it } from 'vitest';
import { ApiError, InvalidResponseError, JobFailedError, JobTimeoutError, type AnyJobHandle, type JobStatus } from '../../src/index.js';
import { clients, OPERATIONS, TOKEN, type Clients } from './fixtures.js';

const mockUrl = inject('mockUrl');

/** Clients whose actions (the PUTs and POSTs) carry `X-Mock-Job: control`; the status polls (GETs) do not. */
const controlled = (control: string) =>
  clients(mockUrl, { token: TOKEN }, {
    middleware: [{ onRequest: ({ request }: { request: Request }) => void (request.method !== 'GET' && request.headers.set('X-Mock-Job', control)) }],
  });

const wait = (c: Clients, job: AnyJobHandle, options: Record<string, unknown> = {}): Promise<JobStatus> =>
  (c[job.service].waitForJob as (job: AnyJobHandle, options: unknown) => Promise<JobStatus>)(job, { interval: 1, ...options });

const FINAL: Record<string, string> = { RetryEngine: 'Finished', UpgradeEngine: 'Finished', RetryScriptExecution: 'SUCCESS', RunActionsOnWorkspaceJob: 'SUCCESS', UpdateInstanceAction: 'SUCCEEDED' };

describe.each(OPERATIONS)('$operationId on the mock', (op) => {
  it('start → waitForJob → succeeded; onProgress sees running, then the outcome', async () => {
    const c = clients(mockUrl);
    const { job } = await op.call(c);
    const seen: [string, string, number | undefined][] = [];
    const done = await wait(c, job as AnyJobHandle, { onProgress: (s: JobStatus) => seen.push([s.state, s.status, s.progress]) });
    expect(done).toMatchObject({ state: 'succeeded', status: FINAL[op.operationId], progress: 100 });
    expect(seen.map(([state]) => state)).toEqual(['running', 'running', 'succeeded']);
    expect(seen.at(-1)).toEqual(['succeeded', FINAL[op.operationId], 100]);
    const progress = seen.map(([, , p]) => p ?? 0);
    expect(progress[1]!).toBeGreaterThan(progress[0]!);
  });

  it('a failure chosen with X-Mock-Job is a JobFailedError with its code and reason', async () => {
    const script = op.operationId === 'RetryScriptExecution';
    const control = script ? 'fail; code=SCRIPT_FAILED; polls=1' : 'fail; code=TEST.0042; message="Disk full, \\"/data\\" at 100%"; polls=1';
    const c = controlled(control);
    const { job } = await op.call(c);
    const error = await wait(c, job as AnyJobHandle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    const failed = error as JobFailedError;
    expect(failed.job).toEqual(job);
    const message = 'Disk full, "/data" at 100%';
    // The provider's code, for every service: from its own field, or from the start of the reason.
    const expected: Record<string, { code: string; reason: string | RegExp }> = {
      RunActionsOnWorkspaceJob: { code: 'TEST.0042', reason: message }, // job_error_code, fail_reason
      RetryEngine: { code: 'TEST.0042', reason: message }, // the failed task's log, "<code>: <message>"
      UpgradeEngine: { code: 'TEST.0042', reason: message },
      UpdateInstanceAction: { code: 'TEST.0042', reason: message }, // the failed task's MESSAGES, "<code>: <message>"
      RetryScriptExecution: { code: 'SCRIPT_FAILED', reason: /^the script failed on 1 of 3 resources/ }, // the task's status
    };
    const { code, reason } = expected[op.operationId]!;
    expect(failed.code).toBe(code);
    if (typeof reason === 'string') expect(failed.reason).toBe(reason);
    else expect(failed.reason).toMatch(reason);
  });

  it('a job that stays running times the wait out with JobTimeoutError (last status running)', async () => {
    const c = controlled('succeed; polls=10000');
    const { job } = await op.call(c);
    // 1 s: under the full suite's load a shorter wait can end before any poll has answered.
    const error = await wait(c, job as AnyJobHandle, { timeout: 1_000, interval: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).lastStatus).toMatch(/^(Executing|RUNNING)$/);
  });
});

describe('jobs the mock never started', () => {
  const handles = [
    { service: 'cse', operation: 'UpgradeEngine', jobId: '1', projectId: 'p1', engineId: 'e1' },
    { service: 'workspace', operation: 'RunActionsOnWorkspaceJob', jobId: 'no-such-job', projectId: 'p1' },
    { service: 'servicestage', operation: 'UpdateInstanceAction', jobId: 'JOBnope', projectId: 'p1' },
  ] as const;
  it.each(handles)('$operation: getJob and waitForJob end with ApiError 404, the documented body', async (handle) => {
    const c = clients(mockUrl);
    for (const call of [() => (c[handle.service].getJob as (h: unknown) => Promise<unknown>)(handle), () => wait(c, handle as AnyJobHandle)]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 404, errorCode: expect.stringMatching(/^(SVCSTG|WKS)\./) });
    }
  });

  it('RetryScriptExecution: ListScriptTasks lists no such task, which getJob reports as an InvalidResponseError', async () => {
    const c = clients(mockUrl);
    const error = await c.workspace.getJob({ service: 'workspace', operation: 'RetryScriptExecution', jobId: 'f'.repeat(32), projectId: 'p1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(`no task ${'f'.repeat(32)} with a status`);
  });
});

describe('jobs side by side', () => {
  it('20 jobs at once, each with its own outcome and pace, end as each was told', async () => {
    const runs = Array.from({ length: 20 }, (_, i) => ({ op: OPERATIONS[i % OPERATIONS.length]!, fail: i % 3 === 0, polls: i % 4 }));
    const outcomes = await Promise.all(
      runs.map(async ({ op, fail, polls }) => {
        const c = controlled(`${fail ? 'fail' : 'succeed'}; polls=${polls}`);
        const { job } = await op.call(c);
        const seen: string[] = [];
        const end = await wait(c, job as AnyJobHandle, { onProgress: (s: JobStatus) => seen.push(s.state) }).then((s) => s.state, (e: unknown) => (e instanceof JobFailedError ? 'failed' : String(e)));
        return { end, running: seen.filter((s) => s === 'running').length };
      }),
    );
    expect(outcomes).toEqual(runs.map(({ fail, polls }) => ({ end: fail ? 'failed' : 'succeeded', running: expect.any(Number) })));
    // onProgress fires on changes only, so it sees at most `polls` running states.
    outcomes.forEach((o, i) => expect(o.running).toBeLessThanOrEqual(runs[i]!.polls));
  });
});
