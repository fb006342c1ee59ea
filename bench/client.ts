/**
 * Client: `cse.retryEngine` against a bare node:http server on 127.0.0.1 versus a raw `fetch` of the
 * same request and versus openapi-fetch alone (all through Node's fetch, undici, with its default
 * keep-alive pool); the cost of one AK/SK signature; the bundled size (esbuild, minified, gzip) of
 * the package versus openapi-fetch alone.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { paths } from "../generated/types/cse.js";
import { createCseClient } from "../src/index.js";
import { signRequest } from "../src/signer.js";
import { REPO } from "./lib/command.js";
import { figure, type Figure, type Target } from "./lib/report.js";
import { ENGINE_ID, PROJECT_ID, RETRY_ENGINE_PATH, TOKEN, VALID_BODY } from "./lib/requests.js";
import { startServerProcess } from "./lib/server-process.js";
import { median } from "./lib/stats.js";

export interface ClientRuns {
  runs: number;
  /** Calls per run, one after another. */
  calls: number;
  /** Signatures per run. */
  signatures: number;
}

type Call = () => Promise<unknown>;

/** Calls per second of `call`, made `calls` times one after another. */
async function callsPerSecond(calls: number, call: Call): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return calls / ((performance.now() - start) / 1000);
}

/** The same RetryEngine call three ways, against the server at `baseUrl`. */
function callers(baseUrl: string): Record<"client" | "raw" | "openapiFetch", Call> {
  const cse = createCseClient({ baseUrl, projectId: PROJECT_ID, auth: { token: TOKEN } });
  const bare = createClient<paths>({ baseUrl, headers: { "X-Auth-Token": TOKEN } });
  return {
    client: async () => {
      const { job } = await cse.retryEngine({ engineId: ENGINE_ID });
      if (job.jobId === undefined) throw new Error("retryEngine gave no job ID");
    },
    // What the client sends, by hand: same method, URL, headers and body.
    raw: async () => {
      const response = await fetch(`${baseUrl}${RETRY_ENGINE_PATH}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN },
        body: VALID_BODY,
      });
      if (!response.ok) throw new Error(`bare server answered ${response.status}`);
      return JSON.parse(await response.text()) as unknown;
    },
    // How much of the difference is openapi-fetch's own.
    openapiFetch: async () => {
      const { data } = await bare.PUT("/v2/{project_id}/enginemgr/engines/{engine_id}/actions", {
        params: { path: { project_id: PROJECT_ID, engine_id: ENGINE_ID } },
        body: { action: "Retry" },
      });
      if (data === undefined) throw new Error("openapi-fetch: no data");
    },
  };
}

async function measureCalls({ runs, calls }: ClientRuns, log: (line: string) => void) {
  const server = await startServerProcess("bench/lib/bare-server.ts");
  const rates = { client: [] as number[], raw: [] as number[], openapiFetch: [] as number[] };
  try {
    const call = callers(server.url);
    const kinds = Object.keys(rates) as (keyof typeof rates)[];
    // Warm-up (JIT, connection pool), then the runs, alternating so that drift hits all alike.
    for (const kind of kinds) await callsPerSecond(Math.min(calls, 500), call[kind]);
    for (let i = 0; i < runs; i++) {
      for (const kind of kinds) rates[kind].push(await callsPerSecond(calls, call[kind]));
      log(`client: run ${i + 1}/${runs}: ${kinds.map((kind) => `${kind} ${rates[kind].at(-1)!.toFixed(0)}/s`).join(", ")}`);
    }
  } finally {
    await server.stop();
  }
  return rates;
}

/** Microseconds per signature: each timed on its own; the median of each run. */
async function measureSigning({ runs, signatures }: ClientRuns): Promise<number[]> {
  const credentials = { accessKey: "BENCHACCESSKEY0000000", secretKey: "bench-secret-key-not-a-real-one-0000000" };
  const request = {
    method: "PUT",
    url: `https://cse.cn-north-4.myhuaweicloud.com${RETRY_ENGINE_PATH}`,
    headers: { "Content-Type": "application/json" },
    body: VALID_BODY,
  };
  for (let i = 0; i < 200; i++) await signRequest(request, credentials);
  const medians: number[] = [];
  for (let run = 0; run < runs; run++) {
    const each: number[] = [];
    for (let i = 0; i < signatures; i++) {
      const start = performance.now();
      await signRequest(request, credentials);
      each.push((performance.now() - start) * 1000);
    }
    medians.push(median(each));
  }
  return medians;
}

/** Bytes of an ES module bundle of `contents`, minified, and gzipped (level 9). */
async function bundleSize(contents: string): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: REPO, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]!.contents;
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function benchClient(options: ClientRuns, log: (line: string) => void) {
  const rates = await measureCalls(options, log);
  const signing = await measureSigning(options);
  const ours = await bundleSize(`export * from "./src/index.ts";`);
  const alone = await bundleSize(`export * from "openapi-fetch"; export { default } from "openapi-fetch";`);

  const { runs, calls, signatures } = options;
  const row = (name: string, value: number, unit: string, extra: { runs?: number; target?: Target; note?: string } = {}) =>
    figure({ section: "client", name, value, unit, runs, ...extra });
  const [client, raw, openapiFetch] = [median(rates.client), median(rates.raw), median(rates.openapiFetch)];
  const figures: Figure[] = [
    row("retryEngine calls/s (bare server)", client, "calls/s", { note: `${calls} calls per run, one at a time` }),
    row("raw fetch calls/s (same request)", raw, "calls/s"),
    row("client time per call ÷ raw fetch", raw / client, "×", { target: { kind: "max", value: 1.1 } }),
    row("openapi-fetch alone: time per call ÷ raw fetch", raw / openapiFetch, "×", { note: `${openapiFetch.toFixed(0)} calls/s` }),
    row("AK/SK signature (signRequest)", median(signing), "µs", {
      target: { kind: "max", value: 50 },
      note: `median of ${signatures} per run`,
    }),
    row("package bundle, min + gzip", ours.gzip / 1024, "KiB", {
      runs: 1,
      target: { kind: "max", value: 8 },
      note: `${ours.minified} B minified, ${ours.gzip} B gzip; includes openapi-fetch`,
    }),
    row("openapi-fetch alone, min + gzip", alone.gzip / 1024, "KiB", {
      runs: 1,
      note: `${alone.minified} B minified, ${alone.gzip} B gzip`,
    }),
  ];
  return { figures, details: { callsPerSecond: rates, signatureMedianMicroseconds: signing, bundleBytes: { package: ours, openapiFetch: alone } } };
}
