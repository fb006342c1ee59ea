/** Workspace: RunActionsOnWorkspaceJob answers a string `job_id`; ShowJob shows the job and its sub-jobs. */
import { example } from './examples.js';
import { byState, type Kind } from './kind.js';
import { tokenOf } from './store.js';
import { iso, STAGES } from './progress.js';

export const workspaceJob: Kind = {
  kind: 'ShowJob',
  start: (answer, id) => ({ answer: { ...answer, job_id: id }, detail: {} }),
  status(job, at, operation) {
    const running = example(operation, '200', 'Running');
    const failed = example(operation, '200', 'Failed');
    const failedSub = failed.sub_jobs?.[0] ?? {};
    const code: string = job.code ?? failed.job_error_code;
    const message: string = job.message ?? failed.fail_reason;
    const subs: Record<string, any>[] = running.sub_jobs ?? [];
    const ended = at.endedAt === undefined ? undefined : iso(at.endedAt);
    // Every sub-job advances alike; when the job fails, the last one failed and the others finished.
    const process = at.state === 'succeeded' ? 100 : Math.round((100 * at.done) / STAGES);
    const sub_jobs = subs.map((sub, i) => {
      const failedHere = at.state === 'failed' && i === subs.length - 1;
      const status = failedHere ? 'FAILED' : byState(at, { running: 'RUNNING', succeeded: 'SUCCESS', failed: 'SUCCESS' });
      return {
        id: `${tokenOf(job)}-${String(i + 1).padStart(4, '0')}`,
        job_type: running.job_type,
        ...(sub['entities'] && { entities: sub['entities'] }),
        begin_time: iso(job.startedAt),
        ...(ended && { end_time: ended }),
        status,
        ...(failedHere && { error_code: code, fail_reason: message, host: failedSub.host }),
        project_id: job.projectId,
        job_id: job.id,
        process: status === 'SUCCESS' ? 100 : process,
      };
    });
    return {
      id: job.id,
      job_type: running.job_type,
      begin_time: iso(job.startedAt),
      end_time: ended ?? '',
      status: byState(at, { running: 'RUNNING', succeeded: 'SUCCESS', failed: 'FAILED' }),
      ...(at.state === 'failed' && { job_error_code: code, fail_reason: message }),
      sub_jobs_total: sub_jobs.length,
      sub_jobs,
    };
  },
};
