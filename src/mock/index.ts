/**
 * The mock of the API's operations, for tests: `startMock()` serves the package's OpenAPI bundle
 * with Prism's HTTP library in this process, and answers invalid requests with the provider's error
 * bodies, naming every violation.
 */
import { jobSettings } from './jobs/settings.js';
import { jobSimulation } from './jobs/simulation.js';
import { launchMock } from './launch.js';
import type { MockOptions, RunningMock } from './options.js';

export type { JobOptions, MockOptions, RunningMock } from './options.js';

/**
 * Starts the mock in this process: Prism's HTTP library serving the bundle's operations from a
 * `node:http` server on 127.0.0.1. Resolves once the mock has answered a request. Bad options,
 * a missing Prism, a document Prism cannot read and a busy port are errors, before anything listens.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const jobs = jobSettings(options.jobs);
  return launchMock(options, jobs && jobSimulation(jobs));
}
