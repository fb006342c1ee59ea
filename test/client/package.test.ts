/**
 * The npm package: dist/ built by `npm run build:dist`, exactly the files users need in the
 * tarball, publint and arethetypeswrong clean, and the entry point importable by its own name.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_AGENT, VERSION } from '../../src/version.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${root}`), 'utf8'));

// What users get: compiled code and its declarations, the generated types those declarations
// import, the combined bundle (served by the ./mock entry point), and npm's always-included files.
const SHIPPED = [
  /^dist\/(.+\/)?[\w-]+\.(js|d\.ts)$/,
  /^generated\/types\/(cse|workspace|servicestage)\.d\.ts$/,
  /^generated\/openapi\.json$/,
  /^(package\.json|README\.md|LICENSE)$/,
];

let packed: string[] = [];
beforeAll(async () => {
  await run('npm', ['run', 'build:dist'], { cwd: root });
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
  packed = (JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path).sort();
}, 120_000);

describe('npm pack', () => {
  it('contains the entry point, its declarations and the generated types', () => {
    expect(packed).toEqual(
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
    expect(packed.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('ships a .js and a .d.ts for every compiled module', () => {
    const js = packed.filter((f) => f.startsWith('dist/') && f.endsWith('.js')).map((f) => f.slice(0, -3));
    const dts = packed.filter((f) => f.startsWith('dist/') && f.endsWith('.d.ts')).map((f) => f.slice(0, -5));
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

describe('package linters', () => {
  it('publint finds nothing, suggestions included', async () => {
    const { messages } = await publint({ pkgDir: root, strict: true, pack: 'npm' });
    expect(messages).toEqual([]);
  });

  it('arethetypeswrong finds nothing for ESM consumers (node16 and bundlers)', async () => {
    // The package is ESM only by design: CommonJS callers use import(), hence the esm-only profile.
    const { stdout } = await run('npx', ['attw', '--pack', '.', '--profile', 'esm-only', '--format', 'json'], { cwd: root }).catch(
      (e: { stdout: string }) => e,
    );
    const { problems } = JSON.parse(stdout) as { problems: Record<string, { resolutionKind?: string }[]> };
    const esmProblems = Object.values(problems)
      .flat()
      .filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(esmProblems).toEqual([]);
  });
});

describe('the mock command (bin)', () => {
  /** Starts `node <bin>` as one process; resolves with it and its URL once it listens. */
  async function startBin() {
    const bin = join(root, pkg.bin['huaweicloud-job-actions-mock']);
    const child = spawn(process.execPath, [bin], { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    return { child, url, output: () => output };
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('runs in one process, serves, and stops on %s to its own PID', async (signal) => {
    const { child, url, output } = await startBin();
    try {
      expect(readFileSync(join(root, pkg.bin['huaweicloud-job-actions-mock']), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
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

describe('the built entry point', () => {
  it('imports by package name from plain Node and exports what src/index.ts exports', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', "console.log(JSON.stringify(Object.keys(await import('huaweicloud-job-actions')).sort()))"],
      { cwd: root },
    );
    const source = Object.keys(await import('../../src/index.js')).sort();
    expect(JSON.parse(stdout)).toEqual(source);
  });

  it('serves ./mock from dist: startMock answers with the shipped bundle and stops', async () => {
    const script = [
      "const { startMock } = await import('huaweicloud-job-actions/mock');",
      'const mock = await startMock();',
      "const res = await fetch(mock.url + '/v2/p1/script-executions/retry', { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json' }, body: '{}' });",
      'console.log(res.status);',
      'await mock.stop();',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(stdout.trim()).toBe('200');
  });
});
