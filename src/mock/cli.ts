#!/usr/bin/env node
/**
 * The mock as a command (`huaweicloud-job-actions-mock`, and `npm run mock` here): all the
 * operations on 127.0.0.1, port $PORT (default 4010; 0 picks a free one). One process, which
 * stops on SIGINT or SIGTERM to its own PID. The job simulation's defaults come from MOCK_JOBS
 * (on/off), MOCK_JOB_POLLS, MOCK_JOB_OUTCOME and MOCK_JOB_LIMIT. Settings are environment
 * variables, so the only arguments are --help and --version.
 */
import { readFileSync } from 'node:fs';
import { jobSettingsFromEnv } from './jobs/settings.js';
import { startMock } from './index.js';
import { DEFAULT_DOCUMENT, parsePort } from './launch.js';

const DEFAULT_PORT = 4010;
const NAME = 'huaweicloud-job-actions-mock';

const HELP = `Usage: ${NAME} [--help | --version]

A mock of the Huawei Cloud job actions (CSE, Workspace, ServiceStage) and the operations that follow
their jobs, on http://127.0.0.1:$PORT. Stops on SIGINT (Ctrl-C) or SIGTERM to the PID it prints.

Environment:
  PORT              port on 127.0.0.1, 0 to 65535 (default ${DEFAULT_PORT}; 0 picks a free one)
  MOCK_JOBS         on (default) or off: off answers every request with the documented example
  MOCK_JOB_POLLS    status polls a job answers "running" before its outcome, 0 to 10000 (default 2)
  MOCK_JOB_OUTCOME  succeed (default) or fail
  MOCK_JOB_LIMIT    jobs remembered at once, 1 to 1000000 (default 10000; at most 64 MiB of them)

Per request:
  Prefer: code=404 | example=<name>               a documented answer (names in ${DEFAULT_DOCUMENT})
  X-Mock-Job: fail; code=...; message="..."; polls=N   how the job this action starts ends
`;

// The package's own package.json: ../../ from src/mock/ (the repository's) and from dist/mock/ (the mock package's).
const version = () => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  console.log(version());
  process.exit(0);
}
if (args.length) {
  // JSON.stringify: an argument's control bytes are shown escaped, never written to the terminal as they are.
  const shown = args.map((arg) => JSON.stringify(arg)).join(' ');
  console.error(`${NAME}: unknown argument ${shown} (settings are environment variables: ${NAME} --help)`);
  process.exit(2);
}

try {
  const port = process.env['PORT'] === undefined || process.env['PORT'] === '' ? DEFAULT_PORT : parsePort(process.env['PORT'], 'PORT');
  const jobs = jobSettingsFromEnv(process.env);
  const mock = await startMock({ port, jobs: jobs ?? false });
  console.log(`Mock of the API's operations listening on ${mock.url} (paths start with /v2/), pid ${process.pid}`);
  console.log('  Pick a documented status:  Prefer: code=404');
  console.log(`  Pick a named example:      Prefer: example=NotFound   (names are in ${DEFAULT_DOCUMENT})`);
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
