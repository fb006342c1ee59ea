/**
 * `npm run diff`: the breaking-change gate. Compares every bundle in generated/ (the combined one
 * and each service's) with the same bundle at the last release (scripts/diff/released.ts), lists
 * every change per operation with its rule ID, level and location (scripts/diff/compare.ts), and
 * fails when a breaking change is not released as one and named (scripts/diff/gate.ts).
 * docs/releases.md explains the rules, the reports and the changelog entry.
 *
 * Usage: tsx scripts/diff.ts [--base <git ref>] [--root <repository>] [--json | --markdown]
 *   Run `npm run build` first: it reads generated/. --root: another repository laid out like this one.
 *   Exit code: 0 passes, 1 fails, 2 cannot compare (no release in the history, a bad argument or bundle).
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DiffInputError } from "./diff/change.js";
import { compareBundles, type BundlePair } from "./diff/compare.js";
import { OpenApiDocument } from "./diff/document.js";
import { cut, visible } from "./diff/escape.js";
import { gate, SEMVER } from "./diff/gate.js";
import { fileAt, lastRelease } from "./diff/released.js";
import { jsonReport, markdownReport, textReport, type GateReport } from "./diff/report.js";

/** The bundles compared: the combined one and each service's. */
const BUNDLES = /^(openapi|[a-z0-9-]+\.openapi)\.json$/;

/** Where `diff` writes: standard output and standard error by default. */
export interface DiffLog {
  out(text: string): void;
  err(text: string): void;
}

const CONSOLE: DiffLog = { out: (text) => console.log(text), err: (text) => console.error(text) };

interface Options {
  root: string;
  base?: string;
  format: "text" | "json" | "markdown";
}

function options(args: string[]): Options {
  const parsed: Options = { root: fileURLToPath(new URL("..", import.meta.url)), format: "text" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json" || arg === "--markdown") {
      if (parsed.format !== "text") throw new DiffInputError("--json and --markdown: pick one");
      parsed.format = arg === "--json" ? "json" : "markdown";
    } else if (arg === "--base" || arg === "--root") {
      const value = args[++i];
      if (value === undefined || value === "" || value.startsWith("-")) throw new DiffInputError(`${arg} needs a value`);
      if (arg === "--base") parsed.base = value;
      else parsed.root = value;
    } else throw new DiffInputError(`unknown argument ${JSON.stringify(arg)}; usage: npm run diff -- [--base <git ref>] [--json | --markdown]`);
  }
  return parsed;
}

/** package.json's version: the version the next release gets, checked before it decides anything. */
async function packageVersion(root: string): Promise<string> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  } catch (error) {
    throw new DiffInputError(`package.json: not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const version = (manifest as { version?: unknown } | null)?.version;
  if (typeof version !== "string" || !SEMVER.test(version)) throw new DiffInputError(`package.json: "version" must be a semver version such as 0.2.0, not ${cut(JSON.stringify(version) ?? "missing", 80)}`);
  return version;
}

/** What `npm run diff` found: the report its three forms print. */
export async function check(opts: Omit<Options, "format">): Promise<GateReport> {
  const { root } = opts;
  const release = await lastRelease(root, opts.base);
  const version = await packageVersion(root);
  const now = existsSync(join(root, "generated")) ? (await readdir(join(root, "generated"))).filter((f) => BUNDLES.test(f)) : [];
  if (!now.includes("openapi.json")) throw new DiffInputError("generated/openapi.json is missing: run `npm run build` first");
  const then = ((await fileAt(root, release.commit, "generated/")) ?? "").split("\n").filter((f) => BUNDLES.test(f));
  const pairs: BundlePair[] = [];
  for (const name of [...new Set([...then, ...now])].sort()) {
    const file = `generated/${name}`;
    const before = then.includes(name) ? await fileAt(root, release.commit, file) : undefined;
    pairs.push({
      file,
      before: before === undefined ? undefined : OpenApiDocument.parse(before, `${file} at ${release.ref}`),
      after: now.includes(name) ? OpenApiDocument.parse(await readFile(join(root, file), "utf8"), file) : undefined,
    });
  }
  const changes = compareBundles(pairs);
  const changelog = await readFile(join(root, "CHANGELOG.md"), "utf8").catch((error: unknown) => {
    throw new DiffInputError(`CHANGELOG.md: not readable (${error instanceof Error ? error.message : String(error)}); the gate reads its entries there`);
  });
  const verdict = gate({ changes, released: release.version, version, changelog });
  return { base: { ref: release.ref, commit: release.commit, version: release.version, how: release.how }, version, bundles: pairs.map((p) => p.file), changes, ok: verdict.ok, problems: verdict.problems };
}

/**
 * `npm run diff` with these arguments: resolves with its exit code, 0 (no breaking change, or each
 * one released and named), 1 (the gate fails) or 2 (it cannot compare).
 */
export async function diff(args: string[], log: DiffLog = CONSOLE): Promise<number> {
  try {
    const opts = options(args);
    const report = await check(opts);
    if (opts.format === "json") log.out(jsonReport(report));
    else if (opts.format === "markdown") log.out(markdownReport(report));
    else {
      const { out, err } = textReport(report);
      log.out(out.join("\n"));
      if (err.length) log.err(err.join("\n"));
    }
    return report.ok ? 0 : 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.err(message.split("\n").map(visible).join("\n"));
    return 2;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await diff(process.argv.slice(2));
}
