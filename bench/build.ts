/**
 * Build: `npm run build` (warm) against the same tool invocations run one after another (the serial
 * sum), and against the build as it was before issue 6 (the npm scripts one after another).
 */
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { planOf, runStep } from "../scripts/build.js";
import { peakByStep, REPO, run, withRssProbe } from "./lib/command.js";
import { figure, type Figure } from "./lib/report.js";
import { median, repeat } from "./lib/stats.js";

/**
 * `npm run build` before issue 6: every stage's npm script in turn, with today's scripts (so with
 * the docs, which were to be added to it, and the incremental type check).
 */
export const SEQUENTIAL_BUILD = ["bundle", "generate", "lint", "build:dist", "docs"];

export interface BuildRuns {
  /** Runs of `npm run build` and of the serial sum. */
  runs: number;
  /** Runs of the sequential build (the slowest of the three). */
  sequentialRuns: number;
}

export async function benchBuild({ runs, sequentialRuns }: BuildRuns, log: (line: string) => void) {
  const { run: steps } = await planOf(REPO);
  const { scripts } = JSON.parse(await readFile(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const sequential = SEQUENTIAL_BUILD.filter((script) => scripts[script] !== undefined)
    .map((script) => `npm run ${script}`)
    .join(" && ");

  // Warm-up (the figures are for a warm build), recording each step's peak memory.
  log("build: warm-up run of npm run build");
  const { rss } = await withRssProbe("build", (env) => run("npm run build", REPO, env));

  const parallel: number[] = [];
  const serial: number[] = [];
  const perStep: Record<string, number[]> = {};
  await repeat(runs, async (i) => {
    parallel.push((await run("npm run build")).ms);
    let sum = 0;
    for (const step of steps) {
      const start = performance.now();
      await runStep(step, REPO);
      const ms = performance.now() - start;
      (perStep[step.name] ??= []).push(ms);
      sum += ms;
    }
    serial.push(sum);
    log(`build: run ${i + 1}/${runs}: npm run build ${s(parallel.at(-1)!)}, serial sum ${s(sum)}`);
  });
  const before = await repeat(sequentialRuns, async (i) => {
    const { ms } = await run(sequential);
    log(`build: sequential run ${i + 1}/${sequentialRuns}: ${s(ms)}`);
    return ms;
  });

  const after = median(parallel) / 1000;
  const sum = median(serial) / 1000;
  const old = median(before) / 1000;
  // No schedule finishes before the CPU time of its processes, spread over every core, has run.
  const cpu = rss.reduce((total, record) => total + record.cpuMs, 0) / 1000;
  const cores = availableParallelism();
  const figures: Figure[] = [
    figure({ section: "build", name: "npm run build (warm)", value: after, unit: "s", runs, target: { kind: "max", value: 5 } }),
    figure({ section: "build", name: "serial sum of its tool runs", value: sum, unit: "s", runs, note: `${steps.length} commands` }),
    figure({ section: "build", name: "build ÷ serial sum", value: after / sum, unit: "×", runs, target: { kind: "max", value: 0.7 } }),
    figure({
      section: "build",
      name: "CPU time of the build's processes",
      value: cpu,
      unit: "s",
      runs: 1,
      note: `npm and scripts/build.ts included; ÷ ${cores} cores = ${(cpu / cores).toFixed(1)} s, the floor for any schedule (${(cpu / cores / sum).toFixed(2)}× the serial sum)`,
    }),
    figure({
      section: "build",
      name: "before: npm scripts in sequence",
      value: old,
      unit: "s",
      runs: sequentialRuns,
      note: SEQUENTIAL_BUILD.join(", "),
    }),
    figure({ section: "build", name: "before ÷ serial sum", value: old / sum, unit: "×", runs: sequentialRuns }),
  ];
  const details = {
    npmRunBuildMs: parallel,
    serialSumMs: serial,
    sequentialMs: before,
    sequentialCommand: sequential,
    stepMedianMs: Object.fromEntries(Object.entries(perStep).map(([name, ms]) => [name, Math.round(median(ms))])),
    peakRssMiBByStep: peakByStep(rss),
  };
  return { figures, details };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
