/**
 * Runs a command the way a person at the terminal would, times it, and (optionally) collects the
 * peak memory of every Node process it starts (bench/lib/rss-probe.cjs).
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const SCRATCH = join(REPO, "bench", "results", "tmp");
const PROBE = fileURLToPath(new URL("./rss-probe.cjs", import.meta.url));

export interface CommandResult {
  ms: number;
  output: string;
  /** Exit code, or the signal that ended the command. */
  exit: number | string;
}

/** Peak memory and CPU time of one Node process of a measured command. */
export interface RssRecord {
  step: string | null;
  pid: number;
  maxRssKiB: number;
  /** User + system CPU time of all the process's threads. */
  cpuMs: number;
  script: string | null;
}

/** Runs `sh -c command` in `cwd` and resolves when it ends, whether it succeeded or not. */
export function attempt(command: string, cwd: string = REPO, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  const start = performance.now();
  const child = spawn("sh", ["-c", command], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      resolve({ ms: performance.now() - start, output: Buffer.concat(chunks).toString("utf8"), exit: signal ?? code ?? -1 });
    });
  });
}

/** Like `attempt`, but rejects with the command's output when it fails. */
export async function run(command: string, cwd: string = REPO, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  const result = await attempt(command, cwd, env);
  if (result.exit !== 0) {
    throw new Error(`${command} (in ${cwd}) failed with exit ${result.exit}:\n${result.output.slice(-4000)}`);
  }
  return result;
}

/** Runs `fn` with every Node process it starts recording its peak memory; returns the records too. */
export async function withRssProbe<T>(
  name: string,
  fn: (env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<{ value: T; rss: RssRecord[] }> {
  const file = join(SCRATCH, "rss", `${name}.jsonl`);
  await mkdir(dirname(file), { recursive: true });
  await rm(file, { force: true });
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : "";
  const value = await fn({ NODE_OPTIONS: `${inherited}--require ${PROBE}`, BENCH_RSS_FILE: file });
  const text = await readFile(file, "utf8").catch(() => "");
  const rss = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RssRecord);
  return { value, rss };
}

/**
 * The largest peak memory per build step, in MiB. Wireit runs each step's command itself and names
 * none of them to its processes, so a process is known by its script (…/bin/redocly, tsc, tsx …).
 */
export function peakByStep(records: readonly RssRecord[]): Record<string, number> {
  const peaks: Record<string, number> = {};
  for (const { step, script, maxRssKiB } of records) {
    const key = step ?? scriptName(script);
    peaks[key] = Math.max(peaks[key] ?? 0, Math.round(maxRssKiB / 1024));
  }
  return peaks;
}

/** `node_modules/@redocly/cli/bin/cli.js` → `@redocly/cli`; `…/wireit/bin/wireit.js` → `wireit`. */
function scriptName(script: string | null): string {
  if (!script) return "(unknown)";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(script);
  return match?.[1] ?? script.split("/").slice(-2).join("/");
}
