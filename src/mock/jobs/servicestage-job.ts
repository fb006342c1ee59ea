/** ServiceStage: UpdateInstanceAction answers a string `job_id`; ShowJobDetail shows the job and its tasks. */
import { example } from './examples.js';
import { byState, type Kind } from './kind.js';
import { tokenOf } from './store.js';
import { iso, reason, STAGES } from './progress.js';

export const serviceStageJob: Kind = {
  kind: 'ShowJobDetail',
  start(answer, id, path, body) {
    const parameters = typeof body['parameters'] === 'object' && body['parameters'] !== null ? body['parameters'] : {};
    return {
      answer: { ...answer, job_id: id },
      resourceId: path['instance_id']!,
      detail: {
        instanceAction: String(body['action']),
        ...(typeof parameters.replica === 'number' && { replica: parameters.replica }),
        ...(typeof parameters.version === 'string' && { version: parameters.version }),
      },
    };
  },
  status(job, at, operation) {
    const running = example(operation, '200', 'Running');
    const template = running.tasks?.[0] ?? {};
    const failedMessages: string = example(operation, '200', 'Failed').tasks?.find((t: any) => t.TASK_STATUS === 'FAILED')?.MESSAGES ?? 'The task failed.';
    const action = job.detail.instanceAction ?? 'action';
    // Tasks appear as they start; after a failure the remaining ones are SKIPPED (as in the Failed example).
    const started = at.state === 'running' ? at.current + 1 : STAGES;
    const tasks = ['prepare', action, 'verify'].slice(0, started).map((name, i) => {
      const status = i < at.done ? 'SUCCEEDED' : i > at.current ? 'SKIPPED' : byState(at, { running: 'RUNNING', failed: 'FAILED', succeeded: 'SUCCEEDED' });
      return {
        TASK_ID: `TASK${tokenOf(job)}-${String(i + 1).padStart(4, '0')}`,
        TASK_INDEX: i,
        TASK_NAME: name,
        TASK_STATUS: status,
        TASK_TYPE: name.toUpperCase(),
        CREATED_AT: iso(i <= at.current ? at.startOf(i) : (at.endedAt ?? at.now)),
        OWNER_ID: template.OWNER_ID,
        ...(status === 'RUNNING' && { LAST_HEALTH_CHECK: iso(at.now) }),
        ...(status === 'SUCCEEDED' && { MESSAGES: `${name}: done.` }),
        ...(status === 'FAILED' && { MESSAGES: reason(job, failedMessages) }),
      };
    });
    return {
      task_count: tasks.length,
      job: {
        CREATED_BY: running.job?.CREATED_BY,
        EXECUTION_STATUS: byState(at, { running: 'RUNNING', succeeded: 'SUCCEEDED', failed: 'FAILED' }),
        JOB_DESC: describe(action, job.detail),
        JOB_ID: job.id,
        JOB_NAME: action,
        JOB_TYPE: running.job?.JOB_TYPE,
        ORDER_ID: running.job?.ORDER_ID,
        PROJECT_ID: job.projectId,
        SERVICE_INSTANCE_ID: job.resourceId,
      },
      tasks,
    };
  },
};

function describe(action: string, detail: { replica?: number; version?: string }): string {
  if (action === 'scale') return `Scale component instance to ${detail.replica} replicas`;
  if (action === 'rollback') return `Roll back component instance to version ${detail.version}`;
  return `${action[0]!.toUpperCase()}${action.slice(1)} component instance`;
}
