#!/usr/bin/env node
/**
 * The mock as a command (`huaweicloud-job-actions-mock`, and `npm run mock` here): all the
 * operations on 127.0.0.1, port $PORT (default 4010; 0 picks a free one). One process, which
 * stops on SIGINT or SIGTERM to its own PID. The job simulation's defaults come from MOCK_JOBS
 * (on/off), MOCK_JOB_POLLS, MOCK_JOB_OUTCOME and MOCK_JOB_LIMIT.
 */
import { jobSettingsFromEnv } from './jobs/settings.js';
import { startMock } from './index.js';
import { parsePort } from './launch.js';

const DEFAULT_PORT = 4010;

try {
  const port = process.env['PORT'] === undefined || process.env['PORT'] === '' ? DEFAULT_PORT : parsePort(process.env['PORT'], 'PORT');
  const jobs = jobSettingsFromEnv(process.env);
  const mock = await startMock({ port, jobs: jobs ?? false });
  console.log(`Mock of the API's operations listening on ${mock.url} (paths start with /v2/), pid ${process.pid}`);
  console.log('  Pick a documented status:  Prefer: code=404');
  console.log('  Pick a named example:      Prefer: example=NotFound   (names are in generated/openapi.json)');
  console.log(
    jobs
      ? `  Jobs: each action starts one; it runs for ${jobs.polls} status polls, then ${jobs.outcome === 'succeed' ? 'succeeds' : 'fails'} (per request: X-Mock-Job: fail; code=...; message="..."; polls=N)`
      : '  Jobs: off (MOCK_JOBS=off): every answer is the documented example',
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void mock.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`huaweicloud-job-actions-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
