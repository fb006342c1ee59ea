/** CSE: RetryEngine and UpgradeEngine answer an integer `jobId`; ShowEngineJob shows the job, its steps and tasks. */
import { example } from './examples.js';
import { byState, type Kind } from './kind.js';
import { reason, STAGES } from './progress.js';

export const engineJob: Kind = {
  kind: 'ShowEngineJob',
  start(answer, id, path, body) {
    const version = typeof body['version'] === 'string' ? body['version'] : undefined;
    return {
      // The answer names the engine it retried or upgraded, and the job (a number).
      answer: { ...answer, id: path['engine_id'], jobId: Number(id) },
      resourceId: path['engine_id']!,
      detail: { engineName: typeof answer['name'] === 'string' ? answer['name'] : undefined, version },
    };
  },
  status(job, at, operation) {
    const running = example(operation, '200', 'Running');
    const failedTask = example(operation, '200', 'Failed').tasks?.[0]?.tasks?.[0] ?? {};
    const template = running.tasks?.[0]?.tasks?.[0] ?? {};
    const upgrade = job.action === 'UpgradeEngine';
    const type = upgrade ? 'Upgrade' : 'Retry';
    const engineName: string = job.detail.engineName ?? '';
    const steps = ['Prepare', type, 'Verify'].slice(0, STAGES).map((name, i) => {
      const status = i < at.done ? 'Finished' : i > at.current ? 'Init' : byState(at, { running: 'Executing', failed: 'Error', succeeded: 'Finished' });
      const startTime = i <= at.current ? at.startOf(i) : 0;
      const endTime = at.endOf(i) ?? 0;
      const taskName = `${name}Engine`;
      const log = status === 'Error' ? reason(job, failedTask.log ?? 'The step failed.') : status === 'Finished' ? `${name}: done` : status === 'Executing' ? `${name}: in progress` : '';
      const brief = { duration: endTime ? endTime - startTime : 0, description: status === 'Error' ? log : `${name} ${engineName}`.trim() };
      const task = {
        ...template,
        jobId: Number(job.id),
        // An integer, as the SDK models type it: the job's number and the step's (job 18638: 1863801, 1863802, ...).
        id: Number(job.id) * 100 + i + 1,
        type: taskName,
        taskName,
        engineName,
        taskOrder: i + 1,
        status,
        startTime,
        endTime,
        createTime: job.startedAt,
        updateTime: endTime || startTime || job.startedAt,
        log,
        output: '',
        taskExecutorBrief: brief,
      };
      return { taskName: name, taskNames: [taskName], status, startTime, endTime, taskExecutorBrief: brief, tasks: [task] };
    });
    return {
      id: Number(job.id),
      engineId: job.resourceId,
      type,
      description: upgrade ? `Upgrade engine ${engineName} to ${job.detail.version}` : `Retry the last failed job of engine ${engineName}`,
      status: byState(at, { running: 'Executing', succeeded: 'Finished', failed: 'Error' }),
      scheduling: at.state === 'running' ? 1 : 0,
      createUser: running.createUser,
      startTime: job.startedAt,
      endTime: at.endedAt ?? 0,
      // The job's input, as a string.
      context: JSON.stringify(upgrade ? { version: job.detail.version } : { action: 'Retry' }),
      tasks: steps,
    };
  },
};
