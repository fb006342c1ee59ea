import type { TestProject } from 'vitest/node';
import { startMock } from '../src/mock/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the suite's mock, e.g. `http://127.0.0.1:40123`. */
    mockUrl: string;
  }
}

/** Starts one mock for the whole run, the way docs/mock.md tells other teams to. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock();
  project.provide('mockUrl', mock.url);
  return () => mock.stop();
}
