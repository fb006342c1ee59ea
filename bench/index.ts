/**
 * `npm run bench`: the figures users feel, printed as one table; each area's latest run is written to
 * bench/results/<area>.json with the machine, its load average and every raw sample.
 *
 * Usage: npm run bench -- [load|start|client|suite|diff|install ...]   (every area by default)
 *   BENCH_BASELINE=<git ref>: the tree of that commit runs beside ours in every area (its mock, its
 *   client, its build and tests), for figures of a change side by side with the code before it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { benchClient } from "./client.js";
import { benchDiff } from "./diff.js";
import { benchInstall } from "./install.js";
import { attempt, REPO } from "./lib/command.js";
import { machine } from "./lib/machine.js";
import { table, type Figure } from "./lib/report.js";
import { withTrees, type Tree } from "./lib/trees.js";
import { benchLoad } from "./load.js";
import { benchStart } from "./start.js";
import { benchSuite } from "./suite.js";

/**
 * Rounds and durations of each area: a full run takes about 25 minutes on the 2-core machine, most of it in the
 * suite, the gate's two cold builds and the install routes (which download from the npm registry).
 */
export const RUNS = {
  load: { rounds: 5, seconds: 5, warmSeconds: 6, connections: 8, slices: 6, sliceSeconds: 2 },
  start: { rounds: 7 },
  client: { rounds: 5, calls: 2_000 },
  suite: { rounds: 2 },
  diff: { runs: 5, operations: 504 },
  install: { warmRuns: 3 },
};

type Area = keyof typeof RUNS;
const AREAS = Object.keys(RUNS) as Area[];

const log = (line: string) => console.error(`[bench] ${line}`);

function runArea(area: Area, trees: Tree[]): Promise<{ figures: Figure[]; details: unknown }> {
  switch (area) {
    case "load":
      return benchLoad(RUNS.load, trees, log);
    case "start":
      return benchStart(RUNS.start, trees, log);
    case "client":
      return benchClient(RUNS.client, trees, log);
    case "suite":
      return benchSuite(RUNS.suite, trees, log);
    // The gate and the install routes measure this tree only: their peers are other tools, not an older tree.
    case "diff":
      return benchDiff(RUNS.diff, log);
    case "install":
      return benchInstall(RUNS.install, log);
  }
}

async function main(args: string[]): Promise<void> {
  const unknown = args.filter((arg) => !AREAS.includes(arg as Area));
  if (unknown.length) throw new Error(`unknown area ${unknown.join(", ")}: pick from ${AREAS.join(", ")}`);
  const areas = args.length ? AREAS.filter((area) => args.includes(area)) : AREAS;
  const [head, dirty] = (await attempt("git rev-parse --short HEAD && git status --porcelain -- src bench | head -1", REPO)).output.split("\n");
  const figures: Figure[] = [];
  await withTrees(process.env.BENCH_BASELINE, log, async (trees) => {
    for (const area of areas) {
      const startedAt = new Date();
      const before = machine();
      log(`${area}: start (load average ${before.loadAverage})`);
      const result = await runArea(area, trees);
      const after = machine();
      figures.push(...result.figures);
      const report = {
        date: startedAt.toISOString(),
        seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        machine: { ...before, loadAverage: { start: before.loadAverage, end: after.loadAverage } },
        commit: { head, uncommittedChanges: Boolean(dirty) },
        trees: trees.map(({ name, label }) => ({ name, label })),
        runs: RUNS[area],
        figures: result.figures,
        details: result.details,
      };
      await mkdir(join(REPO, "bench", "results"), { recursive: true });
      await writeFile(join(REPO, "bench", "results", `${area}.json`), `${JSON.stringify(report, null, 2)}\n`);
      log(`${area}: done in ${report.seconds} s, load average ${before.loadAverage} → ${after.loadAverage}`);
    }
  });
  const { cpu, cores, node } = machine();
  console.log(`\n${table(figures)}\n`);
  console.log(`${cpu}, ${cores} cores, Node ${node}; commit ${head}${dirty ? " (with uncommitted changes)" : ""}; load averages in bench/results/<area>.json`);
  const missed = figures.filter((f) => f.met === false);
  console.log(missed.length ? `${missed.length} target(s) missed: ${missed.map((f) => f.name).join("; ")}` : "every target met");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
