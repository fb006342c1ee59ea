/** Workspace: RetryScriptExecution answers a string `task_id`; ListScriptTasks (task_id=...) lists the task. */
import { example } from './examples.js';
import type { Kind } from './kind.js';
import { iso, STAGES } from './progress.js';

export const scriptTask: Kind = {
  kind: 'ListScriptTasks',
  start: (answer, id) => ({ answer: { ...answer, task_id: id }, detail: {} }),
  /** One entry of `script_tasks` (the list is built by the caller, for every task asked for). */
  status(job, at, operation) {
    const template = example(operation, '200', 'Running').script_tasks?.[0] ?? {};
    const resources: string[] = template.resource_ids ?? [];
    const total = resources.length;
    // Desktops finish one stage at a time; a failed task failed on its last desktop.
    const success = at.state === 'succeeded' ? total : at.state === 'failed' ? Math.max(0, total - 1) : Math.min(total - 1, Math.floor((total * at.done) / STAGES));
    return {
      id: job.id,
      task_scripts: template.task_scripts,
      resource_type: template.resource_type,
      resource_ids: resources,
      gray_resource_ids: template.gray_resource_ids,
      success_num: success,
      failed_num: at.state === 'failed' ? Math.min(1, total) : 0,
      skip_num: 0,
      start_time: iso(job.startedAt),
      ...(at.endedAt !== undefined && { end_time: iso(at.endedAt) }),
      // The task's result, a free string: the chosen code when the test gave one.
      status: at.state === 'running' ? 'RUNNING' : at.state === 'succeeded' ? 'SUCCESS' : (job.code ?? 'FAILED'),
    };
  },
};
