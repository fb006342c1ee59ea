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
    const code: string = job.code ?? failed.job_error_code;
    const message: string = job.message ?? failed.fail_reason;
    // One sub-job per desktop of the example, run one after another: WAITING, RUNNING, then SUCCESS.
    // A failure ends the job: the sub-job running fails, the ones after it never start.
    const desktops: Record<string, any>[] = (running.sub_jobs ?? []).slice(0, STAGES);
    const host: string | undefined = desktops[0]?.host;
    const sub_jobs = desktops.map(({ job_type, entities, attach_user, entity, ip_address }, i) => {
      const status = i < at.done ? 'SUCCESS' : i > at.current ? 'WAITING' : byState(at, { running: 'RUNNING', succeeded: 'SUCCESS', failed: 'FAILED' });
      const end = at.endOf(i);
      return {
        id: `${tokenOf(job)}-${String(i + 1).padStart(4, '0')}`,
        job_type,
        entities,
        ...(status !== 'WAITING' && { begin_time: iso(at.startOf(i)), host }),
        ...(end !== undefined && { end_time: iso(end) }),
        status,
        ...(status === 'FAILED' && { error_code: code, fail_reason: message }),
        project_id: job.projectId,
        job_id: job.id,
        process: status === 'SUCCESS' ? 100 : status === 'WAITING' ? 0 : 50,
        attach_user,
        entity,
        ip_address,
      };
    });
    return {
      id: job.id,
      job_type: running.job_type,
      begin_time: iso(job.startedAt),
      end_time: at.endedAt === undefined ? '' : iso(at.endedAt),
      status: byState(at, { running: 'RUNNING', succeeded: 'SUCCESS', failed: 'FAILED' }),
      ...(at.state === 'failed' && { job_error_code: code, fail_reason: message }),
      sub_jobs_total: sub_jobs.length,
      sub_jobs,
    };
  },
};
