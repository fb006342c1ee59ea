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
async function slowestFiles(report: string): Promise<Record<string, number>> {
  const { testResults } = JSON.parse(await readFile(report, "utf8").catch(() => '{"testResults":[]}')) as {
    testResults: { name: string; startTime: number; endTime: number }[];
  };
  return Object.fromEntries(
    testResults
      .map((file) => [relative(REPO, file.name), Math.round((file.endTime - file.startTime) / 100) / 10] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5),
  );
}

export async function benchTestSuite({ testRuns, startups }: TestRuns, log: (line: string) => void) {
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

  const tests: { ms: number; exit: number | string; summary: string; slowestFiles: Record<string, number> }[] = [];
  for (let i = 0; i < testRuns; i++) {
    const report = join(SCRATCH, "vitest.json");
    const { ms, exit, output } = await attempt(
      `npm test -- --reporter=default --reporter=json --outputFile.json=${report}`,
      REPO,
      { NO_COLOR: "1", FORCE_COLOR: "0" },
    );
    const summary = /Tests\s+(.*)/.exec(output)?.[1]?.trim() ?? "no summary";
    tests.push({ ms, exit, summary, slowestFiles: await slowestFiles(report) });
    log(`test: npm test ${i + 1}/${testRuns}: ${(ms / 1000).toFixed(1)} s, exit ${exit} (${summary})`);
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
  return { figures, details: { npmTest: tests, startMockMs: library, mockCommandMs: command } };
}
