import type { TestProject } from 'vitest/node';
import { cleanPack, type Tarball } from './clean-pack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Both packages as `npm pack` made them from a clean copy of the repository. */
    packed: { dir: string; clone: string; client: Tarball; mock: Tarball; log: string };
  }
}

/** Packs both packages once for the whole run; every test file installs from these tarballs. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pack = await cleanPack(new URL('../../', import.meta.url).pathname);
  project.provide('packed', { dir: pack.dir, clone: pack.clone, client: pack.client, mock: pack.mock, log: pack.log });
  return () => pack.remove();
}
