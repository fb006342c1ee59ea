/**
 * The npm package: dist/ built by `npm run build:dist`, exactly the files users need in the
 * tarball, publint and arethetypeswrong clean, and the entry point importable by its own name.
 */
import { execFile } from 'node:child_process';
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

  it('keeps Prism out of the runtime dependencies: an optional peer dependency of the ./mock entry point', () => {
    expect(pkg.dependencies['@stoplight/prism-cli']).toBeUndefined();
    expect(pkg.peerDependencies['@stoplight/prism-cli']).toBe(pkg.devDependencies['@stoplight/prism-cli']);
    expect(pkg.peerDependenciesMeta['@stoplight/prism-cli']).toEqual({ optional: true });
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
