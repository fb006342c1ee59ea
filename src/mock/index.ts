/**
 * The mock of the five operations, for tests: `startMock()` serves the package's OpenAPI bundle
 * with Prism (`@stoplight/prism-cli`, an optional peer dependency) and answers invalid requests
 * with the provider's error bodies, naming every violation.
 */
export { startMock, type MockOptions, type RunningMock } from './start-mock.js';
