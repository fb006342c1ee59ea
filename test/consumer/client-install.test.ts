/**
 * A new project installs the client's tarball, as a user types it, and uses it: imports it by name from ES
 * modules and CommonJS, and reads every bundle through the package's documented subpaths, so a team pins the
 * API by the package's version and its generator reads the file from node_modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newProject, type Project } from './project.js';

const root = new URL('../../', import.meta.url).pathname;
const packed = inject('packed');

/** Every bundle, by the subpath a user imports and the file it must be. */
const BUNDLES: [subpath: string, file: string][] = [
  ['openapi.json', 'openapi.json'],
  ['openapi.yaml', 'openapi.yaml'],
  ...['cse', 'workspace', 'servicestage'].flatMap((service): [string, string][] => [
    [`openapi/${service}.json`, `${service}.openapi.json`],
    [`openapi/${service}.yaml`, `${service}.openapi.yaml`],
  ]),
];

let esm: Project;
let cjs: Project;

beforeAll(async () => {
  [esm, cjs] = await Promise.all([newProject('esm-consumer', [packed.client.file]), newProject('cjs-consumer', [packed.client.file], 'commonjs')]);
});
afterAll(() => Promise.all([esm?.remove(), cjs?.remove()]));

describe.concurrent('the client, installed from its tarball', () => {
  it('installs openapi-fetch and its helper types only', ({ expect }) => {
    const lock = JSON.parse(readFileSync(join(esm.dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter(Boolean).sort()).toEqual([
      'node_modules/huaweicloud-job-actions',
      'node_modules/openapi-fetch',
      'node_modules/openapi-typescript-helpers',
    ]);
  });

  it('imports by name from an ES module and gets what src/index.ts exports', async ({ expect }) => {
    const { stdout } = await esm.node("console.log(JSON.stringify(Object.keys(await import('huaweicloud-job-actions')).sort()))");
    expect(JSON.parse(stdout)).toEqual(Object.keys(await import('../../src/index.js')).sort());
  });

  it('loads with require() from CommonJS, with nothing on stderr', async ({ expect }) => {
    const { stdout, stderr } = await cjs.node("const m = require('huaweicloud-job-actions'); console.log(Object.keys(m).length, typeof m.createCseClient)", { type: 'commonjs' });
    expect(stdout).toBe(`${Object.keys(await import('../../src/index.js')).length} function`);
    expect(stderr).toBe('');
  });

  it('loads with import() from CommonJS', async ({ expect }) => {
    const { stdout } = await cjs.node("import('huaweicloud-job-actions').then((m) => console.log(typeof m.waitForJob, typeof m.createWorkspaceClient))", { type: 'commonjs' });
    expect(stdout).toBe('undefined function');
  });

  it.for(BUNDLES)('serves the bundle huaweicloud-job-actions/%s, the committed generated/%s', async ([subpath, file], { expect }) => {
    const script = `import { readFileSync } from 'node:fs';
      const path = import.meta.resolve(${JSON.stringify(`huaweicloud-job-actions/${subpath}`)});
      process.stdout.write(readFileSync(new URL(path), 'utf8'));`;
    const { stdout } = await esm.node(script);
    expect(stdout).toBe(readFileSync(join(root, 'generated', file), 'utf8').trim());
  });

  it.for(BUNDLES.filter(([subpath]) => subpath.endsWith('.json')))('imports huaweicloud-job-actions/%s as JSON (import attributes) and require()s it', async ([subpath], { expect }) => {
    const name = JSON.stringify(`huaweicloud-job-actions/${subpath}`);
    const imported = await esm.node(`const { default: doc } = await import(${name}, { with: { type: 'json' } }); console.log(doc.openapi, doc.info.version)`);
    const required = await cjs.node(`const doc = require(${name}); console.log(doc.openapi, doc.info.version)`, { type: 'commonjs' });
    expect(imported.stdout).toMatch(/^3\.1\.\d+ \S+$/);
    expect(required.stdout).toBe(imported.stdout);
  });

  it.for([
    'huaweicloud-job-actions/openapi/../package.json',
    'huaweicloud-job-actions/openapi/%2e%2e/openapi.json',
    'huaweicloud-job-actions/openapi/types/cse.json',
    'huaweicloud-job-actions/openapi/cse.yml',
    'huaweicloud-job-actions/generated/cse.openapi.json',
    'huaweicloud-job-actions/dist/client/cse.js',
    'huaweicloud-job-actions/mock',
  ])('refuses %s: only the documented subpaths are exported', async (specifier, { expect }) => {
    const { stdout } = await esm.node(`try { await import(${JSON.stringify(specifier)}, { with: { type: 'json' } }); console.log('imported') } catch (e) { console.log(e.code) }`);
    expect(stdout).toMatch(/^ERR_(PACKAGE_PATH_NOT_EXPORTED|INVALID_MODULE_SPECIFIER|MODULE_NOT_FOUND)$/);
  });
});
