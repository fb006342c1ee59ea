/**
 * Mock: today's mock (Prism's library in the mock's own process) beside the mock of the commit
 * before it (the Prism CLI as a child process behind a proxy layer, run from a git worktree of
 * that commit with its own `npm ci`) and the bare node:http server, in one run: requests per second
 * and latency for a valid and an invalid RetryEngine request at a fixed number of connections,
 * `startMock()` → first answer, and the resident memory of every process each mock runs. Also, in
 * the same runs, today's mock with its job simulation on (the default) and off (`MOCK_JOBS=off`):
 * the same valid action, and a job-status poll (ShowEngineJob) of a started job against the
 * documented example the mock without jobs answers.
 */
import autocannon, { type Result } from "autocannon";
import { attempt, REPO } from "./lib/command.js";
import { descendantsCpuMs } from "./lib/process-cpu.js";
import { descendantsRss } from "./lib/process-tree.js";
import { figure, type Figure } from "./lib/report.js";
import { INVALID_BODY, RETRY_ENGINE_PATH, TOKEN, VALID_BODY } from "./lib/requests.js";
import { startServerProcess, type ServerProcess } from "./lib/server-process.js";
import { median } from "./lib/stats.js";

export interface MockRuns {
  runs: number;
  /** Seconds of load per run. */
  seconds: number;
  connections: number;
}

/** The commit before the in-process mock: the parent of the first commit that has src/mock/prism-library.ts. */
const BEFORE = "git rev-parse \"$(git log --reverse --format=%H -- src/mock/prism-library.ts | head -1)^\"";
/** Per run: several worktrees of this repository may run the benchmark at the same time. */
const OLD_TREE = `/tmp/bench-mock-old-${process.pid}`;

interface Load {
  name: string;
  server: ServerProcess;
  body?: string;
  /** The status every answer must have: a benchmark of wrong answers measures nothing. */
  status: 200 | 400;
  /** A GET of this path instead of the RetryEngine PUT (the job-status polls); a function gives it anew for each load. */
  get?: string | (() => Promise<string>);
}

async function load(target: Load, seconds: number, connections: number): Promise<Result> {
  const get = typeof target.get === "function" ? await target.get() : target.get;
  const result = await autocannon({
    url: `${target.server.url}${get ?? RETRY_ENGINE_PATH}`,
    method: get ? "GET" : "PUT",
    headers: get ? { "X-Auth-Token": TOKEN } : { "Content-Type": "application/json", "X-Auth-Token": TOKEN },
    ...(target.body !== undefined && { body: target.body }),
    connections,
    duration: seconds,
    timeout: 10,
  });
  const answered = target.status === 200 ? result["2xx"] : result["4xx"];
  if (result.errors > 0 || result.timeouts > 0 || answered !== result.requests.total) {
    throw new Error(`${target.name}: ${result.requests.total} requests, ${answered} answered ${target.status}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}

async function must(command: string, cwd = REPO): Promise<string> {
  const result = await attempt(command, cwd);
  if (result.exit !== 0) throw new Error(`${command} failed (${result.exit}):\n${result.output}`);
  return result.output.trim();
}

/** A worktree of the commit before the change, with its own dependencies (the Prism CLI). */
async function oldTree(log: (line: string) => void): Promise<{ commit: string; remove(): Promise<void> }> {
  const commit = await must(BEFORE);
  await attempt(`git worktree remove --force ${OLD_TREE}`);
  await must(`git worktree add --detach ${OLD_TREE} ${commit}`);
  log(`mock: npm ci in a worktree of ${commit.slice(0, 7)} (the mock before the change)`);
  await must("npm ci --no-audit --no-fund --ignore-scripts", OLD_TREE);
  return { commit, remove: async () => void (await attempt(`git worktree remove --force ${OLD_TREE}`)) };
}

/** Starts one CSE job that stays running for the whole benchmark; the path of its status. */
async function startedJob(url: string): Promise<string> {
  const response = await fetch(`${url}${RETRY_ENGINE_PATH}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN, "X-Mock-Job": "succeed; polls=10000" },
    body: VALID_BODY,
  });
  const body = (await response.json()) as { jobId?: number };
  if (response.status !== 200 || typeof body.jobId !== "number") throw new Error(`the mock started no job: ${response.status} ${JSON.stringify(body)}`);
  return RETRY_ENGINE_PATH.replace(/\/actions$/, `/jobs/${body.jobId}`);
}

async function startupMs(cwd: string): Promise<number> {
  const output = await must(`node_modules/.bin/tsx ${REPO}bench/lib/start-timer.ts ${cwd}/src/mock/index.ts`, cwd);
  return (JSON.parse(output.split("\n").at(-1)!) as { ms: number }).ms;
}

export async function benchMock({ runs, seconds, connections }: MockRuns, log: (line: string) => void) {
  const before = await oldTree(log);
  const startups = { old: [] as number[], new: [] as number[] };
  const rss = new Map<string, { mib: number; processes: string[] }>();
  const results = new Map<string, Result[]>();
  /** CPU µs the server's processes spent per request, per run: unlike req/s, barely moved by other work on the machine. */
  const cpu = new Map<string, number[]>();
  let servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      startups.old.push(await startupMs(OLD_TREE));
      startups.new.push(await startupMs(REPO.replace(/\/$/, "")));
      log(`mock: start-up ${i + 1}/${runs}: before ${startups.old.at(-1)!.toFixed(0)} ms, now ${startups.new.at(-1)!.toFixed(0)} ms`);
    }
    const bare = await startServerProcess("bench/lib/bare-server.ts");
    const now = await startServerProcess("src/mock/cli.ts", { PORT: "0" });
    const old = await startServerProcess("scripts/mock.ts", { PORT: "0" }, 60_000, OLD_TREE);
    const stateless = await startServerProcess("src/mock/cli.ts", { PORT: "0", MOCK_JOBS: "off" });
    servers = [bare, now, old, stateless];
    // Issue 12: the same mock with the job simulation on (the default: every valid action starts a
    // job, up to 10,000 remembered) and off. Status polls: ShowEngineJob of a job that stays
    // running, against the documented example that the mock without jobs answers for any ID.
    // A job for each load: the valid-action loads start thousands of jobs, so an early one is forgotten.
    const followed = await startedJob(now.url);
    const targets: Load[] = [
      { name: "before: valid request", server: old, body: VALID_BODY, status: 200 },
      { name: "now: valid request", server: now, body: VALID_BODY, status: 200 },
      { name: "jobs off: valid request", server: stateless, body: VALID_BODY, status: 200 },
      { name: "before: invalid request", server: old, body: INVALID_BODY, status: 400 },
      { name: "now: invalid request", server: now, body: INVALID_BODY, status: 400 },
      { name: "bare node server", server: bare, body: VALID_BODY, status: 200 },
      { name: "jobs on: status poll", server: now, status: 200, get: () => startedJob(now.url) },
      { name: "jobs off: status poll", server: stateless, status: 200, get: followed },
    ];
    for (const target of targets) results.set(target.name, []);
    for (const target of targets) cpu.set(target.name, []);
    for (const target of targets) await load(target, 1, connections); // warm-up
    for (let run = 0; run < runs; run++) {
      // Every other run in reverse order, so that each pair compared (jobs on and off) runs side by
      // side and neither always goes first.
      for (const target of run % 2 ? [...targets].reverse() : targets) {
        const cpuBefore = descendantsCpuMs(target.server.pid);
        const result = await load(target, seconds, connections);
        cpu.get(target.name)!.push(((descendantsCpuMs(target.server.pid) - cpuBefore) * 1000) / result.requests.total);
        results.get(target.name)!.push(result);
        log(`mock: run ${run + 1}/${runs}: ${target.name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
      }
    }
    // After the load: what each server holds once it has served thousands of requests.
    for (const [name, server] of [["before", old], ["now", now], ["bare", bare], ["jobs off", stateless]] as const) rss.set(name, descendantsRss(server.pid));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await before.remove();
  }

  const rps = (name: string) => median(results.get(name)!.map((r) => r.requests.average));
  const p99 = (name: string) => median(results.get(name)!.map((r) => r.latency.p99));
  const note = `${connections} connections, ${seconds} s per run`;
  /** The median of the per-run ratios a ÷ b: the two ran one after the other in each run. */
  const ratio = (a: string, b: string) => median(results.get(a)!.map((r, i) => r.requests.average / results.get(b)![i]!.requests.average));
  /** The same in CPU per request, as a throughput ratio (b's CPU ÷ a's): what a free machine would show. */
  const cpuRatio = (a: string, b: string) => median(cpu.get(a)!.map((us, i) => cpu.get(b)![i]! / us));
  const cpuUs = (name: string) => median(cpu.get(name)!);
  const figures: Figure[] = [];
  for (const kind of ["valid", "invalid"] as const) {
    const [was, is] = [rps(`before: ${kind} request`), rps(`now: ${kind} request`)];
    figures.push(
      figure({ section: "mock", name: `${kind} request: req/s before (CLI child + proxy)`, value: was, unit: "req/s", runs, note: `p99 ${p99(`before: ${kind} request`)} ms; ${note}` }),
      figure({ section: "mock", name: `${kind} request: req/s now (library in-process)`, value: is, unit: "req/s", runs, note }),
      figure({ section: "mock", name: `${kind} request: now ÷ before`, value: is / was, unit: "×", runs, target: { kind: "min", value: 3 } }),
      figure({ section: "mock", name: `${kind} request: now ÷ bare node server`, value: is / rps("bare node server"), unit: "×", runs, target: { kind: "min", value: 0.25 } }),
      figure({ section: "mock", name: `${kind} request: p99 now`, value: p99(`now: ${kind} request`), unit: "ms", runs, target: { kind: "max", value: 10 }, note: "autocannon counts whole ms" }),
    );
  }
  figures.push(
    figure({ section: "mock", name: "jobs on ÷ off: valid action (starts a job), req/s", value: ratio("now: valid request", "jobs off: valid request"), unit: "×", runs, target: { kind: "min", value: 0.9 }, note: `median of per-run ratios; off ${rps("jobs off: valid request").toFixed(0)} req/s, p99 ${p99("jobs off: valid request")} ms` }),
    figure({ section: "mock", name: "jobs on ÷ off: status poll (ShowEngineJob), req/s", value: ratio("jobs on: status poll", "jobs off: status poll"), unit: "×", runs, target: { kind: "min", value: 0.9 }, note: `median of per-run ratios; on ${rps("jobs on: status poll").toFixed(0)} req/s, p99 ${p99("jobs on: status poll")} ms; off ${rps("jobs off: status poll").toFixed(0)} req/s, p99 ${p99("jobs off: status poll")} ms` }),
    figure({ section: "mock", name: "jobs on ÷ off: valid action, by server CPU per request", value: cpuRatio("now: valid request", "jobs off: valid request"), unit: "×", runs, target: { kind: "min", value: 0.9 }, note: `on ${cpuUs("now: valid request").toFixed(0)} µs, off ${cpuUs("jobs off: valid request").toFixed(0)} µs CPU per request` }),
    figure({ section: "mock", name: "jobs on ÷ off: status poll, by server CPU per request", value: cpuRatio("jobs on: status poll", "jobs off: status poll"), unit: "×", runs, target: { kind: "min", value: 0.9 }, note: `on ${cpuUs("jobs on: status poll").toFixed(0)} µs, off ${cpuUs("jobs off: status poll").toFixed(0)} µs CPU per request` }),
    figure({ section: "mock", name: "RSS of the mock, jobs on ÷ off (after the load)", value: rss.get("now")!.mib / rss.get("jobs off")!.mib, unit: "×", runs: 1, note: `off ${rss.get("jobs off")!.mib.toFixed(0)} MiB` }),
    figure({ section: "mock", name: "bare node server: req/s", value: rps("bare node server"), unit: "req/s", runs, note: `p99 ${p99("bare node server")} ms` }),
    figure({ section: "mock", name: "startMock() → first answer, before", value: median(startups.old), unit: "ms", runs }),
    figure({ section: "mock", name: "startMock() → first answer, now", value: median(startups.new), unit: "ms", runs }),
    figure({ section: "mock", name: "start-up now ÷ before", value: median(startups.new) / median(startups.old), unit: "×", runs, target: { kind: "max", value: 0.5 } }),
    figure({ section: "mock", name: "RSS of the mock's processes, before", value: rss.get("before")!.mib, unit: "MiB", runs: 1, note: rss.get("before")!.processes.join("; ") }),
    figure({ section: "mock", name: "RSS of the mock's processes, now", value: rss.get("now")!.mib, unit: "MiB", runs: 1, target: { kind: "max", value: 200 }, note: rss.get("now")!.processes.join("; ") }),
  );
  const details = {
    before: before.commit,
    startupMs: startups,
    rss: Object.fromEntries(rss),
    load: Object.fromEntries(
      [...results].map(([name, list]) => [name, list.map((r, i) => ({ requestsPerSecond: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, serverCpuUsPerRequest: cpu.get(name)![i] }))]),
    ),
  };
  return { figures, details };
}
