/**
 * `npm run diff`: what changed in the API since the last release, per operation, breaking or not,
 * and whether the version and CHANGELOG.md allow it. Compares generated/openapi.json (every
 * operation, each path with its servers) with the same bundle at the last release
 * (scripts/diff/released.ts), and checks that no bundle of the release has gone.
 * Exits 1 when a breaking change lacks its version bump or changelog entry (scripts/diff/gate.ts).
 *
 * Usage: tsx scripts/diff.ts [--base <git ref>] [--root <repository>]
 *   Run `npm run build` first: it reads generated/. --root: another repository laid out like this one (the tests' fixtures).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareBundles, type Change } from "./diff/compare.js";
import { gate } from "./diff/gate.js";
import { fileAt, lastRelease } from "./diff/released.js";

const BUNDLE = "generated/openapi.json";

/** The changes as lines, grouped by operation, breaking ones first within each. */
export function report(changes: Change[]): string {
  const order = ["breaking", "unclassified", "deprecated", "non-breaking", "annotation"];
  const byOperation = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${change.operation}${change.where ? `  ${change.where}` : ""}`;
    byOperation.set(key, [...(byOperation.get(key) ?? []), change]);
  }
  const lines: string[] = [];
  for (const [operation, list] of [...byOperation].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(operation);
    for (const change of list.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))) {
      lines.push(`  ${change.type.padEnd(12)}  ${change.description}`);
    }
  }
  return lines.join("\n");
}

const option = (args: string[], name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

/** Where `diff` writes: standard output and standard error by default. */
export interface DiffLog {
  out(line: string): void;
  err(line: string): void;
}

const CONSOLE: DiffLog = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * `npm run diff` with these arguments: resolves with its exit code, 0 (no breaking change, or each
 * one released and named), 1 (the gate fails) or 2 (it cannot compare: no release, a shallow clone...).
 */
export async function diff(args: string[], log: DiffLog = CONSOLE): Promise<number> {
  try {
    return await compareWithRelease(args, log);
  } catch (error) {
    log.err(error instanceof Error ? error.message : String(error));
    return 2;
  }
}

async function compareWithRelease(args: string[], log: DiffLog): Promise<number> {
  const ROOT = option(args, "--root") ?? fileURLToPath(new URL("..", import.meta.url));
  const release = await lastRelease(ROOT, option(args, "--base"));
  const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string };
  log.out(`Comparing ${BUNDLE} with ${release.ref.slice(0, 12)} (${release.how}; version ${release.version}); package.json is ${version}.`);

  const before = JSON.parse((await fileAt(ROOT, release.commit, BUNDLE)) ?? '{"paths":{}}');
  const after = JSON.parse(await readFile(join(ROOT, BUNDLE), "utf8"));
  const changes = compareBundles(before, after);
  const released = (await fileAt(ROOT, release.commit, "generated/"))?.split("\n").filter((f) => f.endsWith(".openapi.json")) ?? [];
  for (const file of released.filter((f) => !existsSync(join(ROOT, "generated", f)))) {
    changes.push({ operation: "(whole API)", where: "", type: "breaking", action: "remove", pointer: "", subject: file, description: `bundle generated/${file} removed` });
  }

  log.out(changes.length ? `\n${report(changes)}\n` : "\nNo changes.\n");
  const count = (type: string) => changes.filter((c) => c.type === type).length;
  log.out(`${changes.length} change(s): ${count("breaking")} breaking, ${count("unclassified")} unclassified, ${count("non-breaking")} non-breaking, ${count("deprecated")} deprecated, ${count("annotation")} annotation.`);
  const result = gate({ changes, released: release.version, version, changelog: await readFile(join(ROOT, "CHANGELOG.md"), "utf8").catch(() => "") });
  for (const problem of result.problems) log.err(`✖ ${problem}`);
  if (result.ok) log.out(count("breaking") + count("unclassified") ? `Breaking changes are released as ${version} and named in CHANGELOG.md.` : "No breaking change.");
  return result.ok ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await diff(process.argv.slice(2));
}
