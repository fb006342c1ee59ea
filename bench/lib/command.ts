/** Runs a command the way a person at the terminal would, and times it. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const SCRATCH = join(REPO, "bench", "results", "tmp");

export interface CommandResult {
  ms: number;
  output: string;
  /** Exit code, or the signal that ended the command. */
  exit: number | string;
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
