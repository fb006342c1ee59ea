/**
 * `npm install git+<repository>` from an empty directory gives a package that imports and runs: npm runs the
 * package's `prepare` (tsc builds dist/, which git does not hold) with its devDependencies, then installs what
 * `files` names. The repository is a clone of this one's current commit (committed work only, as a user's
 * clone would be); `github:<owner>/<repo>` is the same route through GitHub, which this machine cannot reach.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { newProject, type Project } from './project.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

let scratch: string;
let project: Project;
let mock: RunningMock;
let installed: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'git-install-'));
  const repository = join(scratch, 'huaweicloud-job-actions.git');
  await run('git', ['clone', '--quiet', '--bare', '--no-local', root, repository]);
  [project, mock] = await Promise.all([newProject('git-consumer', [`git+file://${repository}`]), startMock({ jobs: { polls: 1 } })]);
  installed = join(project.dir, 'node_modules', 'huaweicloud-job-actions');
});
afterAll(async () => {
  await Promise.all([project?.remove(), mock?.stop()]);
  await rm(scratch, { recursive: true, force: true });
});

describe.concurrent('npm install git+file://<a clone of this commit>', () => {
  it('installs the built package: dist/, the generated types and the bundles, and no sources', ({ expect }) => {
    expect(readdirSync(installed).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'generated', 'package.json']);
    expect(existsSync(join(installed, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
    expect(readdirSync(join(installed, 'generated')).sort()).toEqual([
      'cse.openapi.json',
      'cse.openapi.yaml',
      'openapi.json',
      'openapi.yaml',
      'servicestage.openapi.json',
      'servicestage.openapi.yaml',
      'types',
      'workspace.openapi.json',
      'workspace.openapi.yaml',
    ]);
  });

  it('imports, and the client follows a job to its end', async ({ expect }) => {
    const script = `
      import { createServiceStageClient } from 'huaweicloud-job-actions';
      const stage = createServiceStageClient({ baseUrl: ${JSON.stringify(mock.url)}, projectId: 'p1', auth: { token: 't' } });
      const { job } = await stage.runInstanceAction({ applicationId: 'a1', componentId: 'c1', instanceId: 'i1', action: 'restart' });
      console.log((await stage.waitForJob(job, { interval: { initial: 10, max: 10 } })).status);`;
    expect((await project.node(script)).stdout).toBe('SUCCEEDED');
  });

  it('reads a bundle through its subpath export', async ({ expect }) => {
    const { stdout } = await project.node("const { default: doc } = await import('huaweicloud-job-actions/openapi/workspace.json', { with: { type: 'json' } }); console.log(doc.info.title)");
    expect(stdout).toMatch(/Workspace/);
  });
});
