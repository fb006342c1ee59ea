/**
 * Both entry points type-check in a new TypeScript project as strict as a user's can be (`strict`,
 * `skipLibCheck: false`), under each module resolution a user may choose, with the TypeScript and
 * @types/node versions this repository builds with. Nothing from Prism or from the packages' internals is
 * reachable from their public declarations.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newProject, run, type Project } from './project.js';

const packed = inject('packed');
const devDependencies = (await import('../../package.json', { with: { type: 'json' } })).default.devDependencies;

/** A user's code: both entry points, their options and results, and calls the types must refuse. */
const USES = `
import { createCseClient, createWorkspaceClient, ApiError, JobFailedError, type AkSkAuth, type EngineJobDetail } from 'huaweicloud-job-actions';
import { startMock, type MockOptions, type RunningMock, type JobOptions } from 'huaweicloud-job-actions-mock';

export async function main(): Promise<string> {
  const jobs: JobOptions = { polls: 1, outcome: 'succeed' };
  const options: MockOptions = { port: 0, jobs };
  const mock: RunningMock = await startMock(options);
  const auth: AkSkAuth = { accessKey: 'ak', secretKey: 'sk' };
  const cse = createCseClient({ baseUrl: mock.url, projectId: 'p', auth });
  const workspace = createWorkspaceClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } });
  // @ts-expect-error: not a region of CSE
  createCseClient({ region: 'mars-1', projectId: 'p', auth });
  // @ts-expect-error: the mock's options are checked
  await startMock({ port: '4010' });
  const { job } = await cse.retryEngine({ engineId: 'e' });
  const done = await cse.waitForJob(job);
  const detail: EngineJobDetail = done.body;
  void workspace;
  void ApiError;
  void JobFailedError;
  await mock.stop();
  return detail.status;
}
`;

/** module and moduleResolution as a user sets them. */
const MODES: [resolution: string, module: string][] = [
  ['node16', 'node16'],
  ['nodenext', 'nodenext'],
  ['bundler', 'esnext'],
];

let project: Project;

beforeAll(async () => {
  project = await newProject('ts-consumer', [
    packed.client.file,
    packed.mock.file,
    `typescript@${devDependencies.typescript}`,
    `@types/node@${devDependencies['@types/node']}`,
  ]);
  await writeFile(join(project.dir, 'index.ts'), USES);
});
afterAll(() => project?.remove());

/** Runs tsc on index.ts with the given options; resolves with its exit code and output. */
async function tsc(args: string[]) {
  const result = await run(join(project.dir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'es2022', '--types', 'node', ...args, 'index.ts'], {
    cwd: project.dir,
    maxBuffer: 16 << 20,
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  );
  return result;
}

/** The declarations tsc read from node_modules, other than TypeScript's and Node's own. */
function packagesRead(listed: string): string[] {
  return listed
    .split('\n')
    .filter((file) => file.includes('/node_modules/'))
    .filter((file) => !/\/node_modules\/(typescript|@types|undici-types)\//.test(file));
}

// One tsc run per mode (--listFiles: it type-checks and lists every file it read), side by side.
describe.concurrent('a strict TypeScript project with skipLibCheck: false', () => {
  it.for(MODES)('type-checks both entry points under moduleResolution %s, reading nothing of Prism or of the packages insides', async ([resolution, module], { expect }) => {
    const { code, output } = await tsc(['--module', module, '--moduleResolution', resolution, '--listFiles']);
    const errors = output.split('\n').filter((line) => / error TS\d+/.test(line));
    expect({ code, errors }).toEqual({ code: 0, errors: [] });
    const read = packagesRead(output);
    const mockFiles = read.filter((file) => file.includes('/huaweicloud-job-actions-mock/')).map((file) => file.replace(/.*\/huaweicloud-job-actions-mock\//, ''));
    expect(mockFiles.sort()).toEqual(['dist/mock/index.d.ts', 'dist/mock/options.d.ts']);
    expect(read.filter((file) => !/\/(huaweicloud-job-actions(-mock)?|openapi-fetch|openapi-typescript-helpers)\//.test(file))).toEqual([]);
  });

  it("under node10 (moduleResolution node), gets both entry points' types from package.json's types field", async ({ expect }) => {
    // node10 knows no exports map: the entry points resolve through "types", the bundles' subpaths not at all.
    const { code, output } = await tsc(['--module', 'commonjs', '--moduleResolution', 'node10', '--ignoreDeprecations', '5.0']);
    // Top-level await is not allowed in CommonJS; the file has none, so the only errors would be resolution's.
    expect({ code, output }).toEqual({ code: 0, output: '' });
  });
});
