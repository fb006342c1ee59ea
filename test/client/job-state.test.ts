/** docs/client.md's mapping table ("Waiting for a job"), rule by rule, on the pure readers (src/client/job-state.ts). */
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

/**
 * The provider's error code of a failed job, for every service: from its own field where the answer
 * has one (Workspace), else from the start of the reason, where CSE and ServiceStage put it (the
 * code is then taken off the reason), else the status. Only `SERVICE.NUMBER` at the very start, set
 * off by a colon or a space, is a code: versions, words and codes further in are not.
 */
describe('error codes, per service', () => {
  const cse = (log: unknown, extra: Record<string, unknown> = {}) =>
    engineJobReading({ status: 'Error', tasks: [{ status: 'Error', tasks: [{ status: 'Error', log, ...extra }] }] })?.error;
  const workspace = (fields: Record<string, unknown>) => workspaceJobReading({ status: 'FAILED', ...fields })?.error;
  const servicestage = (MESSAGES: unknown) => serviceStageJobReading({ job: { EXECUTION_STATUS: 'FAILED' }, tasks: [{ TASK_STATUS: 'FAILED', MESSAGES }] })?.error;
  const readers = { cse, servicestage, workspace: (reason: unknown) => workspace({ fail_reason: reason }) };
  const statusOf = { cse: 'Error', servicestage: 'FAILED', workspace: 'FAILED' };

  describe.each(Object.entries(readers))('%s: a code at the start of the reason', (service, read) => {
    it.each([
      ['SVCSTG.00500400: Instance 2 of 3 did not become ready.', 'SVCSTG.00500400', 'Instance 2 of 3 did not become ready.'],
      ['WKS.00010025 The desktop agent did not respond.', 'WKS.00010025', 'The desktop agent did not respond.'],
      ['SVCSTG.00100.400 : Insufficient quota', 'SVCSTG.00100.400', 'Insufficient quota'],
      ['APIGW.0308:throttled', 'APIGW.0308', 'throttled'],
      ['CSE_ENGINE.12: x', 'CSE_ENGINE.12', 'x'],
    ])('%s', (reason, code, message) => expect(read(reason)).toEqual({ code, message }));

    it('a code alone: the message says how the job ended', () => {
      expect(read('SVCSTG.00500400')).toEqual({ code: 'SVCSTG.00500400', message: `the job ended with status ${statusOf[service as keyof typeof statusOf]}` });
    });

    it.each([
      'Instance 2 of 3 did not become ready.',
      'V2.4.0: the version is not available', // one letter: a version
      'v1.2: lower case',
      'Error: disk full',
      'CSE: no number',
      'CSE.: no number',
      'CSE.12x: letters after the number',
      'The upgrade failed with SVCSTG.00500400',
      ' SVCSTG.00500400: a space first',
      'svcstg.00500400: lower case',
    ])('not a code: %s', (reason) => expect(read(reason)).toEqual({ code: statusOf[service as keyof typeof statusOf], message: reason }));

    // A pattern that backtracks would take minutes on this (the suite's timeout fails it); no clock is read here.
    it('a long reason without a code is read (the pattern cannot backtrack for long)', () => {
      const reason = `AB${'C'.repeat(1_000_000)}.${'1'.repeat(1_000_000)}x`;
      expect(read(reason)).toEqual({ code: statusOf[service as keyof typeof statusOf], message: reason });
    }, 10_000);
  });

  it('CSE: from the failed task\'s log, else its description, else the failed step\'s description', () => {
    expect(cse(undefined, { taskExecutorBrief: { description: 'SVCSTG.00500404: engine gone' } })).toEqual({ code: 'SVCSTG.00500404', message: 'engine gone' });
    const stepOnly = engineJobReading({ status: 'Timeout', tasks: [{ status: 'Timeout', taskExecutorBrief: { description: 'SVCSTG.00500408: timed out' } }] });
    expect(stepOnly?.error).toEqual({ code: 'SVCSTG.00500408', message: 'timed out' });
    expect(engineJobReading({ status: 'Timeout' })?.error).toEqual({ code: 'Timeout', message: 'the job ended with status Timeout' });
  });

  it('Workspace: job_error_code first, then the failed sub-job\'s error_code, then the start of fail_reason', () => {
    expect(workspace({ job_error_code: 'WKS.1', fail_reason: 'WKS.2: agent down' })).toEqual({ code: 'WKS.1', message: 'WKS.2: agent down' });
    expect(workspace({ sub_jobs: [{ status: 'FAILED', error_code: 'WKS.3', fail_reason: 'x' }] })).toEqual({ code: 'WKS.3', message: 'x' });
    expect(workspace({ sub_jobs: [{ status: 'FAILED', fail_reason: 'WKS.4: y' }] })).toEqual({ code: 'WKS.4', message: 'y' });
    expect(workspace({ job_error_code: 42, fail_reason: 'z' })).toEqual({ code: 'FAILED', message: 'z' });
  });

  it('Workspace script task: the listing has no code; the status is the code', () => {
    expect(scriptTaskReading(task({ status: 'FAILED', failed_num: 1, success_num: 1 }), 't')?.error?.code).toBe('FAILED');
    expect(scriptTaskReading(task({ status: 'WKS.00010099', failed_num: 2 }), 't')?.error?.code).toBe('WKS.00010099');
  });

  it('a reason that is not a string counts as absent', () => {
    expect(servicestage(['SVCSTG.1: x'])).toEqual({ code: 'FAILED', message: 'the job ended with status FAILED' });
  });
});
