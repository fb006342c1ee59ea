/** The simulation's defaults: startMock({ jobs }) refuses bad options with a TypeError, the command bad environment variables before it listens. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jobSettings, jobSettingsFromEnv } from '../../../src/mock/jobs/settings.js';
import { startMock } from '../../../src/mock/index.js';

const root = new URL('../../../', import.meta.url).pathname;

describe('startMock({ jobs })', () => {
  it('defaults: 2 running polls, then success, 10 000 jobs remembered; false turns jobs off', () => {
    expect(jobSettings(undefined)).toEqual({ polls: 2, outcome: 'succeed', limit: 10_000 });
    expect(jobSettings({ polls: 0, outcome: 'fail', limit: 1 })).toEqual({ polls: 0, outcome: 'fail', limit: 1 });
    expect(jobSettings(false)).toBeUndefined();
  });

  it.each([
    [null, /must be false or \{ polls\?, outcome\?, limit\? \} \(got null\)/],
    ['fast', /must be false or/],
    [[], /must be false or/],
    [{ poll: 1 }, /unknown option poll; known: polls, outcome, limit/],
    [{ polls: -1 }, /jobs: \{ polls \} \}\) must be a whole number from 0 to 10000 \(got -1\)/],
    [{ polls: 1.5 }, /polls/],
    [{ polls: 10_001 }, /polls/],
    [{ polls: Number.NaN }, /polls.*got null/],
    [{ polls: '2' }, /polls.*got "2"/],
    [{ outcome: 'error' }, /outcome \} \}\) must be 'succeed' or 'fail' \(got "error"\)/],
    [{ limit: 0 }, /limit.*from 1 to 1000000/],
    [{ limit: Infinity }, /limit/],
  ])('%j is a TypeError, thrown before anything starts', async (jobs, message) => {
    const started = startMock({ jobs: jobs as never });
    await expect(started).rejects.toThrow(TypeError);
    await expect(started).rejects.toThrow(message);
  });

  it('a bigint is a TypeError too', async () => {
    await expect(startMock({ jobs: { polls: 2n } as never })).rejects.toThrow(/polls.*got 2n/);
  });
});

describe('the command\'s environment', () => {
  it('reads MOCK_JOBS, MOCK_JOB_POLLS, MOCK_JOB_OUTCOME, MOCK_JOB_LIMIT; empty means unset', () => {
    expect(jobSettingsFromEnv({})).toEqual({ polls: 2, outcome: 'succeed', limit: 10_000 });
    expect(jobSettingsFromEnv({ MOCK_JOBS: 'on', MOCK_JOB_POLLS: '0', MOCK_JOB_OUTCOME: 'fail', MOCK_JOB_LIMIT: '5' })).toEqual({ polls: 0, outcome: 'fail', limit: 5 });
    expect(jobSettingsFromEnv({ MOCK_JOB_POLLS: '' })).toEqual({ polls: 2, outcome: 'succeed', limit: 10_000 });
    expect(jobSettingsFromEnv({ MOCK_JOBS: 'off' })).toBeUndefined();
  });

  it.each([
    [{ MOCK_JOBS: 'no' }, 'MOCK_JOBS must be on or off (got "no")'],
    [{ MOCK_JOB_POLLS: 'two' }, 'MOCK_JOB_POLLS must be a whole number from 0 to 10000 (got "two")'],
    [{ MOCK_JOB_POLLS: ' 2' }, 'MOCK_JOB_POLLS must be a whole number'],
    [{ MOCK_JOB_POLLS: '1e3' }, 'MOCK_JOB_POLLS must be a whole number'],
    [{ MOCK_JOB_POLLS: '99999999999' }, 'MOCK_JOB_POLLS must be a whole number'],
    [{ MOCK_JOB_LIMIT: '0' }, 'MOCK_JOB_LIMIT must be a whole number from 1 to 1000000 (got "0")'],
    [{ MOCK_JOB_OUTCOME: 'FAIL' }, 'MOCK_JOB_OUTCOME must be succeed or fail (got "FAIL")'],
    [{ MOCK_JOBS: 'off', MOCK_JOB_POLLS: '3' }, 'MOCK_JOBS=off turns the job simulation off, so MOCK_JOB_POLLS would do nothing'],
  ])('%j is an error', (env, message) => {
    expect(() => jobSettingsFromEnv(env)).toThrow(message);
  });

  it('the command exits 1 with the message, before it listens', async () => {
    const run = promisify(execFile)(`${root}node_modules/.bin/tsx`, ['src/mock/cli.ts'], { cwd: root, env: { ...process.env, PORT: '0', MOCK_JOB_POLLS: '-3' }, timeout: 30_000 });
    const failure = await run.then(() => undefined, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stdout: '' });
    expect(failure!.stderr).toContain('huaweicloud-job-actions-mock: MOCK_JOB_POLLS must be a whole number from 0 to 10000 (got "-3")');
  });
});
