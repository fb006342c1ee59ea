/**
 * Build (issue 13): `npm run build` on wireit, from clean (no .wireit state, no tsc cache, wireit's
 * cache off, as CI builds), again with nothing changed, and after editing one file under
 * openapi/paths/; against the serial sum of its tools (each script's command run one after
 * another) and against the build it replaced (scripts/build.ts, run in a worktree of the old main
 * when bench/index.ts has one; see bench/lib/old-main.ts).
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { cpus } from "node:os";
import { REPO, run } from "./lib/command.js";
import { endedChildrenCpuMs } from "./lib/process-tree.js";
import { figure, type Figure } from "./lib/report.js";
import { median, repeat } from "./lib/stats.js";
import { ranAndFresh, wireitPlan } from "./lib/wireit.js";

export interface BuildRuns {
  runs: number;
}

/** The file the "one file edited" build changes: a real edit (the operation's summary), so every step that reads it has new input. */
export const EDITED_FILE = join("openapi", "paths", "RetryEngine.yaml");

/** What a clean clone does not have: wireit's state and cache, and the type check's incremental cache. */
async function clean(root: string): Promise<void> {
  await rm(join(root, ".wireit"), { recursive: true, force: true });
  await rm(join(root, "node_modules", ".cache", "tsc"), { recursive: true, force: true });
}

const SIMPLE = { WIREIT_LOGGER: "simple", WIREIT_CACHE: "none" };

/** A command's wall time and the CPU time of its whole process tree (it must be the only one running). */
async function timed(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; cpuMs: number; output: string }> {
  const cpuBefore = endedChildrenCpuMs();
  const { ms, output } = await run(command, cwd, env);
  return { ms, cpuMs: endedChildrenCpuMs() - cpuBefore, output };
}

/** The scripts' commands one after another, each from clean, as the build would run them alone. */
async function serialSum(root: string, perStep: Record<string, number[]>): Promise<{ ms: number; cpuMs: number }> {
  await clean(root);
  const sum = { ms: 0, cpuMs: 0 };
  for (const script of await wireitPlan(root)) {
    if (!script.command) continue;
    const { ms, cpuMs } = await timed(script.command, root, { ...script.env, PATH: [join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter) });
    (perStep[script.name] ??= []).push(ms);
    sum.ms += ms;
    sum.cpuMs += cpuMs;
  }
  return sum;
}

export async function benchBuild({ runs }: BuildRuns, log: (line: string) => void, oldMain?: string) {
  const cold: number[] = [];
  const fresh: number[] = [];
  const edited: number[] = [];
  const serial: number[] = [];
  const coldCpu: number[] = [];
  const serialCpu: number[] = [];
  const old: number[] = [];
  const perStep: Record<string, number[]> = {};
  let editRan: string[] = [];
  let editFresh: string[] = [];
  const source = await readFile(join(REPO, EDITED_FILE), "utf8");
  const edit = source.replace(/^( {2}summary: .*)$/m, "$1 (edited)");
  if (edit === source) throw new Error(`${EDITED_FILE}: no operation summary to edit`);

  await repeat(runs, async (i) => {
    await clean(REPO);
    const coldRun = await timed("npm run build", REPO, SIMPLE);
    cold.push(coldRun.ms);
    coldCpu.push(coldRun.cpuMs);
    fresh.push((await run("npm run build", REPO, SIMPLE)).ms);
    await writeFile(join(REPO, EDITED_FILE), edit);
    try {
      const result = await run("npm run build", REPO, SIMPLE);
      edited.push(result.ms);
      ({ ran: editRan, fresh: editFresh } = ranAndFresh(result.output));
    } finally {
      await writeFile(join(REPO, EDITED_FILE), source);
    }
    const alone = await serialSum(REPO, perStep);
    serial.push(alone.ms);
    serialCpu.push(alone.cpuMs);
    if (oldMain) old.push((await run("npx tsx scripts/build.ts", oldMain)).ms);
    log(
      `build: run ${i + 1}/${runs}: cold ${s(cold.at(-1)!)}, nothing changed ${s(fresh.at(-1)!)}, one path file edited ` +
        `${s(edited.at(-1)!)}, serial sum ${s(serial.at(-1)!)}${oldMain ? `, old scripts/build.ts ${s(old.at(-1)!)}` : ""}`,
    );
  });
  // Leave the tree built from its own sources.
  await run("npm run build", REPO, SIMPLE);

  const c = median(cold) / 1000;
  const figures: Figure[] = [
    figure({ section: "build", name: "npm run build, cold (as CI)", value: c, unit: "s", runs }),
    figure({ section: "build", name: "serial sum of its tools", value: median(serial) / 1000, unit: "s", runs }),
    figure({ section: "build", name: "cold ÷ serial sum", value: median(cold) / median(serial), unit: "×", runs, target: { kind: "max", value: 0.7 } }),
    figure({ section: "build", name: "CPU time of the cold build", value: median(coldCpu) / 1000, unit: "s", runs, note: `serial sum ${s(median(serialCpu))} of CPU in ${s(median(serial))}: its tools use ${(median(serialCpu) / median(serial)).toFixed(2)} cores on average when each runs alone` }),
    figure({
      section: "build",
      name: `fastest any schedule can be on ${cpus().length} cores ÷ serial sum`,
      value: median(serialCpu) / cpus().length / median(serial),
      unit: "×",
      runs,
      note: "the serial sum's CPU time spread evenly over every core (a build in parallel does at least that work): no build of these tools beats this ratio here",
    }),
    figure({ section: "build", name: "nothing changed ÷ cold", value: median(fresh) / median(cold), unit: "×", runs, target: { kind: "max", value: 0.15 }, note: `${s(median(fresh))}` }),
    figure({
      section: "build",
      name: "one openapi/paths file edited ÷ cold",
      value: median(edited) / median(cold),
      unit: "×",
      runs,
      target: { kind: "max", value: 0.8 },
      note: `${s(median(edited))}; ran ${editRan.join(", ")}; fresh ${editFresh.join(", ") || "none"}`,
    }),
  ];
  if (oldMain) {
    figures.push(
      figure({ section: "build", name: "before: scripts/build.ts (every run cold)", value: median(old) / 1000, unit: "s", runs, note: "worktree of the old main" }),
      figure({ section: "build", name: "nothing changed ÷ before", value: median(fresh) / median(old), unit: "×", runs }),
    );
  }
  const details = {
    coldMs: cold,
    freshMs: fresh,
    editedMs: edited,
    serialSumMs: serial,
    coldCpuMs: coldCpu,
    serialSumCpuMs: serialCpu,
    oldBuildMs: old,
    editedRan: editRan,
    editedFresh: editFresh,
    stepMedianMs: Object.fromEntries(Object.entries(perStep).map(([name, ms]) => [name, Math.round(median(ms))])),
  };
  return { figures, details };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
