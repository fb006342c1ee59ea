/**
 * Scale: the same build (`npm run build` on wireit, from clean each time) on synthetic APIs of 9, 54 and 504 operations (multiples of our 9 path files) shaped
 * like ours (bench/synthetic-api.ts), with the peak memory of its processes.
 */
import { join } from "node:path";
import { attempt, peakByStep, REPO, SCRATCH, withRssProbe, type RssRecord } from "./lib/command.js";
import { figure, type Figure } from "./lib/report.js";
import { median, repeat } from "./lib/stats.js";
import { writeSyntheticApi } from "./synthetic-api.js";

/** Operations of each synthetic API, and how many builds of it to take the median of. */
export type ScaleRuns = Record<number, number>;

interface Size {
  operations: number;
  ms: number[];
  /** The failing step and the first lines of its output, when a build failed. */
  failure?: string;
  peakMiB: number;
  peakStep: string;
  peakRssMiBByStep: Record<string, number>;
}

async function buildSize(operations: number, runs: number, log: (line: string) => void): Promise<Size> {
  const dir = join(SCRATCH, `scale-${operations}`);
  await writeSyntheticApi(REPO, dir, operations);
  const ms: number[] = [];
  const rss: RssRecord[] = [];
  let failure: string | undefined;
  await repeat(runs, async (i) => {
    if (failure) return;
    const { value, rss: records } = await withRssProbe(`scale-${operations}-${i}`, (env) =>
      attempt(`rm -rf .wireit node_modules/.cache && npm run build`, dir, { ...env, WIREIT_CACHE: "none", WIREIT_LOGGER: "simple" }),
    );
    rss.push(...records);
    ms.push(value.ms);
    if (value.exit !== 0) failure = failureOf(value.output.replaceAll(`${dir}/`, ""));
    log(`scale: ${operations} operations, run ${i + 1}/${runs}: ${(value.ms / 1000).toFixed(2)} s${failure ? ` FAILED: ${failure}` : ""}`);
  });
  const peaks = peakByStep(rss);
  const [peakStep, peakMiB] = Object.entries(peaks).reduce((a, b) => (b[1] > a[1] ? b : a), ["", 0]);
  return { operations, ms, ...(failure ? { failure } : {}), peakMiB, peakStep, peakRssMiBByStep: peaks };
}

/** "lint:spectral: <first error line>" from wireit's failure output ("❌ [script] ..."). */
function failureOf(output: string): string {
  const lines = output.split("\n");
  const at = lines.findIndex((line) => /^❌ \[/.test(line));
  const step = /^❌ \[([^\]]+)\]/.exec(lines[at] ?? "")?.[1] ?? "unknown step";
  const first = lines
    .slice(at + 1)
    .filter((line) => line.trim() !== "")
    .slice(0, 2)
    .join(" ");
  return `${step}: ${first.replace(/\s+/g, " ").trim().slice(0, 140)}`;
}

export async function benchScale(runs: ScaleRuns, log: (line: string) => void) {
  const sizes: Size[] = [];
  for (const [operations, count] of Object.entries(runs)) sizes.push(await buildSize(Number(operations), count, log));

  const figures: Figure[] = [];
  for (const size of sizes) {
    const largest = size.operations === Math.max(...sizes.map((s) => s.operations));
    figures.push(
      figure({
        section: "scale",
        name: `build, ${size.operations} operations`,
        value: median(size.ms) / 1000,
        unit: "s",
        runs: size.ms.length,
        ...(largest ? { target: { kind: "max" as const, value: 30 } } : {}),
        ...(size.failure ? { note: `FAILED at ${size.failure}` } : {}),
      }),
      figure({
        section: "scale",
        name: `peak memory, ${size.operations} operations`,
        value: size.peakMiB,
        unit: "MiB",
        runs: size.ms.length,
        note: `largest process: ${size.peakStep}`,
      }),
    );
    // A failed build is not a time: the target cannot be met by failing early.
    const time = figures.at(-2)!;
    if (size.failure && time.target) time.met = false;
  }
  const [small, middle, large] = sizes;
  if (small && middle && large) {
    // Linear growth: the extra time per extra operation is the same from 50 to 500 as from 5 to 50.
    const perOp = (a: Size, b: Size) => (median(b.ms) - median(a.ms)) / (b.operations - a.operations);
    figures.push(
      figure({
        section: "scale",
        name: `ms per added operation, ${middle.operations}→${large.operations} vs ${small.operations}→${middle.operations}`,
        value: perOp(middle, large) / perOp(small, middle),
        unit: "×",
        runs: Math.min(middle.ms.length, large.ms.length),
        note: `${perOp(small, middle).toFixed(0)} then ${perOp(middle, large).toFixed(0)} ms/op; 1× is linear`,
      }),
    );
  }
  return { figures, details: { sizes } };
}
