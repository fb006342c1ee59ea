import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/** Its own mock with 300 ms timeouts, 20,000 requests over raw sockets: it runs after the others, alone. */
const ROBUSTNESS = "test/mock/robustness.test.ts";

const shared = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // Files side by side. vitest's default (cores - 1) is one worker on a 2-core machine, so each file waited
    // for the one before, though much of the suite's time is spent waiting: on child processes (npm pack,
    // tsc, Redocly, Chromium, the mock command), on timers (retry delays) and on the suite's mock. At least 3
    // (measured on 2 cores: 115 s against 238 s with one); vitest's default on bigger machines.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // No `typecheck` here: the type tests (test/**/*.test-d.ts) are checked by the build's `typecheck`
    // step (tsc on tsconfig.json, which includes test/; an unused `@ts-expect-error` fails it too), which
    // `npm test` runs first (`pretest`) and skips when nothing it reads changed.
    projects: [
      {
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ROBUSTNESS],
          // One mock (Prism's library in the mock's server, in the vitest process) for the whole run; tests get its URL with inject("mockUrl").
          globalSetup: ["test/global-setup.ts"],
          // Files share a worker's loaded modules (the client, Prism, playwright) instead of loading them again
          // per file: no test file changes global state that outlives it (mocks and fake timers are restored).
          isolate: false,
          ...shared,
        },
      },
      {
        // Under the load of the other files (two cores), its mock's 300 ms header and body timeouts fired on
        // valid requests; alone, its timings are its own.
        test: { name: "robustness", include: [ROBUSTNESS], sequence: { groupOrder: 1 }, ...shared },
      },
    ],
  },
});
