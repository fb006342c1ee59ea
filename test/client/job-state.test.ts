/** The README's mapping table, rule by rule, on the pure readers (src/client/job-state.ts). */
import { describe, expect, it } from 'vitest';
import { engineJobReading, scriptTaskReading, serviceStageJobReading, workspaceJobReading } from '../../src/client/job-state.js';

const task = (fields: Record<string, unknown>) => ({ script_tasks: [{ id: 't', resource_ids: ['a', 'b'], ...fields }] });

describe('CSE', () => {
  it.each([
    ['Init', 'running'], ['Executing', 'running'], ['Finished', 'succeeded'], ['Error', 'failed'], ['Timeout', 'failed'], ['finished', 'running'], ['Paused', 'running'],
  ])('%s is %s', (status, state) => expect(engineJobReading({ status })).toMatchObject({ state, status }));

  it('progress is the share of finished steps; a failed job names the failed task\'s log', () => {
    const body = { status: 'Error', tasks: [{ status: 'Finished' }, { status: 'Error', tasks: [{ status: 'Error', log: 'disk full' }] }] };
    expect(engineJobReading(body)).toEqual({ state: 'failed', status: 'Error', progress: 50, error: { code: 'Error', message: 'disk full' } });
  });
});

describe('Workspace ShowJob', () => {
  it.each([['WAITING', 'running'], ['RUNNING', 'running'], ['SUCCESS', 'succeeded'], ['FAILED', 'failed'], ['PAUSED', 'running']])(
    '%s is %s',
    (status, state) => expect(workspaceJobReading({ status })).toMatchObject({ state, status }),
  );
  it('falls back to the first failed sub-job for code and reason; progress is the mean of the sub-jobs\' process', () => {
    const body = { status: 'FAILED', sub_jobs: [{ status: 'SUCCESS', process: 100 }, { status: 'FAILED', process: 40, error_code: 'WKS.1', fail_reason: 'agent down' }] };
    expect(workspaceJobReading(body)).toEqual({ state: 'failed', status: 'FAILED', progress: 70, error: { code: 'WKS.1', message: 'agent down' } });
  });
  it('ignores a process that is not a count', () => {
    expect(workspaceJobReading({ status: 'RUNNING', sub_jobs: [{ process: '50%' }, { process: -1 }, { process: 1e300 }] })).toEqual({ state: 'running', status: 'RUNNING' });
  });
});

describe('Workspace ListScriptTasks', () => {
  it.each([
    ['RUNNING, 1 of 2 done', { status: 'RUNNING', success_num: 1 }, 'running'],
    ['SUCCESS', { status: 'SUCCESS', success_num: 2 }, 'succeeded'],
    ['success (any case)', { status: 'success', success_num: 2 }, 'succeeded'],
    ['SUCCESS but a desktop failed', { status: 'SUCCESS', success_num: 1, failed_num: 1 }, 'failed'],
    ['FAILED', { status: 'FAILED', failed_num: 2 }, 'failed'],
    ['an unknown status with every desktop counted, none failed', { status: 'DONE_2027', success_num: 1, skip_num: 1 }, 'succeeded'],
    ['an unknown status with every desktop counted, one failed', { status: 'DONE_2027', success_num: 1, failed_num: 1 }, 'failed'],
    ['an unknown status, not all counted', { status: 'EXECUTING', success_num: 1 }, 'running'],
    ['counts that are not numbers', { status: 'EXECUTING', success_num: '2', failed_num: null }, 'running'],
  ])('%s: %s', (_, fields, state) => expect(scriptTaskReading(task(fields), 't')?.state).toBe(state));

  it('finds the task by its ID only; another task does not count', () => {
    expect(scriptTaskReading({ script_tasks: [{ id: 'other', status: 'SUCCESS' }] }, 't')).toBeUndefined();
    expect(scriptTaskReading({ script_tasks: 'nope' }, 't')).toBeUndefined();
  });
});

describe('ServiceStage', () => {
  it.each([['RUNNING', 'running'], ['SUCCEEDED', 'succeeded'], ['FAILED', 'failed'], ['ROLLING_BACK', 'running']])('%s is %s', (status, state) =>
    expect(serviceStageJobReading({ job: { EXECUTION_STATUS: status } })).toMatchObject({ state, status }),
  );
  it('reads nothing from a body without job.EXECUTION_STATUS', () => {
    expect(serviceStageJobReading({ EXECUTION_STATUS: 'SUCCEEDED' })).toBeUndefined();
    expect(serviceStageJobReading(null)).toBeUndefined();
  });
});
