/**
 * CommonJS told as it is: both packages on the Node.js versions package.json's `engines` allows
 * (`^20.19.0 || >=22.12.0`), at each line's floor and its newest, and just below the floors. require() of an ES
 * module works from 20.19 and 22.12 on (22.12 warns that it is experimental; 22.13 and later do not); below them it
 * fails with ERR_REQUIRE_ESM and only import() works, which is why engines starts there.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { nodeBinary } from './node-binary.js';
import { newProject, type Project } from './project.js';

const packed = inject('packed');
const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;

/** Versions engines allows, and what require() of our ES modules prints on stderr there. */
const ALLOWED: [version: string, stderr: RegExp][] = [
  ['20.19.0', /^$/],
  ['22.12.0', /^\(node:\d+\) ExperimentalWarning: CommonJS module .* is loading ES Module .* using require\(\)\./],
  ['22.13.0', /^$/],
  ['24.22.3', /^$/],
  ['26.12.1', /^$/],
];
const BELOW = ['20.18.3', '22.11.0'];

const REQUIRE_BOTH = `const client = require('huaweicloud-job-actions'); const mock = require('huaweicloud-job-actions-mock');
console.log(typeof client.createCseClient, typeof mock.startMock)`;
const IMPORT_BOTH = `const client = await import('huaweicloud-job-actions'); const mock = await import('huaweicloud-job-actions-mock');
console.log(typeof client.createCseClient, typeof mock.startMock)`;
/** The mock on that Node, and the client following a job there to its end. */
const FOLLOW_A_JOB = `
const { startMock } = await import('huaweicloud-job-actions-mock');
const { createCseClient } = await import('huaweicloud-job-actions');
const mock = await startMock({ jobs: { polls: 1 } });
try {
  const cse = createCseClient({ baseUrl: mock.url, projectId: 'p1', auth: { accessKey: 'ak', secretKey: 'sk' } });
  const { job } = await cse.upgradeEngine({ engineId: 'e1', version: '2.4.0' });
  const done = await cse.waitForJob(job, { interval: { initial: 10, max: 10 } });
  console.log(done.status);
} finally {
  await mock.stop();
}`;

let project: Project;
const binaries = new Map<string, string>();

beforeAll(async () => {
  const [made] = await Promise.all([
    newProject('node-versions', [packed.client.file, packed.mock.file], 'commonjs'),
    ...[...ALLOWED.map(([v]) => v), ...BELOW].map(async (version) => binaries.set(version, await nodeBinary(version))),
  ]);
  project = made;
});
afterAll(() => project?.remove());

it("engines is the range these versions are chosen from", () => {
  expect(pkg.engines.node).toBe('^20.19.0 || >=22.12.0');
});

describe.concurrent.for(ALLOWED)('Node.js %s (engines allows it)', ([version, stderr]) => {
  it('require()s both entry points from CommonJS', async ({ expect }) => {
    const result = await project.node(REQUIRE_BOTH, { type: 'commonjs', node: binaries.get(version)! });
    expect(result.stdout).toBe('function function');
    expect(result.stderr).toMatch(stderr);
  });

  it('import()s both entry points', async ({ expect }) => {
    expect((await project.node(IMPORT_BOTH, { node: binaries.get(version)! })).stdout).toBe('function function');
  });

  it('runs the mock, and the client follows an AK/SK-signed job there to its end', async ({ expect }) => {
    expect((await project.node(FOLLOW_A_JOB, { node: binaries.get(version)! })).stdout).toBe('Finished');
  });
});

describe.concurrent.for(BELOW)('Node.js %s (below engines)', (version) => {
  it('cannot require() either entry point (ERR_REQUIRE_ESM); import() works', async ({ expect }) => {
    const required = await project.node(REQUIRE_BOTH, { type: 'commonjs', node: binaries.get(version)! }).catch((error: { stderr: string }) => error);
    expect(required.stderr).toMatch(/ERR_REQUIRE_ESM/);
    expect((await project.node(IMPORT_BOTH, { node: binaries.get(version)! })).stdout).toBe('function function');
  });
});
