/** A server run as a child process for a benchmark: started, found by the URL it prints, stopped by its PID. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO } from "./command.js";

export interface ServerProcess {
  url: string;
  /** PID of the tsx launcher (the server itself and whatever it starts are its descendants), or of the server run by node. */
  pid: number;
  /** Milliseconds from spawn until it printed its URL. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `tsx <script>` (or `node <script> ...args` with `runner: "node"`, for built JavaScript) in
 * its own process group and resolves with the first `http://127.0.0.1:…` URL it prints; rejects
 * with its output if it exits first or prints none within `timeoutMs`.
 */
export function startServerProcess(
  script: string,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
  cwd = REPO,
  { runner = "tsx", args = [] }: { runner?: "tsx" | "node"; args?: string[] } = {},
): Promise<ServerProcess> {
  const start = performance.now();
  const command = runner === "tsx" ? join(cwd, "node_modules", ".bin", "tsx") : process.execPath;
  const child = spawn(command, [script, ...args], {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const stop = async () => {
    // The group: tsx, the script's own Node process, and anything the script started.
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
    await closed;
  };
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve({ url, pid: child.pid!, readyMs: performance.now() - start, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before printing its URL:\n${output}`));
    });
  });
}
