/**
 * `npm run bench`: every benchmark of issue 6, printed as one table and written as JSON to
 * bench/results/latest.json (a run of only some areas writes bench/results/tmp/<areas>.json instead).
 * Everything is bounded (fixed runs, fixed durations) and stays on 127.0.0.1; a full run takes
 * about ten minutes on the 2-core machine, most of it in `npm test` and the 500-operation build.
 *
 * Usage: tsx bench/index.ts [build|scale|test|client|mock ...]   (all areas by default)
 *   BENCH_OLD_MAIN=<dir>: a worktree of an older main with `npm ci` done there; `build` and `test`
 *   then measure its build and its `npm test` in the same run, side by side with ours
 *   (git worktree add /tmp/old-main 258ce29 && (cd /tmp/old-main && npm ci); remove it after).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { benchBuild } from "./build.js";
import { benchClient } from "./client.js";
import { attempt, REPO, SCRATCH } from "./lib/command.js";
import { machine } from "./lib/machine.js";
import { table, type Figure } from "./lib/report.js";
import { benchMock } from "./mock.js";
import { benchScale } from "./scale.js";
import { benchTestSuite } from "./test-suite.js";

/**
 * How many runs each figure is the median of. Five wherever the time allows; fewer where one run
 * takes minutes (npm test, the 500-operation build) or where a run is a reference only.
 */
export const RUNS = {
  client: { runs: 5, calls: 2_000, signatures: 2_000, loads: 7 },
  mock: { runs: 5, seconds: 2, connections: 10 },
  test: { testRuns: 1, startups: 5 },
  build: { runs: 3 },
  scale: { 9: 3, 54: 3, 504: 1 },
};

type Area = keyof typeof RUNS;
const AREAS = Object.keys(RUNS) as Area[];

const log = (line: string) => console.error(`[bench] ${line}`);

async function runArea(area: Area): Promise<{ figures: Figure[]; details: unknown }> {
  switch (area) {
    case "client":
      return benchClient(RUNS.client, log);
    case "mock":
      return benchMock(RUNS.mock, log);
    case "test":
      return benchTestSuite(RUNS.test, log, process.env.BENCH_OLD_MAIN);
    case "build":
      return benchBuild(RUNS.build, log, process.env.BENCH_OLD_MAIN);
    case "scale":
      return benchScale(RUNS.scale, log);
  }
}

async function main(args: string[]): Promise<void> {
  const unknown = args.filter((arg) => !AREAS.includes(arg as Area));
  if (unknown.length) throw new Error(`unknown area ${unknown.join(", ")}: pick from ${AREAS.join(", ")}`);
  const areas = args.length ? AREAS.filter((area) => args.includes(area)) : AREAS;

  const startedAt = new Date();
  const before = machine();
  const commit = (await attempt("git rev-parse --short HEAD && git status --porcelain | head -1", REPO)).output.split("\n");
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  for (const area of areas) {
    log(`${area}: start`);
    const result = await runArea(area);
    figures.push(...result.figures);
    details[area] = result.details;
  }
  const after = machine();

  const report = {
    date: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...before, loadAverage: { start: before.loadAverage, end: after.loadAverage } },
    commit: { head: commit[0] ?? "", uncommittedChanges: Boolean(commit[1]) },
    runs: Object.fromEntries(areas.map((area) => [area, RUNS[area]])),
    figures,
    details,
  };
  const file =
    areas.length === AREAS.length ? join(REPO, "bench", "results", "latest.json") : join(SCRATCH, `${areas.join("-")}.json`);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

  const { cpu, cores, memoryGiB, node } = before;
  console.log(`\n${table(figures)}\n`);
  console.log(`${cpu}, ${cores} cores, ${memoryGiB} GiB, Node ${node}; ${startedAt.toISOString().slice(0, 10)}; ` +
    `load average ${before.loadAverage} → ${after.loadAverage}; ${report.durationSeconds} s`);
  const missed = figures.filter((f) => f.met === false);
  console.log(`${missed.length ? `${missed.length} target(s) missed: ${missed.map((f) => f.name).join("; ")}` : "every target met"}`);
  console.log(`written to ${file}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
