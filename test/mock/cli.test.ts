/**
 * `npm run mock` as a developer runs it: it prints the URL and how to pick responses, serves the
 * operations in one process (no Prism child), and stops on Ctrl-C (SIGINT to its process group)
 * or SIGTERM to the mock's own process. npm 11 does not pass a signal sent to `npm` itself on,
 * which is why docs/mock.md tells CI to background the `huaweicloud-job-actions-mock` command
 * instead (tested on the installed package in test/consumer/mock-command.test.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { JSON_BODY, operation, send } from './fixtures.js';

const root = new URL('../../', import.meta.url).pathname;

interface Proc {
  pid: number;
  args: string;
}

/** Every process under `pid`, found through ps. */
function descendants(pid: number): Proc[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!)
    .map(([, child, parent, args]) => ({ pid: Number(child), ppid: Number(parent), args: args! }));
  const found: Proc[] = [];
  const walk = (parent: number) => {
    for (const proc of table) if (proc.ppid === parent) found.push(proc), walk(proc.pid);
  };
  walk(pid);
  return found;
}

const alive = (proc: Proc) => {
  try {
    process.kill(proc.pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Cleanup after a failed test: the group this test started, if any of it is left. */
function killGroup(npm: ChildProcess) {
  try {
    process.kill(-npm.pid!, 'SIGKILL');
  } catch {
    // already gone, as it should be
  }
}

/** Runs `npm run mock` in a process group of its own, waits for its URL, checks it serves. */
async function runMock() {
  // PORT=0: a free port, so the test never collides with a mock someone runs on 4010.
  const npm = spawn('npm', ['run', 'mock', '--silent'], { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${output}`)), 30_000);
    npm.stdout.on('data', () => {
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found && /Prefer: example=/.test(output)) clearTimeout(timer), resolve(found[1]!);
    });
  });
  const op = operation('UpdateInstanceAction');
  const answer = await send(url, { method: op.method, path: op.path, headers: JSON_BODY, body: { action: 'scale', parameters: {} } });
  expect(answer.status).toBe(400);
  expect(answer.json.error_msg).toContain('body.parameters.replica: required when action is scale');
  const tree = descendants(npm.pid!);
  expect(tree.filter((p) => /prism/i.test(p.args))).toEqual([]);
  return { npm, output: () => output, tree };
}

it('prints its URL, its pid and the Prefer reminder, and Ctrl-C (SIGINT to its process group) ends every process', async () => {
  const { npm, output, tree } = await runMock();
  try {
    expect(output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ .*pid \d+/);
    expect(output()).toContain('Prefer: code=');
    expect(output()).toContain('Prefer: example=NotFound');
    const exited = once(npm, 'exit');
    process.kill(-npm.pid!, 'SIGINT');
    await exited;
    await expect.poll(() => tree.filter(alive), { timeout: 10_000 }).toEqual([]);
  } finally {
    killGroup(npm);
  }
});

it('SIGTERM to the mock process (the pid it prints) ends npm run mock', async () => {
  const { npm, output, tree } = await runMock();
  try {
    const pid = Number(/pid (\d+)/.exec(output())![1]);
    expect(tree.map((p) => p.pid)).toContain(pid);
    process.kill(pid, 'SIGTERM');
    const [code] = await once(npm, 'exit');
    expect(code).toBe(0);
    await expect.poll(() => tree.filter(alive), { timeout: 10_000 }).toEqual([]);
  } finally {
    killGroup(npm);
  }
});

// Side by side: each is a process start-up, mostly waiting. The refusal is src/mock/cli.ts's: the first
// case goes through npm (which must pass its exit code and message on), the second runs the command
// `npm run mock` runs (package.json's scripts.mock) without npm's own start-up. Which values parsePort
// refuses (-1, 65536, spaces, signs, hex, ...) is start-mock.test.ts's, in-process: a process per value
// (~0.6 s of CPU each) checked the same function again.
const MOCK_COMMAND = ['node_modules/.bin/tsx', 'src/mock/cli.ts'];
it('npm run mock runs tsx src/mock/cli.ts', async () => {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts['mock']).toBe('tsx src/mock/cli.ts');
});

it.concurrent.for([
  ['http', 'npm run mock'],
  ['80abc', 'tsx src/mock/cli.ts'],
])('refuses PORT=%j (%s), saying so, before it listens', async ([port, how], { expect }) => {
  const [command, ...args] = how === 'npm run mock' ? ['npm', 'run', 'mock', '--silent'] : MOCK_COMMAND;
  const npm = spawn(command!, args, { cwd: root, env: { ...process.env, PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = await once(npm, 'exit');
  expect(code).toBe(1);
  expect(output).toContain(`PORT must be a port number from 0 to 65535 (decimal digits), not '${port}'`);
});
