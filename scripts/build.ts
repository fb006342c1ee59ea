/**
 * `npm run build`: the bundles first, then the lint, the types (then the type check and dist/) and
 * the docs side by side, each step as soon as the steps it reads from are done (scripts/build-plan.ts).
 * The tools are run directly, as npm would run the scripts, without npm's own start-up per step.
 * Stops at the first failing step, ends the others, and prints that step's output.
 *
 * Usage: tsx scripts/build.ts [project-root]
 *   project-root: a folder laid out like this repository (package.json, redocly.yaml, .spectral.yaml,
 *   openapi/, scripts/); this repository by default. bench/ builds synthetic APIs with it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPlan, type Step } from "./build-plan.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));

export interface StepTime {
  name: string;
  /** When the step started and how long it ran, in ms from the start of the build. */
  start: number;
  ms: number;
}

export interface BuildResult {
  ms: number;
  steps: StepTime[];
  /** package.json scripts of the plan that the project does not have, so were not run. */
  skipped: string[];
}

export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly output: string,
  ) {
    super(`build step ${step} failed:\n${output.trimEnd()}`);
  }
}

/** The steps this project's package.json calls for. */
export async function planOf(root: string): Promise<ReturnType<typeof checkPlan>> {
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  return checkPlan(manifest.scripts ?? {});
}

/** Runs one step's command in `root`; resolves with its output, rejects with a StepError. */
export function runStep(step: Step, root: string, running?: Set<ChildProcess>): Promise<string> {
  const bins = [join(root, "node_modules", ".bin"), join(REPO, "node_modules", ".bin")];
  const child = spawn("sh", ["-c", step.command], {
    cwd: root,
    // Own process group, so a failing build can end a step with everything it started.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // BUILD_STEP names the step to the processes it runs (bench/ records their peak memory by it).
    env: { ...process.env, PATH: [...bins, process.env.PATH].join(delimiter), BUILD_STEP: step.name },
  });
  running?.add(child);
  const output: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve, reject) => {
    child.once("error", (error) => reject(new StepError(step.name, String(error))));
    child.once("close", (code, signal) => {
      running?.delete(child);
      const text = Buffer.concat(output).toString("utf8");
      if (code === 0) resolve(text);
      else reject(new StepError(step.name, `${text}\n(${step.command}: ${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Runs every step of the project's plan, each once the steps in its `after` are done.
 * @param log called with each finished step's line and output
 */
export async function build(root: string, log: (text: string) => void = () => {}): Promise<BuildResult> {
  const { run, missingScripts } = await planOf(root);
  const t0 = performance.now();
  const done = new Set<string>();
  const started = new Set<string>();
  const running = new Set<ChildProcess>();
  const steps: StepTime[] = [];
  // Steps run in their own process groups, so an interrupted build ends them itself.
  const interrupt = () => {
    stopAll(running);
    process.exit(130);
  };
  process.once("SIGINT", interrupt).once("SIGTERM", interrupt);

  await new Promise<void>((resolveAll, rejectAll) => {
    let failed = false;
    const startReady = () => {
      if (done.size === run.length) return resolveAll();
      for (const step of run) {
        if (started.has(step.name) || !step.after.every((name) => done.has(name))) continue;
        started.add(step.name);
        const start = performance.now() - t0;
        runStep(step, root, running).then(
          (output) => {
            if (failed) return;
            const ms = performance.now() - t0 - start;
            steps.push({ name: step.name, start, ms });
            log(`${step.name.padEnd(13)} ${(ms / 1000).toFixed(2).padStart(6)} s   ${step.command}\n${indent(output)}`);
            done.add(step.name);
            startReady();
          },
          (error: unknown) => {
            if (failed) return;
            failed = true;
            stopAll(running);
            rejectAll(error);
          },
        );
      }
    };
    startReady();
  }).finally(() => process.off("SIGINT", interrupt).off("SIGTERM", interrupt));
  return { ms: performance.now() - t0, steps, skipped: missingScripts };
}

/** Ends the running steps, each with the processes it started. */
function stopAll(running: Set<ChildProcess>): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

/** A step's output, indented under its line, without the CLIs' boxed notices and blank lines. */
function indent(output: string): string {
  const lines = output.split("\n").filter((line) => line.trim() !== "" && !/^\s*[╔║╚╭│╰]/.test(line));
  return lines.map((line) => `    ${line}\n`).join("");
}

async function main(): Promise<void> {
  const root = resolve(process.argv[2] ?? REPO);
  try {
    const result = await build(root, (text) => process.stdout.write(text));
    for (const script of result.skipped) console.log(`(no "${script}" script in ${join(root, "package.json")}: its steps were not run)`);
    console.log(`build done in ${(result.ms / 1000).toFixed(2)} s`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
