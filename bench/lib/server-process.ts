/** A server run as a child process for a benchmark: started, found by the URL it prints, stopped by its PID. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO } from "./command.js";
import { BUNDLE, MOCK, PRISM_CLI, type Tree } from "./trees.js";

export interface Launch {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface ServerProcess {
  name: string;
  url: string;
  /** PID of the server's process (run by node: the server itself). */
  pid: number;
  stop(): Promise<void>;
}

/** The servers the benchmarks load: each mock command as users start it, and the bare server. */
export const launch = {
  /** Our mock command, compiled, on a free port. */
  mock: (tree: Tree): Launch => ({ name: `${tree.name}: mock command`, command: process.execPath, args: [MOCK.paths(tree).command], cwd: tree.root, env: { PORT: "0" } }),
  /** `prism mock <bundle>`, Prism CLI 5.14.2, on a free port. */
  prism: (): Launch => ({ name: "Prism CLI", command: process.execPath, args: [PRISM_CLI, "mock", "-p", "0", BUNDLE], cwd: REPO }),
  /** A bare node:http server: the limit. */
  bare: (): Launch => ({ name: "bare node:http", command: process.execPath, args: [join(REPO, "bench", "lib", "bare-server.mjs")], cwd: REPO }),
};

/**
 * Spawns the server in its own process group and resolves once it prints `listening on <URL>`
 * (every server here says so once it listens); rejects with its output if it exits first or
 * prints nothing of the kind within `timeoutMs`.
 */
export function startServerProcess(server: Launch, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(server.command, server.args, {
    cwd: server.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...server.env },
  });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const stop = async () => {
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
      reject(new Error(`${server.name} printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stdout.resume(); // Prism CLI logs every request: keep reading
        resolve({ name: server.name, url, pid: child.pid!, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`${server.name} exited (${code}) before printing its URL:\n${output}`));
    });
  });
}
