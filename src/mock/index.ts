/**
 * The mock of the API's operations, for tests: `startMock()` serves the package's OpenAPI bundle
 * with Prism's HTTP library (`@stoplight/prism-http`, an optional peer dependency) in this
 * process, and answers invalid requests with the provider's error bodies, naming every violation.
 */
export { startMock, type MockOptions, type RunningMock } from './start-mock.js';
export type { JobOptions } from './jobs/options.js';
