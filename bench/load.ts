/**
 * (a) A test suite's load on each mock, as its users run it: our mock command and Prism CLI 5.14.2
 * (`prism mock <bundle>`) on the same bundle, and a bare node:http server (the limit), each in a
 * process of its own, under the same load (lib/test-suite-load.ts): requests per second, p50 and
 * p99 latency, and the CPU the server spent per request. Each round starts every server afresh, in a
 * new order, warms it up, then loads it; a ratio is the median of the rounds' ratios, each taken
 * minutes apart at most, so other work on the machine falls on both sides alike.
 *
 * With a baseline, each round also starts our mock and the baseline's afresh, warms both, then loads
 * them in turn, in short slices (the two of each pair of slices in a new order): each runs alone at
 * full speed, and other work on the machine, which comes and goes within seconds, falls on both
 * alike. The ratio of each pair of slices, CPU per request above all, is the one to read for a change.
 */
import autocannon from "autocannon";
import { figure, type Figure } from "./lib/report.js";
import { launch, startServerProcess, type Launch, type ServerProcess } from "./lib/server-process.js";
import { median, percentile, shuffler, spread } from "./lib/stats.js";
import { CYCLE, Failures, testSuiteRequests, type Checks } from "./lib/test-suite-load.js";
import { treeCpuMs } from "./lib/process-tree.js";
import type { Tree } from "./lib/trees.js";

export interface LoadRuns {
  rounds: number;
  /** With a baseline: pairs of slices per round, and the seconds of each slice. */
  slices: number;
  sliceSeconds: number;
  /** Seconds of measured load per server and round, after `warmSeconds` of the same load. */
  seconds: number;
  warmSeconds: number;
  connections: number;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuUsPerRequest: number;
  requests: number;
}

async function loadOnce(server: ServerProcess, checks: Checks, seconds: number, connections: number): Promise<Sample> {
  const failures = new Failures();
  const cpu = treeCpuMs(server.pid);
  const result = await autocannon({ url: server.url, connections, duration: seconds, timeout: 10, requests: testSuiteRequests(checks, failures) });
  const cpuMs = treeCpuMs(server.pid) - cpu;
  if (failures.count > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${server.name}: ${failures.count} wrong answers of ${result.requests.total}, ${result.errors} errors, ${result.timeouts} timeouts; ${failures.first.join("; ")}`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuUsPerRequest: (cpuMs * 1000) / result.requests.total, requests: result.requests.total };
}

export async function benchLoad(runs: LoadRuns, trees: Tree[], log: (line: string) => void) {
  const targets: { launch: Launch; checks: Checks }[] = [
    { launch: launch.mock(trees[0]!), checks: "jobs" },
    { launch: launch.prism(), checks: "examples" },
    { launch: launch.bare(), checks: "status" },
  ];
  const samples = new Map<string, Sample[]>(targets.map((t) => [t.launch.name, []]));
  const inTurn = trees.map((tree) => `${launch.mock(tree).name}, in turn`);
  if (trees.length > 1) for (const name of inTurn) samples.set(name, []);
  const shuffled = shuffler(26);
  for (let round = 0; round < runs.rounds; round++) {
    for (const target of shuffled(targets)) {
      const server = await startServerProcess(target.launch);
      try {
        await loadOnce(server, target.checks, runs.warmSeconds, runs.connections);
        samples.get(server.name)!.push(await loadOnce(server, target.checks, runs.seconds, runs.connections));
      } finally {
        await server.stop();
      }
    }
    if (trees.length > 1) {
      const servers = await Promise.all(trees.map((tree) => startServerProcess(launch.mock(tree))));
      try {
        for (const server of servers) await loadOnce(server, "jobs", runs.warmSeconds, runs.connections);
        for (let slice = 0; slice < runs.slices; slice++) {
          for (const i of shuffled(servers.map((_, i) => i))) samples.get(inTurn[i]!)!.push(await loadOnce(servers[i]!, "jobs", runs.sliceSeconds, runs.connections));
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    }
    log(`load: round ${round + 1}/${runs.rounds}: ${[...samples].map(([name, list]) => `${name} ${list.at(-1)!.rps.toFixed(0)} req/s, p99 ${list.at(-1)!.p99} ms, ${list.at(-1)!.cpuUsPerRequest.toFixed(0)} µs CPU`).join("; ")}`);
  }

  const of = (name: string, measure: keyof Sample) => samples.get(name)!.map((s) => s[measure]);
  const perRound = (a: string, b: string, measure: keyof Sample) => of(a, measure).map((x, i) => x / of(b, measure)[i]!);
  const { rounds, seconds, connections } = runs;
  const shape = `${connections} connections, ${seconds} s per round after ${runs.warmSeconds} s of warm-up, fresh processes; ${CYCLE.invalid} request in ${CYCLE.requests} invalid`;
  const ours = launch.mock(trees[0]!).name;
  const figures: Figure[] = [...samples.keys()].map((name) =>
    figure({
      section: "load",
      name: `${name}: req/s`,
      value: median(of(name, "rps")),
      unit: "req/s",
      runs: rounds,
      note: `p50 ${median(of(name, "p50"))} ms, p99 ${median(of(name, "p99"))} ms; CPU ${median(of(name, "cpuUsPerRequest")).toFixed(0)} µs per request`,
    }),
  );
  const ratio = (name: string, a: string, b: string, measure: keyof Sample, target?: { kind: "max" | "min"; value: number }) => {
    const each = perRound(a, b, measure);
    return figure({ section: "load", name, value: median(each), unit: "×", runs: rounds, ...(target && { target }), note: `median of the rounds' ratios (${spread(each)})` });
  };
  figures.push(
    ratio("our mock ÷ Prism CLI, req/s", ours, "Prism CLI", "rps", { kind: "min", value: 1.5 }),
    ratio("our mock ÷ Prism CLI, p99 latency", ours, "Prism CLI", "p99", { kind: "max", value: 1 }),
    ratio("our mock ÷ bare node:http, req/s", ours, "bare node:http", "rps"),
  );
  for (const [i, tree] of trees.entries()) {
    if (i === 0) continue;
    const pairs = `${runs.slices} pairs of ${runs.sliceSeconds} s slices per round`;
    for (const [measure, what] of [["cpuUsPerRequest", "CPU per request"], ["rps", "req/s"], ["p99", "p99 latency"]] as const) {
      const each = perRound(inTurn[0]!, inTurn[i]!, measure);
      figures.push(figure({ section: "load", name: `our mock ÷ ${tree.name} (${tree.label}), ${what}, in turn`, value: median(each), unit: "×", runs: rounds, note: `median of ${each.length} paired slices (middle half ${percentile(each, 25).toFixed(2)}–${percentile(each, 75).toFixed(2)}); ${pairs}` }));
    }
  }
  figures[0]!.note = `${figures[0]!.note}; ${shape}`;
  return { figures, details: Object.fromEntries(samples) };
}
