/**
 * The breaking-change gate: `npm run diff` on our bundles and on the synthetic 504-operation API,
 * beside `npm run build` (cold, as CI runs it) on the same API in the same run; and the engines a
 * user could pick instead, on the gate's fixture corpus (test/diff/fixtures/corpus.yaml: breaking
 * changes caught, harmless ones flagged) and on the same bundles: api-smart-diff (a devDependency)
 * and, when BENCH_OPTIC names a directory where `@useoptic/optic` is installed (with its `ajv`
 * override, see docs/releases.md), Optic's breaking-changes ruleset, in process.
 *
 * Usage: npm run bench -- diff, or npx tsx bench/diff.ts   (about three minutes here, most of it the two cold builds)
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { apiCompare } from "api-smart-diff";
import { compareBundles } from "../scripts/diff/compare.js";
import { OpenApiDocument } from "../scripts/diff/document.js";
import { check } from "../scripts/diff.js";
import { loadCorpus, type Fixture } from "../test/diff/corpus.js";
import { REPO, run, attempt, SCRATCH } from "./lib/command.js";
import { machine } from "./lib/machine.js";
import { figure, table, type Figure } from "./lib/report.js";
import { median, repeat } from "./lib/stats.js";
import { writeSyntheticApi } from "./synthetic-api.js";

export interface DiffRuns {
  /** Runs each time is the median of; cold builds take one run each (they take tens of seconds). */
  runs: number;
  operations: number;
}

type Doc = Record<string, unknown>;

/** An engine: does it call the change from `before` to `after` breaking? */
interface Engine {
  name: string;
  breaking(before: Doc, after: Doc, file: string): Promise<boolean>;
}

const ours: Engine = {
  name: "this gate",
  breaking: async (before, after, file) => compareBundles([{ file, before: new OpenApiDocument(before, file), after: new OpenApiDocument(after, file) }]).some((c) => c.level === "error"),
};

const apiSmartDiff: Engine = {
  name: "api-smart-diff 1.0.6",
  // It changes its arguments (path-level servers and parameters move into the operations).
  breaking: async (before, after) => (apiCompare(structuredClone(before), structuredClone(after)) as { diffs: { type: string }[] }).diffs.some((d) => d.type === "breaking"),
};

/** Optic's breaking-changes ruleset, as `optic diff --check` runs it, loaded from the directory it is installed in. */
async function optic(dir: string): Promise<Engine> {
  const load = createRequire(join(dir, "package.json"));
  process.env.OPTIC_TELEMETRY_LEVEL = "off";
  const { parseOpenAPIWithSourcemap } = load("@useoptic/openapi-io");
  const { compareSpecs } = load("@useoptic/openapi-utilities");
  const { RuleRunner, prepareRulesets } = load("@useoptic/rulesets-base");
  const { StandardRulesets } = load("@useoptic/standard-rulesets");
  const { rulesets } = await prepareRulesets({ ruleset: [{ name: "breaking-changes", config: {} }], localRulesets: {}, standardRulesets: StandardRulesets, hostedRulesets: {} }, { client: {}, specVersion: "3.1.x" });
  const runner = new RuleRunner(rulesets);
  const files = join(SCRATCH, "diff-optic");
  await mkdir(files, { recursive: true });
  const version = JSON.parse(await readFile(join(dir, "node_modules/@useoptic/optic/package.json"), "utf8")).version;
  return {
    name: `Optic ${version}`,
    async breaking(before, after) {
      // Optic reads files (for its source maps).
      await writeFile(join(files, "before.json"), JSON.stringify(before));
      await writeFile(join(files, "after.json"), JSON.stringify(after));
      const from = { ...(await parseOpenAPIWithSourcemap(join(files, "before.json"))), isEmptySpec: false };
      const to = { ...(await parseOpenAPIWithSourcemap(join(files, "after.json"))), isEmptySpec: false };
      const { results } = await compareSpecs(from, to, runner, {});
      return results.some((r: { passed: boolean; exempted?: boolean; severity: number }) => !r.passed && !r.exempted && r.severity >= 2);
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** What an engine makes of the corpus: breaking fixtures it fails, harmless ones it fails, and its time per fixture. */
async function corpus(engine: Engine, fixtures: Fixture[], oasdiff: Set<string>) {
  let caught = 0;
  let alarms = 0;
  const rules = new Set<string>();
  const missed: string[] = [];
  const { ms } = await timed(async () => {
    for (const f of fixtures) {
      if (f.kind === "warning" || !f.after) continue;
      const flagged = await engine.breaking(f.before, f.after, f.file).catch(() => false);
      if (f.kind === "quiet") alarms += flagged ? 1 : 0;
      else if (flagged) (caught++, oasdiff.has(f.name) && rules.add(f.name));
      else missed.push(f.name);
    }
  });
  return { caught, caughtOasdiff: rules.size, alarms, missed, msPerFixture: ms / fixtures.filter((f) => f.kind !== "warning" && f.after).length };
}

const COLD = { WIREIT_LOGGER: "simple", WIREIT_CACHE: "none" };

/** One change that breaks clients and one that does not, in a bundle: what a pull request brings. */
function edited(bundle: Doc): Doc {
  const after = structuredClone(bundle) as { components: { schemas: Record<string, Record<string, unknown> & { properties?: Record<string, unknown> }> } };
  after.components.schemas.CseJobId!.type = "string";
  after.components.schemas.EngineJob!.properties!.engineVersion = { type: "string" };
  return after;
}

export async function benchDiff({ runs, operations }: DiffRuns, log: (line: string) => void, opticDir = process.env.BENCH_OPTIC) {
  const figures: Figure[] = [];
  const fixtures = loadCorpus();
  const tsv = await readFile(join(REPO, "test/diff/fixtures/oasdiff-err-rules.tsv"), "utf8");
  const oasdiff = new Set(tsv.trim().split("\n").slice(1).map((line) => line.split("\t")[0]!));
  const engines = [ours, apiSmartDiff, ...(opticDir ? [await optic(opticDir)] : [])];
  const breaking = fixtures.filter((f) => f.kind === "breaking" && f.after).length;
  const quiet = fixtures.filter((f) => f.kind === "quiet").length;
  const details: Record<string, unknown> = {};

  for (const engine of engines) {
    const result = await corpus(engine, fixtures, oasdiff);
    log(`corpus: ${engine.name}: ${result.caught}/${breaking} caught, ${result.alarms}/${quiet} false alarms, ${result.msPerFixture.toFixed(0)} ms per fixture`);
    details[`corpus ${engine.name}`] = result;
    figures.push(
      figure({ section: "diff", name: `${engine.name}: breaking fixtures caught`, value: result.caught / breaking, unit: "×", runs: 1, note: `${result.caught} of ${breaking}; oasdiff's error rules ${result.caughtOasdiff} of ${oasdiff.size}`, ...(engine === ours ? { target: { kind: "min" as const, value: 1 } } : {}) }),
      figure({ section: "diff", name: `${engine.name}: harmless fixtures failed`, value: result.alarms / quiet, unit: "×", runs: 1, note: `${result.alarms} of ${quiet}`, ...(engine === ours ? { target: { kind: "max" as const, value: 0 } } : {}) }),
    );
  }

  // Our API: the whole command against the last release, and the comparison alone, beside the cold build.
  const command = await repeat(runs, async () => (await attempt("npm run --silent diff", REPO)).ms);
  const inProcess = await repeat(runs, async () => (await timed(() => check({ root: REPO }))).ms);
  const bundle = JSON.parse(await readFile(join(REPO, "generated/openapi.json"), "utf8")) as Doc;
  // Each engine on one edit of a bundle: `runs` times, or fewer when they add up to half a minute (Optic on 504 operations).
  const perEngine = async (doc: Doc, file: string) => {
    const after = edited(doc);
    const times: Record<string, number[]> = {};
    for (const engine of engines) {
      const ms: number[] = [];
      while (ms.length < runs && ms.reduce((a, b) => a + b, 0) < 30_000) ms.push((await timed(() => engine.breaking(doc, after, file))).ms);
      times[engine.name] = ms;
    }
    return times;
  };
  const engineFigures = (times: Record<string, number[]>, what: string) =>
    engines.map((e) => figure({ section: "diff", name: `${e.name}: ${what}`, value: median(times[e.name]!), unit: "ms", runs: times[e.name]!.length, note: "compare only, in process" }));
  const ourEngines = await perEngine(bundle, "generated/openapi.json");
  await run("rm -rf .wireit node_modules/.cache/tsc", REPO);
  const build = (await run("npm run build", REPO, COLD)).ms;
  log(`our API: npm run diff ${s(median(command))}, in process ${s(median(inProcess))}, cold build ${s(build)}`);
  figures.push(
    figure({ section: "diff", name: "npm run diff, our bundles", value: median(command) / 1000, unit: "s", runs, note: `in process ${s(median(inProcess))} (git, 4 bundles, the gate)` }),
    figure({ section: "diff", name: "npm run diff ÷ npm run build (cold), our API", value: median(command) / build, unit: "×", runs, target: { kind: "max", value: 0.1 }, note: `build ${s(build)}, one run` }),
    ...engineFigures(ourEngines, "one edit of the combined bundle"),
  );

  // The synthetic API: its cold build, then the command on a git repository of it with one edit.
  const dir = join(SCRATCH, `diff-${operations}`);
  await writeSyntheticApi(REPO, dir, operations);
  const syntheticBuild = (await run("npm run build", dir, COLD)).ms;
  await writeFile(join(dir, "CHANGELOG.md"), "# Changelog\n\n## 0.1.0\n\nFirst release.\n");
  await writeFile(join(dir, "package.json"), JSON.stringify({ ...JSON.parse(await readFile(join(dir, "package.json"), "utf8")), version: "0.1.0" }));
  const git = (args: string) => run(`git -c user.name=bench -c user.email=bench@example.test ${args}`, dir);
  await git("init -q");
  await git("add -A generated CHANGELOG.md package.json");
  await git("commit -qm release");
  const big = JSON.parse(await readFile(join(dir, "generated/openapi.json"), "utf8")) as Doc;
  await writeFile(join(dir, "generated/openapi.json"), JSON.stringify(edited(big)));
  const tsx = join(REPO, "node_modules/.bin/tsx");
  const script = fileURLToPath(new URL("../scripts/diff.ts", import.meta.url));
  const syntheticCommand = await repeat(runs, async () => (await attempt(`${tsx} ${script} --root ${dir}`, REPO)).ms);
  const bigEngines = await perEngine(big, "generated/openapi.json");
  log(`${operations} operations: npm run diff ${s(median(syntheticCommand))}, cold build ${s(syntheticBuild)}`);
  figures.push(
    figure({ section: "diff", name: `npm run diff, ${operations} operations`, value: median(syntheticCommand) / 1000, unit: "s", runs, note: "4 bundles, one edit (fails, as it should)" }),
    figure({ section: "diff", name: `npm run diff ÷ npm run build (cold), ${operations} operations`, value: median(syntheticCommand) / syntheticBuild, unit: "×", runs, target: { kind: "max", value: 0.1 }, note: `build ${s(syntheticBuild)}, one run` }),
    ...engineFigures(bigEngines, `one edit, ${operations} operations`),
  );
  await rm(dir, { recursive: true, force: true });
  details.times = { commandMs: command, inProcessMs: inProcess, buildMs: build, syntheticCommandMs: syntheticCommand, syntheticBuildMs: syntheticBuild, ourEngines, bigEngines };
  return { figures, details };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = machine();
  const { figures } = await benchDiff({ runs: 5, operations: 504 }, (line) => console.error(`[bench] ${line}`));
  console.log(`\n${table(figures)}\n`);
  console.log(`${before.cpu}, ${before.cores} cores, Node ${before.node}; load average ${before.loadAverage} → ${machine().loadAverage}`);
}
