/**
 * `npm run diff` (scripts/diff.ts) on a small git repository: the first release is the commit that
 * added CHANGELOG.md, a breaking edit fails until the version is bumped and the changelog names
 * it, a release tag becomes the new base, and a shallow clone is told to fetch its history. Most cases
 * call its `diff()` in this process; the two whose exit code matters (1 and 2) run it as a process.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { diff as runDiff } from '../../scripts/diff.js';

const exec = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const repo = mkdtempSync(join(tmpdir(), 'diff-repo-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]) => exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: repo });
const bundle = () => JSON.parse(readFileSync(join(repo, 'generated', 'openapi.json'), 'utf8'));
const write = (file: string, value: unknown) => writeFileSync(join(repo, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** scripts/diff.ts's `diff()` in this process (what `npm run diff` runs): its exit code and everything it wrote. */
async function diff(cwd = repo): Promise<{ code: number; out: string }> {
  let out = '';
  const line = (text: string) => (out += `${text}\n`);
  const code = await runDiff(['--root', cwd], { out: line, err: line });
  return { code, out };
}

/** The same as a process, `tsx scripts/diff.ts` (its exit code and output), for the cases where the exit code matters. */
async function diffProcess(cwd = repo): Promise<{ code: number; out: string }> {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  return exec(tsx, [join(ROOT, 'scripts', 'diff.ts'), '--root', cwd]).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

beforeAll(async () => {
  mkdirSync(join(repo, 'generated'));
  cpSync(new URL('fixtures/base.openapi.json', import.meta.url), join(repo, 'generated', 'openapi.json'));
  write('package.json', { name: 'fixture', version: '0.1.0' });
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'spec');
  write('CHANGELOG.md', '# Changelog\n\n## 0.1.0\n\nFirst release.\n');
  await git('add', '.');
  await git('commit', '-qm', 'first release');
});

it('compares with the commit that added CHANGELOG.md while there is no tag; nothing changed passes', async () => {
  const { code, out } = await diff();
  expect(out).toContain('no release tag yet: the commit that added CHANGELOG.md');
  expect(out).toContain('No changes.');
  expect(code).toBe(0);
});

it('lists an additive change per operation and passes', async () => {
  const doc = bundle();
  doc.paths['/v1/{project_id}/things/{thing_id}/action'].post.responses['200'].content['application/json'].schema.properties.extra = { type: 'string' };
  write('generated/openapi.json', doc);
  const { code, out } = await diff();
  expect(out).toMatch(/RunThingAction {2}POST \/v1\/\{project_id\}\/things\/\{thing_id\}\/action\n {2}non-breaking +\[Added\] property `extra`/);
  expect(code).toBe(0);
});

it('fails a breaking change until the version is bumped and CHANGELOG.md names it', async () => {
  const doc = bundle();
  delete doc.paths['/v1/{project_id}/things/{thing_id}/action'].post.responses['200'].content['application/json'].schema.properties.detail;
  write('generated/openapi.json', doc);
  // As a process: the gate's failure is its exit code.
  let { code, out } = await diffProcess();
  expect(code).toBe(1);
  expect(out).toContain('breaking      [Removed] property `detail`');
  expect(out).toContain("bump it to at least 0.2.0 (a minor bump while 0.x)");

  write('package.json', { name: 'fixture', version: '0.2.0' });
  ({ code, out } = await diff());
  expect(code).toBe(1);
  expect(out).toContain('CHANGELOG.md has no "## 0.2.0" section');

  write('CHANGELOG.md', '# Changelog\n\n## 0.2.0\n\n- RunThingAction: responses no longer carry `detail`.\n\n## 0.1.0\n\nFirst release.\n');
  ({ code, out } = await diff());
  expect(out).toContain('Breaking changes are released as 0.2.0 and named in CHANGELOG.md.');
  expect(code).toBe(0);
});

it('compares with the newest release tag once there is one', async () => {
  await git('add', '.');
  await git('commit', '-qm', 'release 0.2.0');
  await git('tag', 'v0.2.0');
  const { code, out } = await diff();
  expect(out).toContain('Comparing generated/openapi.json with v0.2.0 (newest release tag');
  expect(out).toContain('No changes.');
  expect(code).toBe(0);
});

it('in a shallow clone without the tag, says to fetch the history', async () => {
  const shallow = join(repo, 'shallow');
  await exec('git', ['clone', '-q', '--depth', '1', '--no-tags', `file://${repo}`, shallow]);
  // As a process: an error is its message and exit code 2.
  const { code, out } = await diffProcess(shallow);
  expect(out).toContain('this clone is shallow');
  expect(out).toContain('git fetch --unshallow --tags');
  expect(code).toBe(2);
});
