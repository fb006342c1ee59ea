/**
 * From a status operation's answer to `{ state, status, progress, error }`: one pure function per
 * status operation, the mapping table of docs/client.md ("Waiting for a job"). Answers are untrusted:
 * a field of the wrong type counts as absent, and an answer without a status string is reported (as
 * `undefined`) for the caller to turn into an InvalidResponseError.
 */
import { isRecord } from './check.js';
import type { JobState } from './job.js';

export interface Reading {
  state: JobState;
  status: string;
  progress?: number;
  error?: { code: string; message: string };
}

type Json = Record<string, unknown>;

const record = (value: unknown): Json | undefined => (isRecord(value) ? value : undefined);
const records = (value: unknown): Json[] => (Array.isArray(value) ? value.map(record).filter((r): r is Json => !!r) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
const percent = (done: number, total: number): number | undefined =>
  total > 0 ? Math.min(100, Math.round((done / total) * 100)) : undefined;

function reading(state: JobState, status: string, progress: number | undefined, error?: Reading['error']): Reading {
  return { state, status, ...(progress !== undefined && { progress }), ...(state === 'failed' && error && { error }) };
}

/**
 * An error code as the provider writes them, `SERVICE.NUMBER` (`SVCSTG.00500400`, `WKS.00010025`,
 * `APIGW.0308`; ServiceStage's page also shows `SVCSTG.00100.400`), at the start of a text and set
 * off by a colon or a space: where CSE and ServiceStage put it, inside their reason.
 */
const LEADING_CODE = /^([A-Z]{2}[A-Z0-9_]*(?:\.[0-9]+)+)(?:\s*:\s*|\s+|$)/;

/**
 * The error of a failed job: the provider's code from its own field when the answer has one, else
 * the code the reason starts with (taken off the reason), else the status; the reason, else `fallback`.
 */
function failure(status: string, code: string | undefined, reason: string | undefined, fallback: string): Reading['error'] {
  const lead = code === undefined && reason !== undefined ? LEADING_CODE.exec(reason) : null;
  if (!lead) return { code: code ?? status, message: reason ?? fallback };
  return { code: lead[1]!, message: reason!.slice(lead[0].length) || fallback };
}

/**
 * CSE `ShowEngineJob`: Init/Executing running, Finished succeeded, Error/Timeout failed. The answer
 * has no error code field: the code is the one the failed task's log (else the task's, else the
 * step's description) starts with, else the status.
 */
export function engineJobReading(body: unknown): Reading | undefined {
  const job = record(body);
  const status = text(job?.['status']);
  if (!job || !status) return undefined;
  const state: JobState = status === 'Finished' ? 'succeeded' : status === 'Error' || status === 'Timeout' ? 'failed' : 'running';
  const steps = records(job['tasks']);
  const progress = percent(steps.filter((s) => s['status'] === 'Finished').length, steps.length);
  const failedTask = steps.flatMap((s) => records(s['tasks'])).find((t) => t['status'] === 'Error' || t['status'] === 'Timeout');
  const failedStep = steps.find((s) => s['status'] === 'Error' || s['status'] === 'Timeout');
  const reason =
    text(failedTask?.['log']) ??
    text(record(failedTask?.['taskExecutorBrief'])?.['description']) ??
    text(record(failedStep?.['taskExecutorBrief'])?.['description']);
  return reading(state, status, progress, failure(status, undefined, reason, `the job ended with status ${status}`));
}

/**
 * Workspace `ShowJob`: SUCCESS succeeded, FAILED failed, anything else (WAITING, RUNNING, ...) running.
 * The code is `job_error_code`, else the first failed sub-job's `error_code`, else one `fail_reason`
 * starts with, else the status.
 */
export function workspaceJobReading(body: unknown): Reading | undefined {
  const job = record(body);
  const status = text(job?.['status']);
  if (!job || !status) return undefined;
  const state: JobState = status === 'SUCCESS' ? 'succeeded' : status === 'FAILED' ? 'failed' : 'running';
  const subJobs = records(job['sub_jobs']);
  const processes = subJobs.map((s) => count(s['process'])).filter((p): p is number => p !== undefined);
  const progress = processes.length ? Math.min(100, Math.round(processes.reduce((a, b) => a + b, 0) / processes.length)) : undefined;
  const failedSub = subJobs.find((s) => s['status'] === 'FAILED');
  const code = text(job['job_error_code']) ?? text(failedSub?.['error_code']);
  const reason = text(job['fail_reason']) ?? text(failedSub?.['fail_reason']);
  return reading(state, status, progress, failure(status, code, reason, `the job ended with status ${status}`));
}

/**
 * Workspace `ListScriptTasks`, for the task `taskId`: its `status` is a free string, so the counts
 * decide too. The listing has no error code or reason: the code is the status (each desktop's
 * `result_code` is in the provider's script execution records, which the message points to). Finished: status SUCCESS or FAILED (any case), or every resource counted
 * (success + failed + skipped >= resource_ids). Failed: status FAILED, or finished with failed_num > 0.
 * Succeeded: finished with no failure. Otherwise running. `undefined` when the task is not listed.
 */
export function scriptTaskReading(body: unknown, taskId: string): Reading | undefined {
  const task = records(record(body)?.['script_tasks']).find((t) => t['id'] === taskId);
  const status = text(task?.['status']);
  if (!task || !status) return undefined;
  const failed = count(task['failed_num']) ?? 0;
  const done = (count(task['success_num']) ?? 0) + failed + (count(task['skip_num']) ?? 0);
  const total = Array.isArray(task['resource_ids']) ? task['resource_ids'].length : 0;
  const word = status.toUpperCase();
  const finished = word === 'SUCCESS' || word === 'FAILED' || (total > 0 && done >= total);
  const state: JobState = word === 'FAILED' || (finished && failed > 0) ? 'failed' : finished ? 'succeeded' : 'running';
  return reading(state, status, percent(done, total), {
    code: status,
    message:
      `the script failed on ${failed} of ${total || 'its'} resources; per-resource reasons: ` +
      `GET /v2/{project_id}/script-execution-records?script_task_id=${taskId}`,
  });
}

/**
 * ServiceStage `ShowJobDetail`: job.EXECUTION_STATUS SUCCEEDED succeeded, FAILED failed, else running.
 * The answer has no error code field: the code is the one the failed task's `MESSAGES` starts with,
 * else the status.
 */
export function serviceStageJobReading(body: unknown): Reading | undefined {
  const detail = record(body);
  const status = text(record(detail?.['job'])?.['EXECUTION_STATUS']);
  if (!detail || !status) return undefined;
  const state: JobState = status === 'SUCCEEDED' ? 'succeeded' : status === 'FAILED' ? 'failed' : 'running';
  const tasks = records(detail['tasks']);
  const ended = tasks.filter((t) => ['SUCCEEDED', 'FAILED', 'SKIPPED'].includes(t['TASK_STATUS'] as string)).length;
  const failedTask = tasks.find((t) => t['TASK_STATUS'] === 'FAILED');
  const reason = text(failedTask?.['MESSAGES']);
  return reading(state, status, percent(ended, count(detail['task_count']) ?? tasks.length), failure(status, undefined, reason, `the job ended with status ${status}`));
}
