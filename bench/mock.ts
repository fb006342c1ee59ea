/**
 * Mock: today's mock (Prism's library in the mock's own process) beside the mock of the commit
 * before it (the Prism CLI as a child process behind a proxy layer, run from a git worktree of
 * that commit with its own `npm ci`) and the bare node:http server, in one run: requests per second
 * and latency for a valid and an invalid RetryEngine request at a fixed number of connections,
 * the CPU time each mock's processes spend per request, `startMock()` → first answer (and its CPU
 * time), and the resident memory of every process each mock runs.
 *
 * Both mocks run as the package ships them: each tree's build of `dist/` (`npm run build:dist` then,
 * `npm run dist` now), `dist/mock/index.js` run by plain `node` (bench/lib/serve-mock.mjs,
 * bench/lib/start-timer.mjs). Under tsx, loading
 * Prism's ~2,000 CommonJS modules costs about a third more CPU (tsx hooks every require), which
 * only today's mock paid: the old one ran Prism's CLI in a plain `node` child.
 *
 * Also, in the same runs, today's mock with its job simulation on (the default) and off
 * (`startMock({ jobs: false })`): the same valid action, and a job-status poll (ShowEngineJob) of
 * a started job against the documented example the mock without jobs answers; the two loads of a
 * pair at the same time, each pair on a fresh pair of mock processes.
 */
import autocannon, { type Result } from "autocannon";
import { attempt, REPO } from "./lib/command.js";
import { descendantsRss, treeCpuMs } from "./lib/process-tree.js";
import { figure, type Figure } from "./lib/report.js";
import { ENGINE_ID, INVALID_BODY, RETRY_ENGINE_PATH, TOKEN, VALID_BODY } from "./lib/requests.js";
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
/** One per run: other runs of this benchmark (other worktrees of this repository) may be going on at the same time. */
const OLD_TREE = `/tmp/bench-mock-old-${process.pid}`;

interface Load {
  name: string;
  server: ServerProcess;
  body?: string;
  /** The status every answer must have: a benchmark of wrong answers measures nothing. */
  status: 200 | 400;
  /** A GET of this path instead of the RetryEngine PUT (the job-status polls); a function gives it anew for each load. */
  get?: string | (() => Promise<string>);
  /** Every request for a different engine (a fresh engine ID): no two requests alike. */
  distinct?: boolean;
}

/** Engine IDs no earlier load used: the process's own sequence. */
let engines = 0;

/** One load run, and the CPU milliseconds the server's processes spent per request during it. */
async function load(target: Load, seconds: number, connections: number): Promise<{ result: Result; cpuMsPerRequest: number }> {
  const get = typeof target.get === "function" ? await target.get() : target.get;
  const cpuBefore = treeCpuMs(target.server.pid);
  const result = await autocannon({
    url: `${target.server.url}${get ?? RETRY_ENGINE_PATH}`,
    method: get ? "GET" : "PUT",
    headers: get ? { "X-Auth-Token": TOKEN } : { "Content-Type": "application/json", "X-Auth-Token": TOKEN },
    ...(target.body !== undefined && { body: target.body }),
    ...(target.distinct && {
      requests: [{ setupRequest: (request) => ({ ...request, path: RETRY_ENGINE_PATH.replace(ENGINE_ID, `bench-engine-${process.pid}-${++engines}`) }) }],
    }),
    connections,
    duration: seconds,
    timeout: 10,
  });
  const answered = target.status === 200 ? result["2xx"] : result["4xx"];
  if (result.errors > 0 || result.timeouts > 0 || answered !== result.requests.total) {
    throw new Error(`${target.name}: ${result.requests.total} requests, ${answered} answered ${target.status}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { result, cpuMsPerRequest: (treeCpuMs(target.server.pid) - cpuBefore) / result.requests.total };
}

async function must(command: string, cwd = REPO): Promise<string> {
  const result = await attempt(command, cwd);
  if (result.exit !== 0) throw new Error(`${command} failed (${result.exit}):\n${result.output}`);
  return result.output.trim();
}

/** A worktree of the commit before the change, with its own dependencies (the Prism CLI) and its dist/. */
async function oldTree(log: (line: string) => void): Promise<{ commit: string; remove(): Promise<void> }> {
  const commit = await must(BEFORE);
  await attempt(`git worktree remove --force ${OLD_TREE}`);
  await must(`git worktree add --detach ${OLD_TREE} ${commit}`);
  log(`mock: npm ci in a worktree of ${commit.slice(0, 7)} (the mock before the change)`);
  await must("npm ci --no-audit --no-fund --ignore-scripts", OLD_TREE);
  await must("npm run build:dist", OLD_TREE);
  return { commit, remove: async () => void (await attempt(`git worktree remove --force ${OLD_TREE}`)) };
}

/** Starts one CSE job that stays running for the whole load; the path of its status. */
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

/**
 * Pairs of jobs on ÷ off loads (each on a fresh pair of mock processes), and the seconds of each load:
 * with 2 s loads a pair's ratio spread twice as wide (README, issue 12).
 */
const PAIRS = 12;
const PAIR_SECONDS = 6;
/**
 * Rounds of the same loads (1 s each, both mocks at once) before the measured ones. In the first
 * rounds each switch between actions and polls still makes V8 throw away and rebuild some of either
 * mock's optimised code (`node --trace-deopt`: a few functions at each switch of rounds 2 and 3, none
 * from the fourth on), which the figure should not weigh as throughput.
 */
const WARM_ROUNDS = 3;

const builtMock = (tree: string) => `${tree}/dist/mock/index.js`;

async function startup(cwd: string): Promise<{ ms: number; cpuMs: number }> {
  const output = await must(`node ${REPO}bench/lib/start-timer.mjs ${builtMock(cwd)}`, cwd);
  return JSON.parse(output.split("\n").at(-1)!) as { ms: number; cpuMs: number };
}

export async function benchMock({ runs, seconds, connections }: MockRuns, log: (line: string) => void) {
  const before = await oldTree(log);
  await must("npm run dist"); // wireit: only when src/ changed since the last build
  const now = REPO.replace(/\/$/, "");
  const startups = { old: [] as number[], new: [] as number[] };
  const startupCpu = { old: [] as number[], new: [] as number[] };
  const rss = new Map<string, { mib: number; processes: string[] }>();
  const results = new Map<string, Result[]>();
  const cpuPerRequest = new Map<string, number[]>();
  let servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const [key, tree] of [["old", OLD_TREE], ["new", now]] as const) {
        const { ms, cpuMs } = await startup(tree);
        startups[key].push(ms);
        startupCpu[key].push(cpuMs);
      }
      log(`mock: start-up ${i + 1}/${runs}: before ${startups.old.at(-1)!.toFixed(0)} ms, now ${startups.new.at(-1)!.toFixed(0)} ms`);
    }
    const serveMock = (tree: string, env: NodeJS.ProcessEnv = {}) => startServerProcess(`${REPO}bench/lib/serve-mock.mjs`, env, 60_000, tree, { runner: "node", args: [builtMock(tree)] });
    const bare = await startServerProcess("bench/lib/bare-server.ts");
    const current = await serveMock(now);
    const old = await serveMock(OLD_TREE);
    servers = [bare, current, old];
    const targets: Load[] = [
      { name: "before: valid request", server: old, body: VALID_BODY, status: 200 },
      { name: "now: valid request", server: current, body: VALID_BODY, status: 200 },
      { name: "before: invalid request", server: old, body: INVALID_BODY, status: 400 },
      { name: "now: invalid request", server: current, body: INVALID_BODY, status: 400 },
      { name: "bare node server", server: bare, body: VALID_BODY, status: 200 },
      // The mock remembers Prism's answer to a request it has seen: these are never the same twice.
      { name: "now: valid request, each one different", server: current, body: VALID_BODY, status: 200, distinct: true },
      { name: "now: invalid request, each one different", server: current, body: INVALID_BODY, status: 400, distinct: true },
    ];
    // Jobs on and off, each pair of loads at the same time (below). Jobs off answers the documented example for
    // any job ID; jobs on gets a fresh job for each load, warm-ups included (the valid-action loads start enough
    // jobs to forget an early one).
    const pairsOn = (withJobs: ServerProcess, stateless: ServerProcess, followed: string): [Load, Load][] => [
      [
        { name: "jobs on: valid action", server: withJobs, body: VALID_BODY, status: 200 },
        { name: "jobs off: valid action", server: stateless, body: VALID_BODY, status: 200 },
      ],
      [
        { name: "jobs on: status poll", server: withJobs, status: 200, get: () => startedJob(withJobs.url) },
        { name: "jobs off: status poll", server: stateless, status: 200, get: followed },
      ],
    ];
    for (const name of [...targets.map((t) => t.name), "jobs on: valid action", "jobs off: valid action", "jobs on: status poll", "jobs off: status poll"]) results.set(name, []), cpuPerRequest.set(name, []);
    for (const target of targets) await load(target, 1, connections); // warm-up
    const measure = async (target: Load, seconds: number, label: string) => {
      const { result, cpuMsPerRequest } = await load(target, seconds, connections);
      results.get(target.name)!.push(result);
      cpuPerRequest.get(target.name)!.push(cpuMsPerRequest);
      log(`mock: ${label}: ${target.name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, ${(cpuMsPerRequest * 1000).toFixed(0)} µs CPU per request`);
    };
    for (let run = 0; run < runs; run++) {
      for (const target of run % 2 ? [...targets].reverse() : targets) await measure(target, seconds, `run ${run + 1}/${runs}`);
    }
    // The pairs run on mocks of their own that serve nothing else, so that both sides have the same
    // history (the mocks above also serve requests never seen, whose garbage and remembered answers
    // make collections dearer), and on a fresh pair of processes each (started in turn in either
    // order): one process's CPU per request moves by 10-20% from another's with the choices of its
    // JIT, more than the simulation costs, so the figure is a median over many pairs of processes.
    /** A mock with jobs and one without, [on, off], started one after the other in the order given. */
    const jobPair = async (withJobsFirst: boolean): Promise<[ServerProcess, ServerProcess]> => {
      const start = (jobs: boolean) => serveMock(now, jobs ? {} : { BENCH_MOCK_JOBS: "off" });
      const first = await start(withJobsFirst);
      const second = await start(!withJobsFirst);
      return withJobsFirst ? [first, second] : [second, first];
    };
    // Both sides at once, each on its own connections: whatever else the machine does in those
    // seconds, both bear it alike.
    const atOnce = async (pairOfLoads: Load[], run: (target: Load) => Promise<unknown>) => {
      const ready = await Promise.all(pairOfLoads.map(async (target) => ({ ...target, get: typeof target.get === "function" ? await target.get() : target.get })));
      await Promise.all(ready.map(run));
    };
    let jobProcesses: [ServerProcess, ServerProcess] | undefined;
    for (let pair = 0; pair < PAIRS; pair++) {
      if (jobProcesses) await Promise.all(jobProcesses.map((server) => server.stop()));
      jobProcesses = await jobPair(pair % 2 === 1);
      servers = [bare, current, old, ...jobProcesses];
      // Jobs off answers the documented example for any job ID: one of a job the mock with jobs started.
      const loads = pairsOn(...jobProcesses, await startedJob(jobProcesses[0].url));
      for (let round = 0; round < WARM_ROUNDS; round++) {
        for (const pairOfLoads of loads) await atOnce(pairOfLoads, (target) => load(target, 1, connections));
      }
      for (const pairOfLoads of loads) await atOnce(pairOfLoads, (target) => measure(target, PAIR_SECONDS, `pair ${pair + 1}/${PAIRS}`));
    }
    // After the load: what each server holds once it has served thousands of requests (the mocks
    // run by node: their own process too; the bare server: below its tsx launcher).
    for (const [name, server, self] of [["before", old, true], ["now", current, true], ["bare", bare, false], ["jobs on", jobProcesses![0], true], ["jobs off", jobProcesses![1], true]] as const) rss.set(name, descendantsRss(server.pid, self));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await before.remove();
  }

  const rps = (name: string) => median(results.get(name)!.map((r) => r.requests.average));
  const p99 = (name: string) => median(results.get(name)!.map((r) => r.latency.p99));
  const cpu = (name: string) => median(cpuPerRequest.get(name)!) * 1000;
  /** Medians of the per-run ratios a ÷ b (the two ran one after the other in each run; a job pair at the same time): by req/s, and by CPU per request (b's ÷ a's). */
  const ratio = (a: string, b: string) => median(results.get(a)!.map((r, i) => r.requests.average / results.get(b)![i]!.requests.average));
  const cpuRatio = (a: string, b: string) => median(cpuPerRequest.get(a)!.map((ms, i) => cpuPerRequest.get(b)![i]! / ms));
  const note = `${connections} connections, ${seconds} s per run`;
  const figures: Figure[] = [];
  for (const kind of ["valid", "invalid"] as const) {
    const [was, is] = [rps(`before: ${kind} request`), rps(`now: ${kind} request`)];
    figures.push(
      figure({ section: "mock", name: `${kind} request: req/s before (CLI child + proxy)`, value: was, unit: "req/s", runs, note: `p99 ${p99(`before: ${kind} request`)} ms; ${note}` }),
      figure({ section: "mock", name: `${kind} request: req/s now (library in-process)`, value: is, unit: "req/s", runs, note }),
      figure({ section: "mock", name: `${kind} request: now ÷ before`, value: is / was, unit: "×", runs, target: { kind: "min", value: 3 } }),
      figure({ section: "mock", name: `${kind} request: now ÷ bare node server`, value: is / rps("bare node server"), unit: "×", runs, target: { kind: "min", value: 0.25 } }),
      figure({ section: "mock", name: `${kind} request, each one different (a fresh engine ID): req/s now`, value: rps(`now: ${kind} request, each one different`), unit: "req/s", runs, note: `p99 ${p99(`now: ${kind} request, each one different`)} ms; ${(rps(`now: ${kind} request, each one different`) / was).toFixed(2)}× before, ${(rps(`now: ${kind} request, each one different`) / rps("bare node server")).toFixed(3)}× bare; CPU ${cpu(`now: ${kind} request, each one different`).toFixed(0)} µs per request` }),
      figure({ section: "mock", name: `${kind} request: p99 now`, value: p99(`now: ${kind} request`), unit: "ms", runs, target: { kind: "max", value: 10 }, note: "autocannon counts whole ms" }),
      figure({ section: "mock", name: `${kind} request: CPU per request before (all processes)`, value: cpu(`before: ${kind} request`), unit: "µs", runs }),
      figure({ section: "mock", name: `${kind} request: CPU per request now`, value: cpu(`now: ${kind} request`), unit: "µs", runs }),
      figure({ section: "mock", name: `${kind} request: CPU per request now ÷ before`, value: cpu(`now: ${kind} request`) / cpu(`before: ${kind} request`), unit: "×", runs, note: "what limits req/s when the machine is not shared" }),
    );
  }
  const spread = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
  for (const [what, on, off] of [["valid action (starts a job)", "jobs on: valid action", "jobs off: valid action"], ["status poll (ShowEngineJob)", "jobs on: status poll", "jobs off: status poll"]] as const) {
    const byRps = results.get(on)!.map((r, i) => r.requests.average / results.get(off)![i]!.requests.average);
    const byCpu = cpuPerRequest.get(on)!.map((ms, i) => cpuPerRequest.get(off)![i]! / ms);
    const pairNote = `median of ${PAIRS} pairs of ${PAIR_SECONDS} s loads, the two of a pair at the same time, each pair on fresh mock processes (per pair ${spread(byRps)})`;
    figures.push(
      // With both mocks and the load generator on the machine's cores, the generator sets both mocks' pace until one
      // needs more than its share of the CPU: this ratio stays near 1 for costs below that, and CPU per request is the
      // figure that shows them.
      figure({ section: "mock", name: `jobs on ÷ off: ${what}, req/s`, value: ratio(on, off), unit: "×", runs: PAIRS, target: { kind: "min", value: 0.9 }, note: `${pairNote}; on ${rps(on).toFixed(0)}, off ${rps(off).toFixed(0)} req/s; p99 ${p99(on)} / ${p99(off)} ms; the load generator paces both: read CPU per request` }),
      figure({ section: "mock", name: `jobs on ÷ off: ${what}, by CPU per request`, value: cpuRatio(on, off), unit: "×", runs: PAIRS, target: { kind: "min", value: 0.9 }, note: `median of ${PAIRS} pairs (per pair ${spread(byCpu)}); on ${cpu(on).toFixed(0)} µs, off ${cpu(off).toFixed(0)} µs CPU per request` }),
    );
  }
  figures.push(
    figure({ section: "mock", name: "RSS of the mock, jobs on ÷ off (after the load)", value: rss.get("jobs on")!.mib / rss.get("jobs off")!.mib, unit: "×", runs: 1, note: `on ${rss.get("jobs on")!.mib.toFixed(0)} MiB, off ${rss.get("jobs off")!.mib.toFixed(0)} MiB (the two mocks of the pairs)` }),
    figure({ section: "mock", name: "bare node server: req/s", value: rps("bare node server"), unit: "req/s", runs, note: `p99 ${p99("bare node server")} ms` }),
    figure({ section: "mock", name: "startMock() → first answer, before", value: median(startups.old), unit: "ms", runs }),
    figure({ section: "mock", name: "startMock() → first answer, now", value: median(startups.new), unit: "ms", runs }),
    figure({ section: "mock", name: "start-up now ÷ before", value: median(startups.new) / median(startups.old), unit: "×", runs, target: { kind: "max", value: 0.5 } }),
    figure({ section: "mock", name: "start-up CPU time, before (all processes)", value: median(startupCpu.old), unit: "ms", runs }),
    figure({ section: "mock", name: "start-up CPU time, now", value: median(startupCpu.new), unit: "ms", runs }),
    figure({ section: "mock", name: "RSS of the mock's processes, before", value: rss.get("before")!.mib, unit: "MiB", runs: 1, note: rss.get("before")!.processes.join("; ") }),
    figure({ section: "mock", name: "RSS of the mock's processes, now", value: rss.get("now")!.mib, unit: "MiB", runs: 1, target: { kind: "max", value: 200 }, note: rss.get("now")!.processes.join("; ") }),
  );
  const details = {
    before: before.commit,
    startupMs: startups,
    startupCpuMs: startupCpu,
    rss: Object.fromEntries(rss),
    load: Object.fromEntries(
      [...results].map(([name, list]) => [
        name,
        list.map((r, i) => ({ requestsPerSecond: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, cpuUsPerRequest: cpuPerRequest.get(name)![i]! * 1000 })),
      ]),
    ),
  };
  return { figures, details };
}
