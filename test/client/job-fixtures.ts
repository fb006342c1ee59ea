/** Status answers for the job tests: one job per service, each in a given state, as the provider sends them. */
import { expect } from 'vitest';
import { ENGINE, PROJECT, TASK, WORKSPACE_JOB } from './fixtures.js';

export const CSE_JOB = '18638';
export const SS_JOB = 'JOB66761060-f209-407c-a093-4df6f531b9dc';

export const cseBody = (status: string, extra: Record<string, unknown> = {}) => ({ id: Number(CSE_JOB), engineId: ENGINE, status, ...extra });
export const workspaceBody = (status: string, extra: Record<string, unknown> = {}) => ({ id: WORKSPACE_JOB, status, ...extra });
export const scriptBody = (status: string, counts: { success?: number; failed?: number } = {}, resources = 2) => ({
  count: 1,
  script_tasks: [
    {
      id: TASK,
      resource_ids: Array.from({ length: resources }, (_, i) => `desktop-${i}`),
      success_num: counts.success ?? 0,
      failed_num: counts.failed ?? 0,
      skip_num: 0,
      status,
    },
  ],
});
export const serviceStageBody = (status: string, tasks: Record<string, unknown>[] = []) => ({
  task_count: tasks.length,
  job: { JOB_ID: SS_JOB, EXECUTION_STATUS: status },
  tasks,
});

/** One case per status operation: its handle, the path it polls, and answers for each state. */
export const FOLLOWED = [
  {
    name: 'CSE ShowEngineJob',
    client: 'cse',
    handle: { service: 'cse', operation: 'UpgradeEngine', jobId: CSE_JOB, projectId: PROJECT, engineId: ENGINE },
    path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/jobs/${CSE_JOB}`,
    running: cseBody('Executing'),
    succeeded: cseBody('Finished'),
    failed: cseBody('Error', { tasks: [{ status: 'Error', tasks: [{ status: 'Error', log: 'Instance 2 of 3 did not become ready.' }] }] }),
    error: { code: 'Error', message: 'Instance 2 of 3 did not become ready.' },
  },
  {
    name: 'Workspace ShowJob',
    client: 'workspace',
    handle: { service: 'workspace', operation: 'RunActionsOnWorkspaceJob', jobId: WORKSPACE_JOB, projectId: PROJECT },
    path: `/v2/${PROJECT}/workspace-jobs/${WORKSPACE_JOB}`,
    running: workspaceBody('RUNNING'),
    succeeded: workspaceBody('SUCCESS'),
    failed: workspaceBody('FAILED', { job_error_code: 'WKS.00010025', fail_reason: 'The desktop agent did not respond.' }),
    error: { code: 'WKS.00010025', message: 'The desktop agent did not respond.' },
  },
  {
    name: 'Workspace ListScriptTasks',
    client: 'workspace',
    handle: { service: 'workspace', operation: 'RetryScriptExecution', jobId: TASK, projectId: PROJECT },
    path: `/v2/${PROJECT}/script-execution-tasks?task_id=${TASK}`,
    running: scriptBody('RUNNING', { success: 1 }),
    succeeded: scriptBody('SUCCESS', { success: 2 }),
    failed: scriptBody('FAILED', { success: 1, failed: 1 }),
    error: { code: 'FAILED', message: expect.stringMatching(/failed on 1 of 2 resources.*script_task_id=/) },
  },
  {
    name: 'ServiceStage ShowJobDetail',
    client: 'servicestage',
    handle: { service: 'servicestage', operation: 'UpdateInstanceAction', jobId: SS_JOB, projectId: PROJECT },
    path: `/v2/${PROJECT}/cas/jobs/${SS_JOB}`,
    running: serviceStageBody('RUNNING', [{ TASK_STATUS: 'SUCCEEDED' }, { TASK_STATUS: 'RUNNING' }]),
    succeeded: serviceStageBody('SUCCEEDED', [{ TASK_STATUS: 'SUCCEEDED' }, { TASK_STATUS: 'SUCCEEDED' }]),
    failed: serviceStageBody('FAILED', [{ TASK_STATUS: 'FAILED', MESSAGES: 'Insufficient quota.' }, { TASK_STATUS: 'SKIPPED' }]),
    error: { code: 'FAILED', message: 'Insufficient quota.' },
  },
] as const;
