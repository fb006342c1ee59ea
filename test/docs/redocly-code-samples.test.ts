/**
 * The code-samples Redocly plugin, run by the real Redocly CLI on a one-operation fixture in a
 * temporary directory (the plugin finds samples next to itself, in ../openapi/code-samples/).
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ROOT } from './bundle.js';

const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');

const API = `openapi: 3.1.0
info: { title: Fixture, version: 1.0.0 }
paths:
  /ping:
    get:
      operationId: Ping
      summary: Ping
      responses:
        "200": { description: Pong }
`;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'code-samples-plugin-'));
  await mkdir(join(dir, 'scripts'));
  await mkdir(join(dir, 'openapi', 'code-samples'), { recursive: true });
  await copyFile(join(ROOT, 'scripts', 'redocly-code-samples.js'), join(dir, 'scripts', 'redocly-code-samples.js'));
  await writeFile(
    join(dir, 'redocly.yaml'),
    'plugins:\n  - scripts/redocly-code-samples.js\ndecorators:\n  code-samples/inject: on\n',
  );
  await writeFile(join(dir, 'api.yaml'), API);
  await writeFile(join(dir, 'openapi', 'code-samples', 'Ping.sh'), 'curl https://example.test/ping\n\n');
  await writeFile(join(dir, 'openapi', 'code-samples', 'Ping.ts'), '\nconsole.log("ping");\n');
});

afterEach(() => rm(dir, { recursive: true, force: true }));

async function redocly(...args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(REDOCLY, args, { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

test('bundle sets x-codeSamples, curl then TypeScript, from the files; bundling the bundle changes nothing', async () => {
  expect((await redocly('bundle', 'api.yaml', '-o', 'bundle.yaml')).ok).toBe(true);
  const bundle = await readFile(join(dir, 'bundle.yaml'), 'utf8');
  expect((parse(bundle) as { paths: { '/ping': { get: Record<string, unknown> } } }).paths['/ping'].get['x-codeSamples']).toEqual([
    { lang: 'curl', label: 'curl', source: 'curl https://example.test/ping\n' },
    { lang: 'TypeScript', label: 'TypeScript', source: 'console.log("ping");\n' },
  ]);
  expect((await redocly('bundle', 'bundle.yaml', '-o', 'again.yaml')).ok).toBe(true);
  expect(await readFile(join(dir, 'again.yaml'), 'utf8')).toBe(bundle);
});

test('a missing sample fails bundle and build-docs, naming the operation and the file', async () => {
  await rm(join(dir, 'openapi', 'code-samples', 'Ping.ts'));
  for (const args of [
    ['bundle', 'api.yaml', '-o', 'bundle.yaml'],
    ['build-docs', 'api.yaml', '--inlineBundle', '-o', 'docs.html'],
  ]) {
    const { ok, output } = await redocly(...args);
    expect(ok, args[0]).toBe(false);
    expect(output).toContain(`operation "Ping" has no TypeScript sample: cannot read ${join(dir, 'openapi', 'code-samples', 'Ping.ts')}`);
  }
  expect(existsSync(join(dir, 'bundle.yaml'))).toBe(false);
  expect(existsSync(join(dir, 'docs.html'))).toBe(false);
});

test('samples written into the description (or a stale bundle) are refused, with where they are', async () => {
  await writeFile(
    join(dir, 'api.yaml'),
    API.replace('      summary: Ping\n', '      summary: Ping\n      x-codeSamples:\n        - { lang: curl, label: curl, source: curl old }\n'),
  );
  const { ok, output } = await redocly('bundle', 'api.yaml', '-o', 'bundle.yaml');
  expect(ok).toBe(false);
  expect(output).toContain(`${join(dir, 'api.yaml')}#/paths/~1ping/get: operation "Ping" has x-codeSamples that differ`);
});

test('an operation without operationId is refused', async () => {
  await writeFile(join(dir, 'api.yaml'), API.replace('      operationId: Ping\n', ''));
  const { ok, output } = await redocly('bundle', 'api.yaml', '-o', 'bundle.yaml');
  expect(ok).toBe(false);
  expect(output).toContain('#/paths/~1ping/get: an operation without operationId cannot get code samples');
});
