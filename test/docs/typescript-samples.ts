/** Runs the TypeScript code samples against the suite's mock (see sample-runner.ts) and returns what each did. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './bundle.js';
import type { SampleRun } from './sample-runner.js';

export type { SampleRun, SentRequest } from './sample-runner.js';

/** The token the samples read from HUAWEICLOUD_TOKEN while they run. */
export const SAMPLE_TOKEN = 'test-token-for-the-code-samples';

/** One process runs them all, one after another (a process per sample cost ~1 s of CPU each, mostly loading tsx). */
export async function runTypeScriptSamples(mockUrl: string, operationIds: string[]): Promise<Record<string, SampleRun>> {
  const files = operationIds.map((id) => join(ROOT, 'openapi', 'code-samples', `${id}.ts`));
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'test', 'docs', 'sample-runner.ts'), ...files], {
    cwd: ROOT,
    env: { ...process.env, MOCK_URL: mockUrl, HUAWEICLOUD_TOKEN: SAMPLE_TOKEN },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Record<string, SampleRun>;
}
