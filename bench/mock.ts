/**
 * Mock: requests per second and latency of the mock (`npm run mock`: Prism behind the
 * provider-error server) for a valid and an invalid RetryEngine request, against the bare node:http
 * server as reference. autocannon, in this process, loads each server (its own process) on
 * 127.0.0.1 for a fixed time with a fixed number of connections.
 */
import autocannon, { type Result } from "autocannon";
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

interface Load {
  name: string;
  server: ServerProcess;
  body: string;
  /** The status every answer must have: a benchmark of wrong answers measures nothing. */
  status: 200 | 400;
}

async function load(target: Load, seconds: number, connections: number): Promise<Result> {
  const result = await autocannon({
    url: `${target.server.url}${RETRY_ENGINE_PATH}`,
    method: "PUT",
    headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN },
    body: target.body,
    connections,
    duration: seconds,
    timeout: 10,
  });
  const answered = target.status === 200 ? result["2xx"] : result["4xx"];
  if (result.errors > 0 || result.timeouts > 0 || answered !== result.requests.total) {
    throw new Error(
      `${target.name}: ${result.requests.total} requests, ${answered} answered ${target.status}, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result;
}

export async function benchMock({ runs, seconds, connections }: MockRuns, log: (line: string) => void) {
  const bare = await startServerProcess("bench/lib/bare-server.ts");
  const mock = await startServerProcess("scripts/mock.ts", { PORT: "0" });
  const targets: Load[] = [
    { name: "mock, valid request", server: mock, body: VALID_BODY, status: 200 },
    { name: "mock, invalid request", server: mock, body: INVALID_BODY, status: 400 },
    { name: "bare node server", server: bare, body: VALID_BODY, status: 200 },
  ];
  const results = new Map<string, Result[]>(targets.map((t) => [t.name, []]));
  try {
    for (const target of targets) await load(target, 1, connections); // warm-up
    for (let run = 0; run < runs; run++) {
      for (const target of targets) {
        const result = await load(target, seconds, connections);
        results.get(target.name)!.push(result);
        log(`mock: run ${run + 1}/${runs}: ${target.name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
      }
    }
  } finally {
    await Promise.all([mock.stop(), bare.stop()]);
  }

  const figures: Figure[] = [];
  for (const target of targets) {
    const list = results.get(target.name)!;
    const reference = target.server === bare;
    const rps = median(list.map((r) => r.requests.average));
    figures.push(
      figure({
        section: "mock",
        name: `${target.name}: req/s`,
        value: rps,
        unit: "req/s",
        runs,
        ...(reference ? {} : { target: { kind: "min" as const, value: 1300 } }),
        note: `${connections} connections, ${seconds} s per run${reference ? "" : `; answers ${target.status}`}`,
      }),
      figure({
        section: "mock",
        name: `${target.name}: p50 latency`,
        value: median(list.map((r) => r.latency.p50)),
        unit: "ms",
        runs,
        note: "autocannon counts whole ms (0 = under 1 ms)",
      }),
      figure({
        section: "mock",
        name: `${target.name}: p99 latency`,
        value: median(list.map((r) => r.latency.p99)),
        unit: "ms",
        runs,
        ...(reference ? {} : { target: { kind: "max" as const, value: 20 } }),
      }),
    );
  }
  const details = Object.fromEntries(
    [...results].map(([name, list]) => [
      name,
      list.map((r) => ({ requestsPerSecond: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99 })),
    ]),
  );
  return { figures, details };
}
