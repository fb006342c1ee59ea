/**
 * (d) What a contributor waits for: `npm run build` from clean (no wireit state, no tsc cache, wireit's
 * cache off, as CI builds a fresh clone) and then `npm test`, wall time and the CPU time of every
 * process they ran. With BENCH_BASELINE, the baseline's tree builds and tests in the same rounds (the
 * trees in a new order each round); its figures are the peer ("no slower than before").
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { attempt } from "./lib/command.js";
import { endedChildrenCpuMs } from "./lib/process-tree.js";
import { figure, type Figure } from "./lib/report.js";
import { median, shuffler, spread } from "./lib/stats.js";
import type { Tree } from "./lib/trees.js";

export interface SuiteRuns {
  rounds: number;
}

interface Sample {
  ms: number;
  cpuMs: number;
}

/** Runs `command` in the tree; it must succeed (a failed run's time is not a time). */
async function timed(tree: Tree, command: string, env: NodeJS.ProcessEnv = {}): Promise<Sample & { output: string }> {
  const cpu = endedChildrenCpuMs();
  const { ms, exit, output } = await attempt(command, tree.root, { NO_COLOR: "1", FORCE_COLOR: "0", ...env });
  if (exit !== 0) throw new Error(`${tree.name}: ${command} failed (${exit}):\n${output.slice(-3000)}`);
  return { ms, cpuMs: endedChildrenCpuMs() - cpu, output };
}

async function coldBuild(tree: Tree): Promise<Sample> {
  await rm(join(tree.root, ".wireit"), { recursive: true, force: true });
  await rm(join(tree.root, "node_modules", ".cache", "tsc"), { recursive: true, force: true });
  return timed(tree, "npm run build", { WIREIT_CACHE: "none", WIREIT_LOGGER: "simple" });
}

export async function benchSuite({ rounds }: SuiteRuns, trees: Tree[], log: (line: string) => void) {
  const samples = new Map<string, Sample[]>();
  const add = (name: string, sample: Sample) => void (samples.get(name) ?? samples.set(name, []).get(name)!).push(sample);
  // The first round starts without vitest's module cache in every tree (as a fresh clone does); later rounds reuse it.
  for (const tree of trees) await rm(join(tree.root, "node_modules", ".experimental-vitest-cache"), { recursive: true, force: true });
  const shuffled = shuffler(13);
  for (let round = 0; round < rounds; round++) {
    for (const tree of shuffled(trees)) {
      add(`${tree.name}: cold build`, await coldBuild(tree));
      const test = await timed(tree, "npm test");
      add(`${tree.name}: npm test`, test);
      log(`suite: round ${round + 1}/${rounds}, ${tree.name}: cold build ${(samples.get(`${tree.name}: cold build`)!.at(-1)!.ms / 1000).toFixed(1)} s, npm test ${(test.ms / 1000).toFixed(1)} s (${/Tests\s+(.*)/.exec(test.output)?.[1]?.trim() ?? "no summary"})`);
    }
  }

  const of = (name: string, measure: keyof Sample) => samples.get(name)!.map((s) => s[measure]);
  const figures: Figure[] = [...samples.keys()].map((name) =>
    figure({ section: "suite", name, value: median(of(name, "ms")) / 1000, unit: "s", runs: rounds, note: `CPU ${(median(of(name, "cpuMs")) / 1000).toFixed(1)} s` }),
  );
  for (const tree of trees.slice(1)) {
    for (const what of ["cold build", "npm test"]) {
      for (const measure of ["ms", "cpuMs"] as const) {
        const each = of(`ours: ${what}`, measure).map((x, i) => x / of(`${tree.name}: ${what}`, measure)[i]!);
        figures.push(
          figure({
            section: "suite",
            name: `${what}: ours ÷ ${tree.name} (${tree.label}), ${measure === "ms" ? "wall" : "CPU"}`,
            value: median(each),
            unit: "×",
            runs: rounds,
            target: { kind: "max", value: 1 },
            note: `median of the rounds' ratios (${spread(each)})`,
          }),
        );
      }
    }
  }
  return { figures, details: Object.fromEntries(samples) };
}
