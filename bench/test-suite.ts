/**
 * `npm test` wall time, and how long the mock takes to answer its first request: `startMock()` (what
 * the test suite's global setup calls) and src/mock/cli.ts (what `npm run mock`
 * runs) spawned as a process.
 */
import { startMock } from "../src/mock/index.js";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { attempt, REPO, SCRATCH } from "./lib/command.js";
import { figure, type Figure } from "./lib/report.js";
import { RETRY_ENGINE_PATH, TOKEN, VALID_BODY } from "./lib/requests.js";
import { startServerProcess } from "./lib/server-process.js";
import { median } from "./lib/stats.js";

export interface TestRuns {
  /** Runs of `npm test` (each takes minutes on this machine). */
  testRuns: number;
  /** Mock start-ups of each kind. */
  startups: number;
}

/** One RetryEngine call; resolves once the mock has answered 200. */
async function firstAnswer(url: string): Promise<void> {
  const response = await fetch(`${url}${RETRY_ENGINE_PATH}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN },
    body: VALID_BODY,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the mock answered ${response.status} to a valid RetryEngine call`);
}

/** The five test files that took longest (seconds, from the first to the last test's end), from vitest's JSON report. */
async function slowestFiles(report: string, root: string): Promise<Record<string, number>> {
  const { testResults } = JSON.parse(await readFile(report, "utf8").catch(() => '{"testResults":[]}')) as {
    testResults: { name: string; startTime: number; endTime: number }[];
  };
  return Object.fromEntries(
    testResults
      .map((file) => [relative(root, file.name), Math.round((file.endTime - file.startTime) / 100) / 10] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5),
  );
}

/** One `npm test` in `cwd`, with vitest's summary and slowest files. */
async function npmTest(cwd: string) {
  const report = join(SCRATCH, `vitest-${cwd === REPO ? "new" : "old"}.json`);
  const { ms, exit, output } = await attempt(`npm test -- --reporter=default --reporter=json --outputFile.json=${report}`, cwd, {
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  });
  const summary = /Tests\s+(.*)/.exec(output)?.[1]?.trim() ?? "no summary";
  return { ms, exit, summary, slowestFiles: await slowestFiles(report, cwd) };
}

/**
 * @param oldMain a worktree of the old main with its dependencies installed: its `npm test` runs
 *   right after ours, each run, so the two times share the machine's load.
 */
export async function benchTestSuite({ testRuns, startups }: TestRuns, log: (line: string) => void, oldMain?: string) {
  const library: number[] = [];
  const command: number[] = [];
  for (let i = 0; i < startups; i++) {
    let start = performance.now();
    const mock = await startMock();
    try {
      await firstAnswer(mock.url);
      library.push(performance.now() - start);
    } finally {
      await mock.stop();
    }
    start = performance.now();
    const server = await startServerProcess("src/mock/cli.ts", { PORT: "0" });
    try {
      await firstAnswer(server.url);
      command.push(performance.now() - start);
    } finally {
      await server.stop();
    }
    log(
      `test: mock start-up ${i + 1}/${startups}: startMock() ${library.at(-1)!.toFixed(0)} ms, src/mock/cli.ts ${command.at(-1)!.toFixed(0)} ms`,
    );
  }

  const tests: Awaited<ReturnType<typeof npmTest>>[] = [];
  const oldTests: Awaited<ReturnType<typeof npmTest>>[] = [];
  for (let i = 0; i < testRuns; i++) {
    tests.push(await npmTest(REPO));
    log(`test: npm test ${i + 1}/${testRuns}: ${(tests.at(-1)!.ms / 1000).toFixed(1)} s, exit ${tests.at(-1)!.exit} (${tests.at(-1)!.summary})`);
    if (oldMain) {
      oldTests.push(await npmTest(oldMain));
      log(`test: old main's npm test ${i + 1}/${testRuns}: ${(oldTests.at(-1)!.ms / 1000).toFixed(1)} s, exit ${oldTests.at(-1)!.exit} (${oldTests.at(-1)!.summary})`);
    }
  }

  const failed = tests.filter((t) => t.exit !== 0);
  const figures: Figure[] = [
    figure({
      section: "test",
      name: "npm test",
      value: median(tests.map((t) => t.ms)) / 1000,
      unit: "s",
      runs: testRuns,
      target: { kind: "max", value: 20 },
      note: [
        failed.length ? `${failed.length} run(s) FAILED: ${failed[0]!.summary}` : (tests[0]?.summary ?? ""),
        `slowest: ${Object.entries(tests[0]?.slowestFiles ?? {}).slice(0, 3).map(([file, s]) => `${file} ${s} s`).join(", ")}`,
      ].join("; "),
    }),
    ...(oldMain
      ? [
          figure({
            section: "test",
            name: "before: old main's npm test",
            value: median(oldTests.map((t) => t.ms)) / 1000,
            unit: "s",
            runs: testRuns,
            note: `${oldTests[0]?.summary ?? ""}; slowest: ${Object.entries(oldTests[0]?.slowestFiles ?? {}).slice(0, 3).map(([file, s]) => `${file} ${s} s`).join(", ")}`,
          }),
          figure({
            section: "test",
            name: "npm test ÷ old main's",
            value: median(tests.map((t) => t.ms)) / median(oldTests.map((t) => t.ms)),
            unit: "×",
            runs: testRuns,
            target: { kind: "max", value: 0.5 },
          }),
        ]
      : []),
    figure({
      section: "test",
      name: "mock start-up: startMock() → first answer",
      value: median(library),
      unit: "ms",
      runs: startups,
      target: { kind: "max", value: 1500 },
    }),
    figure({
      section: "test",
      name: "mock start-up: src/mock/cli.ts spawned → first answer",
      value: median(command),
      unit: "ms",
      runs: startups,
      note: "what npm run mock runs, without npm",
    }),
  ];
  return { figures, details: { npmTest: tests, oldMainNpmTest: oldTests, startMockMs: library, mockCommandMs: command } };
}
