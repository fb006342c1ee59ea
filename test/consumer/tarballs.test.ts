/**
 * The two tarballs as `npm pack` makes them from a clean copy of the repository (global-setup.ts): each
 * package's own build ran (prepare, prepack), each holds exactly the files its users need and its licence,
 * and publint and arethetypeswrong find nothing in either. Nothing here reads the working tree's dist/.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { describe, expect, inject, it } from 'vitest';
import { USER_AGENT, VERSION } from '../../src/client/version.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const clientPkg = readJson('package.json');
const mockPkg = readJson('packages/mock/package.json');
const packed = inject('packed');

const BUNDLES = ['openapi', 'cse.openapi', 'workspace.openapi', 'servicestage.openapi'].flatMap((name) => [`generated/${name}.json`, `generated/${name}.yaml`]);

// What users get, and nothing else: compiled code with its declarations, the generated types those
// declarations import, the bundles, and npm's always-included files.
const CLIENT_SHIPS = [/^dist\/(client\/)?[\w-]+\.(js|d\.ts)$/, /^generated\/types\/(cse|workspace|servicestage)\.d\.ts$/, /^generated\/([a-z]+\.)?openapi\.(json|yaml)$/, /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/];
const MOCK_SHIPS = [/^dist\/mock\/([a-z]+\/)?[\w-]+\.(js|d\.ts)$/, /^generated\/openapi\.json$/, /^(package\.json|README\.md|LICENSE)$/];

/** Pairs of .js and .d.ts under dist/ must match one to one. */
function modules(files: string[], suffix: string) {
  return files.filter((f) => f.startsWith('dist/') && f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length));
}

describe('npm pack from a clean copy of the repository', () => {
  it("builds each package's dist/ itself: prepare (the client) and the mock package's prepack", () => {
    expect(packed.log).toMatch(/> huaweicloud-job-actions@[\d.]+ prepare\n> tsc -p tsconfig.build.json/);
    expect(packed.log).toMatch(/\[\.\.\/\.\.:dist:mock\] Executed successfully/);
    expect(packed.log).toMatch(/\[\.\.\/\.\.:dist:mock-document\] Executed successfully/);
  });

  it('the client tarball: the entry point, its declarations, the generated types and every bundle (YAML and JSON)', () => {
    expect(packed.client.files).toEqual(
      expect.arrayContaining(['package.json', 'LICENSE', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'generated/types/cse.d.ts', 'generated/types/workspace.d.ts', 'generated/types/servicestage.d.ts', ...BUNDLES]),
    );
    expect(packed.client.files.filter((file) => !CLIENT_SHIPS.some((pattern) => pattern.test(file)))).toEqual([]);
    expect(modules(packed.client.files, '.d.ts')).toEqual(modules(packed.client.files, '.js'));
    expect(packed.client.files.some((f) => f.startsWith('dist/mock'))).toBe(false);
  });

  it('the mock tarball: the mock, its command, its declarations and the bundle it serves', () => {
    expect(packed.mock.files).toEqual(
      expect.arrayContaining(['package.json', 'LICENSE', 'README.md', 'dist/mock/index.js', 'dist/mock/index.d.ts', 'dist/mock/cli.js', 'generated/openapi.json']),
    );
    expect(packed.mock.files.filter((file) => !MOCK_SHIPS.some((pattern) => pattern.test(file)))).toEqual([]);
    expect(modules(packed.mock.files, '.d.ts')).toEqual(modules(packed.mock.files, '.js'));
  });

  it('the bundle the mock serves is the committed combined bundle, byte for byte', async () => {
    const { stdout } = await run('tar', ['-xOzf', packed.mock.file, 'package/generated/openapi.json'], { maxBuffer: 64 << 20 });
    expect(stdout).toBe(readFileSync(join(root, 'generated/openapi.json'), 'utf8'));
  });

  it.for(['client', 'mock'] as const)('the %s tarball carries the MIT licence of the holder its package.json names', async (which) => {
    const { stdout } = await run('tar', ['-xOzf', packed[which].file, 'package/LICENSE']);
    const pkg = which === 'client' ? clientPkg : mockPkg;
    expect(pkg.license).toBe('MIT');
    expect(stdout).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} (.+)\n/);
    expect(/Copyright \(c\) \d{4} (.+)\n/.exec(stdout)![1]).toBe(pkg.author);
    expect(stdout).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
  });
});

describe('package.json of each package', () => {
  it('is published as written: npm publish corrects nothing (it drops a bin whose path starts with ./)', async () => {
    // In the clean copy the tarballs were packed from, whose dist/ is built; --ignore-scripts: no second build.
    const { stderr } = await run('npm', ['publish', '--dry-run', '--offline', '--ignore-scripts', '--workspaces', '--include-workspace-root'], {
      cwd: packed.clone,
      maxBuffer: 16 << 20,
    });
    expect(stderr).not.toMatch(/auto-corrected|invalid and removed/);
    expect(mockPkg.bin).toEqual({ 'huaweicloud-job-actions-mock': 'dist/mock/cli.js' });
  });

  it('the client has openapi-fetch as its only runtime dependency, and no peers', () => {
    expect(clientPkg.dependencies).toEqual({ 'openapi-fetch': expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(clientPkg.peerDependencies).toBeUndefined();
    expect(clientPkg.optionalDependencies).toBeUndefined();
  });

  it("the mock depends on Prism's library at exactly the versions this repository installs and tests", () => {
    const prism = ['@stoplight/prism-core', '@stoplight/prism-http', '@stoplight/prism-http-server'];
    expect(Object.keys(mockPkg.dependencies).sort()).toEqual(prism);
    for (const name of prism) {
      expect(mockPkg.dependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
      expect(readJson(`node_modules/${name}/package.json`).version).toBe(mockPkg.dependencies[name]);
    }
  });

  it('both are ESM with exports maps whose types come first, released together (same version, engines, licence, author)', () => {
    expect(clientPkg.type).toBe('module');
    expect(mockPkg.type).toBe('module');
    expect(clientPkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(mockPkg.exports['.']).toEqual({ types: './dist/mock/index.d.ts', default: './dist/mock/index.js' });
    for (const field of ['version', 'engines', 'license', 'author']) expect(mockPkg[field], field).toEqual(clientPkg[field]);
    expect(clientPkg.workspaces).toEqual(['packages/mock']);
  });

  it("has the version this package's User-Agent names", () => {
    expect(VERSION).toBe(clientPkg.version);
    expect(USER_AGENT).toBe(`huaweicloud-job-actions/${clientPkg.version}`);
  });
});

describe.concurrent('package linters, on each tarball', () => {
  it.for(['client', 'mock'] as const)('publint finds nothing in the %s tarball, suggestions included', async (which, { expect }) => {
    const tarball = (await readFile(packed[which].file)).buffer as ArrayBuffer;
    const { messages } = await publint({ strict: true, pack: { tarball } });
    expect(messages).toEqual([]);
  });

  it.for(['client', 'mock'] as const)('arethetypeswrong finds nothing in the %s entry point, node10 included', async (which, { expect }) => {
    // require() of an ES module works on every Node version package.json's engines allows (consumer tests in
    // node-versions.test.ts), which arethetypeswrong does not know: its cjs-resolves-to-esm rule is left out.
    const { stdout } = await run(join(root, 'node_modules', '.bin', 'attw'), [packed[which].file, '--entrypoints', '.', '--format', 'json']).catch(
      (e: { stdout: string }) => e,
    );
    const { problems } = JSON.parse(stdout) as { problems: Record<string, unknown[]> };
    delete problems['CJSResolvesToESM'];
    expect(problems).toEqual({});
  });
});
