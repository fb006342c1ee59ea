/**
 * The npm package as a fresh clone publishes it: `npm pack` in a clean copy (test/package/clean-pack.ts)
 * builds dist/ itself (prepack), the tarball holds exactly the files users need, publint and
 * arethetypeswrong find nothing in it, and a new ESM project that installs the tarball imports the
 * client and the ./mock entry point by name. Nothing here reads or writes the working tree's dist/.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_AGENT, VERSION } from '../../src/client/version.js';
import { cleanPack, type CleanPack } from './clean-pack.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// What users get: compiled code and its declarations, the generated types those declarations
// import, the combined bundle (served by the ./mock entry point), and npm's always-included files.
const SHIPPED = [
  /^dist\/(.+\/)?[\w-]+\.(js|d\.ts)$/,
  /^generated\/types\/(cse|workspace|servicestage)\.d\.ts$/,
  /^generated\/openapi\.json$/,
  /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
];

let pack: CleanPack;
let consumer: string;

/** Runs an ES module in the consumer project, as its own code would. */
const inConsumer = async (script: string, type = 'module') =>
  (await run(process.execPath, [`--input-type=${type}`, '-e', script], { cwd: consumer })).stdout.trim();

// The checks on the tarball and in the consumer run side by side (describe.concurrent, each test with its
// own `expect`): most are a process start-up (attw, node in the consumer, the mock command), and this
// file's chain (clean pack, install, these) is the longest of the suite.
beforeAll(async () => {
  pack = await cleanPack(root);
  // A new project, as `npm init -y` makes it plus "type": "module", installing the tarball. Prism
  // (the optional peer the ./mock entry point runs) is linked from this repository, not downloaded.
  consumer = join(pack.dir, 'consumer');
  await mkdir(consumer);
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', pack.tarball], { cwd: consumer });
  await mkdir(join(consumer, 'node_modules', '@stoplight'), { recursive: true });
  for (const name of Object.keys(pkg.peerDependencies)) await symlink(join(root, 'node_modules', name), join(consumer, 'node_modules', name));
}, 300_000);

afterAll(() => pack?.remove());

describe('npm pack from a clean clone', () => {
  it('runs the build the tarball needs (prepack) before packing', () => {
    expect(pack.log).toMatch(/\[dist:client\] Executed successfully/);
    expect(pack.log).toMatch(/\[dist:mock\] Executed successfully/);
  });

  it('contains the entry point, its declarations and the generated types', () => {
    expect(pack.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/mock/index.js',
        'dist/mock/index.d.ts',
        'generated/openapi.json',
        'generated/types/cse.d.ts',
        'generated/types/workspace.d.ts',
        'generated/types/servicestage.d.ts',
      ]),
    );
  });

  it('contains nothing else: no sources, tests, specs, scripts, configs or source maps', () => {
    expect(pack.files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('ships a .js and a .d.ts for every compiled module', () => {
    const js = pack.files.filter((f) => f.startsWith('dist/') && f.endsWith('.js')).map((f) => f.slice(0, -3));
    const dts = pack.files.filter((f) => f.startsWith('dist/') && f.endsWith('.d.ts')).map((f) => f.slice(0, -5));
    expect(js.length).toBeGreaterThan(1);
    expect(dts).toEqual(js);
  });
});

describe('package.json', () => {
  it('has openapi-fetch as its only runtime dependency; any peer dependency is optional', () => {
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
    for (const name of Object.keys(pkg.peerDependencies ?? {})) {
      expect(pkg.peerDependenciesMeta?.[name]?.optional, `peer dependency ${name} must be optional`).toBe(true);
    }
  });

  it('is ESM with an exports map whose types come first', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.exports['./mock']).toEqual({ types: './dist/mock/index.d.ts', default: './dist/mock/index.js' });
  });

  it("keeps Prism out of the runtime dependencies: its library packages are optional peers of ./mock, tested at the pinned versions", () => {
    const prism = ['@stoplight/prism-core', '@stoplight/prism-http', '@stoplight/prism-http-server'];
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(prism);
    for (const name of prism) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.peerDependencies[name]).toBe(pkg.devDependencies[name]);
      expect(pkg.peerDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
      const installed = JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, `file://${root}`), 'utf8')) as { version: string };
      expect(installed.version).toBe(pkg.peerDependencies[name]);
    }
  });

  it("has the version this package's User-Agent names", () => {
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`huaweicloud-job-actions/${pkg.version}`);
  });
});

describe.concurrent('package linters, on the tarball', () => {
  it('publint finds nothing, suggestions included', async ({ expect }) => {
    const tarball = (await readFile(pack.tarball)).buffer as ArrayBuffer;
    const { messages } = await publint({ strict: true, pack: { tarball } });
    expect(messages).toEqual([]);
  });

  it('arethetypeswrong finds nothing for ESM consumers (node16 and bundlers)', async ({ expect }) => {
    // The package is ESM only by design: CommonJS callers use import(), hence the esm-only profile.
    const { stdout } = await run(join(root, 'node_modules', '.bin', 'attw'), [pack.tarball, '--profile', 'esm-only', '--format', 'json']).catch(
      (e: { stdout: string }) => e,
    );
    const { problems } = JSON.parse(stdout) as { problems: Record<string, { resolutionKind?: string }[]> };
    const esmProblems = Object.values(problems)
      .flat()
      .filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(esmProblems).toEqual([]);
  });
});

describe.concurrent('a new project that installs the tarball', () => {
  it('imports the client by package name and gets what src/index.ts exports', async ({ expect }) => {
    const names = await inConsumer("console.log(JSON.stringify(Object.keys(await import('huaweicloud-job-actions')).sort()))");
    expect(JSON.parse(names)).toEqual(Object.keys(await import('../../src/index.js')).sort());
  });

  it('from CommonJS, loads it with await import() (the README says so)', async ({ expect }) => {
    const script = "import('huaweicloud-job-actions').then((m) => console.log(typeof m.createCseClient))";
    const { createCseClient } = await import('../../src/index.js');
    expect(await inConsumer(script, 'commonjs')).toBe(typeof createCseClient);
  });

  it('serves ./mock from the installed dist: startMock answers with the shipped bundle and stops', async ({ expect }) => {
    const script = [
      "const { startMock } = await import('huaweicloud-job-actions/mock');",
      'const mock = await startMock();',
      "const res = await fetch(mock.url + '/v2/p1/script-executions/retry', { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json' }, body: '{}' });",
      'console.log(res.status);',
      'await mock.stop();',
    ].join('\n');
    expect(await inConsumer(script)).toBe('200');
  });
});

describe.concurrent('the mock command (bin), as the tarball installs it', () => {
  /** Starts `node <bin>` as one process; resolves with it and its URL once it listens. */
  async function startBin() {
    const bin = join(consumer, 'node_modules', '.bin', 'huaweicloud-job-actions-mock');
    const child = spawn(process.execPath, [bin], { cwd: consumer, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (found) clearTimeout(timer), resolve(found[1]!);
      });
    });
    return { bin, child, url, output: () => output };
  }

  it.for(['SIGTERM', 'SIGINT'] as const)('runs in one process, serves, and stops on %s to its own PID', async (signal, { expect }) => {
    const { bin, child, url, output } = await startBin();
    try {
      expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
      expect(output()).toContain(`pid ${child.pid}`);
      // ps exits 1 when it finds no process: the mock has no child.
      expect(() => execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })).toThrow();
      const res = await fetch(`${url}/v2/p1/script-executions/retry`, { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(200);
      const exited = once(child, 'exit');
      process.kill(child.pid!, signal);
      expect(await exited).toEqual([0, null]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
