/**
 * (c) The client per call: RetryEngine sent one call after another to a bare node:http server on
 * 127.0.0.1 (its own process, keep-alive) by raw `fetch` (the limit of a fetch-based client), by our
 * client with a token and with AK/SK, and by the official SDK core (`HcClient`, AK/SK: the peer).
 * The client runs as a user's Node process runs it: `src/index.ts` compiled by esbuild into one ES
 * module, openapi-fetch left as an import (with BENCH_BASELINE, the baseline's client beside it).
 * Calls come in slices of 100 per caller, the callers in a new order each slice, so a burst of
 * other load falls on every caller alike; a ratio is the median of the slice-by-slice ratios.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { SCRATCH } from "./lib/command.js";
import { figure, type Figure } from "./lib/report.js";
import { ACCESS_KEY, ENGINE_ID, PROJECT_ID, RETRY_ENGINE_PATH, SECRET_KEY, TOKEN, VALID_BODY } from "./lib/requests.js";
import { sdkRetryEngine } from "./lib/sdk-peer.js";
import { launch, startServerProcess } from "./lib/server-process.js";
import { median, percentile, shuffler } from "./lib/stats.js";
import type { Tree } from "./lib/trees.js";

export interface ClientRuns {
  rounds: number;
  /** Calls per caller and round, in slices of SLICE. */
  calls: number;
}

type ClientModule = typeof import("../src/index.js");
type Call = () => Promise<unknown>;

/** Calls per slice (~0.1 s): far shorter than the bursts of load other processes bring. */
const SLICE = 100;
/**
 * Rounds run as measured ones but not kept. After 500 calls each, the official core's first round
 * still cost 1.3-1.5× its later ones (JIT), ours 1.1-1.2×.
 */
const WARM_UP_ROUNDS = 2;

/** The tree's client compiled as users' bundlers and Node see it, and loaded. */
async function clientOf(tree: Tree): Promise<ClientModule> {
  const outfile = join(SCRATCH, "client-builds", `${tree.name}.mjs`);
  await build({ entryPoints: [join(tree.root, "src", "index.ts")], outfile, bundle: true, packages: "external", format: "esm", platform: "node", target: "es2022", logLevel: "silent" });
  return (await import(`${pathToFileURL(outfile).href}?${Date.now()}`)) as ClientModule;
}

/** Our client's RetryEngine with `auth`; it must give the job ID. */
function ours(client: ClientModule, baseUrl: string, auth: { token: string } | { accessKey: string; secretKey: string }): Call {
  const cse = client.createCseClient({ baseUrl, projectId: PROJECT_ID, auth });
  return async () => {
    const { job } = await cse.retryEngine({ engineId: ENGINE_ID });
    if (job.jobId !== "18638") throw new Error(`retryEngine gave job ${job.jobId}`);
  };
}

async function callers(baseUrl: string, trees: Tree[]): Promise<Record<string, Call>> {
  const sdk = sdkRetryEngine(baseUrl, ACCESS_KEY, SECRET_KEY);
  const calls: Record<string, Call> = {
    // What the client sends, by hand: same method, URL, headers and body.
    "raw fetch": async () => {
      const response = await fetch(`${baseUrl}${RETRY_ENGINE_PATH}`, { method: "PUT", headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN }, body: VALID_BODY });
      if (!response.ok) throw new Error(`bare server answered ${response.status}`);
      return JSON.parse(await response.text()) as unknown;
    },
    "official SDK core, AK/SK": async () => {
      const body = await sdk();
      if (body["httpStatusCode"] !== 200 || body["jobId"] !== 18638) throw new Error("SDK: unexpected answer");
    },
  };
  for (const tree of trees) {
    const client = await clientOf(tree);
    calls[`${tree.name}: client, token`] = ours(client, baseUrl, { token: TOKEN });
    calls[`${tree.name}: client, AK/SK`] = ours(client, baseUrl, { accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
  }
  return calls;
}

/** Microseconds per call, wall and this process's CPU (the server has its own), of `calls` calls one after another. */
async function slice(calls: number, call: Call): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call();
  const { user, system } = process.cpuUsage(cpu);
  return { wall: ((performance.now() - start) * 1000) / calls, cpu: (user + system) / calls };
}

export async function benchClient({ rounds, calls }: ClientRuns, trees: Tree[], log: (line: string) => void) {
  const server = await startServerProcess(launch.bare());
  const slices: Record<string, { wall: number; cpu: number }[]> = {};
  try {
    const call = await callers(server.url, trees);
    const kinds = Object.keys(call);
    for (const kind of kinds) await slice(500, call[kind]!);
    const shuffled = shuffler(14);
    for (let round = -WARM_UP_ROUNDS; round < rounds; round++) {
      for (let s = 0; s < calls / SLICE; s++) {
        for (const kind of shuffled(kinds)) {
          const measured = await slice(SLICE, call[kind]!);
          if (round >= 0) (slices[kind] ??= []).push(measured);
        }
      }
      if (round >= 0) log(`client: round ${round + 1}/${rounds}: ${kinds.map((k) => `${k} ${median(slices[k]!.map((x) => x.wall)).toFixed(0)} µs`).join(", ")}`);
    }
  } finally {
    await server.stop();
  }

  const runs = rounds;
  const us = (kind: string) => median(slices[kind]!.map((x) => x.wall));
  const ratio = (name: string, a: string, b: string, measure: "wall" | "cpu", target?: { kind: "max" | "min"; value: number }) => {
    const each = slices[a]!.map((x, i) => x[measure] / slices[b]![i]![measure]);
    return figure({ section: "client", name, value: median(each), unit: "×", runs, ...(target && { target }), note: `median of ${each.length} paired slices of ${SLICE} calls (middle half ${percentile(each, 25).toFixed(2)}–${percentile(each, 75).toFixed(2)})` });
  };
  const figures: Figure[] = Object.keys(slices).map((kind) =>
    figure({ section: "client", name: `${kind}: per call`, value: us(kind), unit: "µs", runs, note: `CPU ${median(slices[kind]!.map((x) => x.cpu)).toFixed(0)} µs; ${calls} calls per round` }),
  );
  figures.push(
    ratio("our client, AK/SK ÷ official SDK core", "ours: client, AK/SK", "official SDK core, AK/SK", "wall", { kind: "max", value: 1 }),
    ratio("our client, AK/SK ÷ official SDK core, CPU", "ours: client, AK/SK", "official SDK core, AK/SK", "cpu"),
    ratio("our client, token ÷ raw fetch", "ours: client, token", "raw fetch", "wall"),
  );
  for (const tree of trees.slice(1)) {
    figures.push(
      ratio(`our client, AK/SK ÷ ${tree.name} (${tree.label})`, "ours: client, AK/SK", `${tree.name}: client, AK/SK`, "wall"),
      ratio(`our client, AK/SK ÷ ${tree.name}, CPU`, "ours: client, AK/SK", `${tree.name}: client, AK/SK`, "cpu"),
      ratio(`our client, token ÷ ${tree.name}`, "ours: client, token", `${tree.name}: client, token`, "wall"),
    );
  }
  return { figures, details: slices };
}
