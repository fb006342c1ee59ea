/**
 * The mock in one command, for a team with Node installed and nothing else: `npx --yes --package <tarball>
 * huaweicloud-job-actions-mock`, run from an empty directory, names no package but ours (its Prism
 * dependencies come with it), answers a real request and follows the job it started to its end, and stops on
 * SIGTERM or SIGINT to the PID it prints. And the same package in a Node test suite: `startMock()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newProject, type Project } from './project.js';

const packed = inject('packed');
const mockVersion = (await import('../../packages/mock/package.json', { with: { type: 'json' } })).default.version;
const BIN = 'huaweicloud-job-actions-mock';
const HEADERS = { 'X-Auth-Token': 'any', 'Content-Type': 'application/json' };

let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), 'empty-'));
});
afterAll(() => rm(empty, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  /** What the command printed so far, stdout and stderr. */
  output: () => string;
  /** Resolves with the URL and the PID the mock printed once it listens; rejects if it exits first. */
  listening: Promise<{ url: string; pid: number }>;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** `npx --yes --package <mock tarball> huaweicloud-job-actions-mock` in the empty directory, as a user types it. */
function npxMock(env: Record<string, string>, args: string[] = []): Started {
  const child = spawn('npx', ['--yes', '--prefer-offline', '--package', packed.mock.file, BIN, ...args], {
    cwd: empty,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const listening = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+) .*pid (\d+)/.exec(output);
      if (found) resolve({ url: found[1]!, pid: Number(found[2]) });
    });
    void exited.then(([code, signal]) => reject(new Error(`exited (${code ?? signal}) before listening:\n${output}`)));
  });
  return { child, output: () => output, listening, exited };
}

// In turn: npx installs the package into its own cache on the first run, and two first runs at once race there.
describe('npx --yes --package <tarball> huaweicloud-job-actions-mock, from an empty directory', () => {
  it.for(['SIGTERM', 'SIGINT'] as const)('answers an action, runs its job to the end, and stops on %s to the PID it prints', async (signal) => {
    const mock = npxMock({ PORT: '0', MOCK_JOB_POLLS: '2' });
    try {
      const { url, pid } = await mock.listening;
      const action = await fetch(`${url}/v2/p1/cas/applications/a1/components/c1/instances/i1/action`, {
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify({ action: 'scale', parameters: { replica: 3 } }),
      });
      expect(action.status).toBe(200);
      const { job_id } = (await action.json()) as { job_id: string };
      const statuses: string[] = [];
      for (let poll = 0; poll < 5 && !/SUCCEEDED|FAILED/.test(statuses.at(-1) ?? ''); poll++) {
        const status = await fetch(`${url}/v2/p1/cas/jobs/${encodeURIComponent(job_id)}`, { headers: HEADERS });
        expect(status.status).toBe(200);
        statuses.push(((await status.json()) as { job: { EXECUTION_STATUS: string } }).job.EXECUTION_STATUS);
      }
      expect(statuses).toEqual(['RUNNING', 'RUNNING', 'SUCCEEDED']);
      process.kill(pid, signal);
      const [code] = await mock.exited;
      expect(code).toBe(0);
    } finally {
      mock.child.kill('SIGKILL');
    }
  });

  it.for([
    [{ PORT: '80abc' }, /PORT must be a port number from 0 to 65535/],
    [{ PORT: '0', MOCK_JOB_POLLS: '1e9' }, /MOCK_JOB_POLLS/],
    [{ PORT: '0', MOCK_JOB_OUTCOME: 'maybe' }, /MOCK_JOB_OUTCOME/],
  ] as const)('refuses %j before listening, naming the setting, and exits 1', async ([env, message]) => {
    const mock = npxMock(env);
    mock.listening.catch(() => {});
    const [code] = await mock.exited;
    expect(code).toBe(1);
    expect(mock.output()).toMatch(message);
  });
});

describe('its arguments: settings are environment variables, so only --help and --version', () => {
  it.for(['--help', '-h'])('%s prints the usage, every variable and how to stop it, and exits 0', async (flag) => {
    const mock = npxMock({}, [flag]);
    mock.listening.catch(() => {});
    expect((await mock.exited)[0]).toBe(0);
    expect(mock.output()).toMatch(/^Usage: huaweicloud-job-actions-mock \[--help \| --version\]\n/);
    for (const name of ['PORT', 'MOCK_JOBS', 'MOCK_JOB_POLLS', 'MOCK_JOB_OUTCOME', 'MOCK_JOB_LIMIT', 'Prefer', 'X-Mock-Job', 'SIGTERM']) expect(mock.output()).toContain(name);
    // The named examples are in the bundle the installed package serves.
    expect(mock.output()).toMatch(/names in \S+\/huaweicloud-job-actions-mock\/generated\/openapi\.json/);
  });

  it("--version prints the package's version", async () => {
    const mock = npxMock({}, ['--version']);
    mock.listening.catch(() => {});
    expect((await mock.exited)[0]).toBe(0);
    expect(mock.output().trim()).toBe(mockVersion);
  });

  it.for([['--port=80'], ['4010'], ['--help', 'extra'], ['--\u001b[31mred'], ['']])('refuses %j before listening, control bytes escaped, and exits 2', async (args) => {
    const mock = npxMock({ PORT: '0' }, args);
    mock.listening.catch(() => {});
    expect((await mock.exited)[0]).toBe(2);
    expect(mock.output()).toMatch(/^huaweicloud-job-actions-mock: unknown argument (".*" ?)+ \(settings are environment variables/);
    expect(mock.output()).not.toContain('\u001b');
    expect(mock.output()).not.toContain('listening');
  });
});

describe('startMock() from the package, in a Node test suite', () => {
  let project: Project;
  beforeAll(async () => {
    project = await newProject('mock-consumer', ['--save-dev', packed.mock.file, packed.client.file]);
  });
  afterAll(() => project?.remove());

  it('starts on a free port, and the client from its own tarball follows a job there to its end', async () => {
    const script = `
      import { startMock } from 'huaweicloud-job-actions-mock';
      import { createWorkspaceClient } from 'huaweicloud-job-actions';
      const mock = await startMock({ jobs: { polls: 1 } });
      try {
        const workspace = createWorkspaceClient({ baseUrl: mock.url, projectId: 'p1', auth: { token: 't' } });
        const { job } = await workspace.retryWorkspaceJob({ jobId: '6783cecb-0e5c-4521-a3ea-825f551c1ba9' });
        const done = await workspace.waitForJob(job, { interval: { initial: 10, max: 10 } });
        console.log(done.status, mock.url.startsWith('http://127.0.0.1:'));
      } finally {
        await mock.stop();
      }`;
    expect((await project.node(script)).stdout).toBe('SUCCESS true');
  });
});
