/**
 * What `startMock()` takes and gives: types only, so that a user's type check reads nothing of the
 * mock's insides or of Prism.
 */

export interface MockOptions {
  /** Port on 127.0.0.1, 0 to 65535; a free one when omitted or 0. */
  port?: number;
  /** OpenAPI document (JSON or YAML) to serve; the package's bundle of all the operations by default. */
  document?: string;
  /** Milliseconds a client may take to send a request's headers (default 10 000); then 408. */
  headersTimeoutMs?: number;
  /** Milliseconds a client may take to send a request's body once the headers are in (default 10 000); then 408. */
  bodyTimeoutMs?: number;
  /**
   * The job simulation (docs/mock.md, "Jobs"): each accepted action starts a job that the status
   * operations follow to its outcome. Its defaults, or `false` to answer every request with the
   * documented example only.
   */
  jobs?: boolean | JobOptions;
}

export interface RunningMock {
  /** Base URL to give the client, e.g. `http://127.0.0.1:4010`; operations are at `/v2/...`. */
  url: string;
  /** Closes the server and its connections; resolves once they are closed. */
  stop(): Promise<void>;
}

export type Outcome = 'succeed' | 'fail';

export interface JobOptions {
  /** Status polls a job answers "running" before its outcome: 0 to 10 000, default 2. */
  polls?: number;
  /** How jobs end unless the action request says otherwise (`X-Mock-Job`): default `succeed`. */
  outcome?: Outcome;
  /**
   * Jobs remembered at once, 1 to 1 000 000 (default 10 000), and never more than 64 MiB of them
   * (about 100 000 jobs, fewer with long `X-Mock-Job` messages); starting one more forgets the oldest.
   */
  limit?: number;
}
