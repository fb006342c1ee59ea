import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest (each 10-30 s: one busy thread, or waiting on child processes, Chromium or
 * timers), in the order they start. Started last, one of them would run alone at the end while the other
 * core idles; vitest's own order (longest first from its cache) did not hold here and there is no cache in
 * CI. First the files that wait most (timers, retry delays, child processes), so that their waiting
 * overlaps the busy files instead of running alone at the end (request-paths and retry-after, ~10 s each
 * mostly waiting, used to be among the last files to finish).
 */
const LONGEST = [
  "test/mock/robustness.test.ts",
  "test/docs/pages.test.ts",
  "test/mock/cli.test.ts",
  "test/client/request-paths.test.ts",
  "test/client/retry-after.test.ts",
  "test/mock/jobs/simulation.test.ts",
  "test/docs/samples.test.ts",
  "test/client/mock-jobs.test.ts",
  "test/docs/redocly-code-samples.test.ts",
  "test/client/wait.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = LONGEST.findIndex((name) => file.moduleId.endsWith(name));
      return index < 0 ? LONGEST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Two projects. `unit` (`npm test`): the spec, the client, the mock and the docs, against this repository's files.
 * `consumer` (`npm run test:consumer`): the packages as a user installs them, from empty directories (tarballs,
 * a git install, the mock's one command, tsc in each resolution mode, other Node versions); slower by nature
 * (npm installs, a clean build per route), so CI runs it as a step of its own.
 */
export default defineConfig({
  test: {
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache, keyed by each file's content, id and
    // vite's configuration; no plugin of ours changes a transform) and reused by the next run instead of transforming
    // every source and test file again in every run. A fresh clone's first run fills it. Experimental in vitest 4.1;
    // vitest 5 makes it the default (`fsModuleCache`).
    experimental: { fsModuleCache: true },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/consumer/**"],
          // Files side by side. vitest's default (cores - 1) is one worker on a 2-core machine, so each file waited
          // for the one before, though much of the suite's time is spent waiting: on child processes (tsc, Redocly,
          // Chromium, the mock command), on timers (retry delays) and on the suite's mock. At least 4 (measured on
          // 2 cores: 115 s against 238 s with one worker; 54 s against 57 s with 3, since the files that wait on
          // timers then run beside the long ones instead of after them); vitest's default on bigger machines.
          maxWorkers: Math.max(4, availableParallelism() - 1),
          // No `typecheck` here: the type tests (test/**/*.test-d.ts) are checked by the build's `typecheck`
          // step (tsc on tsconfig.json, which includes test/; an unused `@ts-expect-error` fails it too), which
          // `npm test` runs first (`pretest`) and skips when nothing it reads changed.
          // One mock (Prism's library in the mock's server, in the vitest process) for the whole run; tests get its URL with inject("mockUrl").
          globalSetup: ["test/global-setup.ts"],
          // Files share a worker's loaded modules (the client, Prism, playwright) instead of loading them again
          // per file: no test file changes global state that outlives it (mocks and fake timers are restored).
          isolate: false,
          sequence: { sequencer: LongestFirst },
        },
      },
      {
        extends: true,
        test: {
          name: "consumer",
          include: ["test/consumer/**/*.test.ts"],
          // Packs both packages once, from a clean copy of the repository; tests get the tarballs with inject().
          globalSetup: ["test/consumer/global-setup.ts"],
          // Every file waits on child processes (npm, tsc, node, git): side by side.
          maxWorkers: 4,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
