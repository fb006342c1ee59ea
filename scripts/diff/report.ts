/**
 * The gate's verdict in three forms: text for a terminal or a CI log, JSON for tools (`--json`),
 * Markdown for a pull-request comment (`--markdown`). Each lists the changes per operation, errors
 * first, each with its rule ID, level, subject and location. Everything taken from the spec is
 * escaped (escape.ts).
 */
import type { Change, Level } from "./change.js";
import { cut, markdownCode, markdownText } from "./escape.js";
import type { Problem } from "./gate.js";

export interface GateReport {
  /** The release compared against. */
  base: { ref: string; commit: string; version: string; how: string };
  /** package.json's version: the one the next release gets. */
  version: string;
  bundles: string[];
  changes: Change[];
  ok: boolean;
  problems: Problem[];
}

const LEVELS: Level[] = ["error", "warning", "info"];

/** The changes grouped by operation (document-level changes last, per bundle), errors first in each. */
export function byOperation(changes: Change[]): { operation: string; where: string; changes: Change[] }[] {
  const groups = new Map<string, { operation: string; where: string; changes: Change[] }>();
  for (const change of changes) {
    const key = `${change.operation ? 0 : 1}${change.operation}\u0000${change.where}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { operation: change.operation, where: change.where, changes: [] }));
    group.changes.push(change);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({ ...group, changes: group.changes.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level)) }));
}

export function counts(changes: Change[]): Record<Level, number> {
  return { error: changes.filter((c) => c.level === "error").length, warning: changes.filter((c) => c.level === "warning").length, info: changes.filter((c) => c.level === "info").length };
}

const summary = (changes: Change[]) => {
  const n = counts(changes);
  return `${changes.length} change(s): ${n.error} breaking (error), ${n.warning} warning, ${n.info} info.`;
};

const ENTRY_HINT = "An entry names a breaking change with its operationId, rule ID and subject as inline code, for example\n  - `RetryEngine`: `response-property-type-changed` `jobId`: the job ID is a string now.\n(docs/releases.md, \"The changelog entry\")";

/** Lines for a terminal or a CI log: the changes (standard output) and, when it fails, why (standard error). */
export function textReport(report: GateReport): { out: string[]; err: string[] } {
  const base = `${cut(report.base.ref, 60)} (${cut(report.base.how, 200)}; version ${cut(report.base.version, 40)})`;
  const out = [`Comparing ${report.bundles.join(", ")} with ${base}; package.json is ${cut(report.version, 40)}.`, ""];
  if (!report.changes.length) out.push("No changes.", "");
  for (const group of byOperation(report.changes)) {
    out.push(group.operation ? `${cut(group.operation)}  ${cut(group.where, 300)}` : `(document) ${cut(group.where)}`);
    for (const change of group.changes) {
      out.push(`  ${change.level.padEnd(7)}  ${change.id}  ${cut(change.subject)}  ${cut(change.location, 300) || "(whole)"}`);
      out.push(`           ${cut(change.text, 400)}`);
    }
  }
  out.push("", summary(report.changes));
  if (report.ok) {
    out.push(counts(report.changes).error ? `Breaking changes are released as ${cut(report.version, 40)} and named.` : "No breaking change.");
    return { out, err: [] };
  }
  return { out, err: [...report.problems.map((problem) => `✖ ${cut(problem.message, 600)}`), ...ENTRY_HINT.split("\n")] };
}

/** The report as JSON (`--json`): one object, stable field names, for CI tools. */
export function jsonReport(report: GateReport): string {
  return JSON.stringify({ schemaVersion: 1, ok: report.ok, base: report.base, version: report.version, bundles: report.bundles, counts: counts(report.changes), problems: report.problems, changes: report.changes }, null, 2);
}

/** A GitHub pull-request comment can hold 65,536 characters: the list of info changes stops well before. */
const MAX_INFO = 100;

/** The report as Markdown for a pull-request comment (`--markdown`). */
export function markdownReport(report: GateReport): string {
  const n = counts(report.changes);
  const out: string[] = [
    `### Breaking-change gate: ${report.ok ? "passes" : "fails"}`,
    "",
    `Compared with ${markdownCode(report.base.ref.slice(0, 40))} (version ${markdownCode(report.base.version)}); package.json ${markdownCode(report.version)}. ` +
      `**${n.error}** breaking, **${n.warning}** warning(s), ${n.info} info.`,
  ];
  if (!report.ok) {
    const line = (problem: Problem) =>
      problem.names ? `- No entry names ${problem.names.map((name) => markdownCode(name)).join(" ")} together.` : `- ${markdownText(problem.message, 800)}`;
    out.push("", "#### What to fix", "", ...report.problems.map(line));
    out.push("", "An entry names a breaking change with its operationId, rule ID and subject as inline code: `` - `RetryEngine`: `response-property-type-changed` `jobId`: the job ID is a string now. ``");
  }
  const item = (change: Change) =>
    `- **${change.level}** ${markdownCode(change.id)} ${markdownCode(change.subject)} at ${markdownCode(change.location || "(whole)", 300)}: ${markdownText(change.text)}`;
  const heading = (group: ReturnType<typeof byOperation>[number]) => (group.operation ? `#### ${markdownCode(group.operation)} ${markdownCode(group.where, 300)}` : `#### Document ${markdownCode(group.where)}`);
  const groups = byOperation(report.changes);
  for (const group of groups) {
    const serious = group.changes.filter((c) => c.level !== "info");
    if (serious.length) out.push("", heading(group), "", ...serious.map(item));
  }
  const info = groups.flatMap((group) => group.changes.filter((c) => c.level === "info").map((c) => ({ group, c })));
  if (info.length) {
    out.push("", `<details><summary>${info.length} info change(s)</summary>`, "");
    for (const { group, c } of info.slice(0, MAX_INFO)) out.push(`- ${group.operation ? markdownCode(group.operation) : `Document ${markdownCode(group.where)}`}: ${item(c).slice(2)}`);
    if (info.length > MAX_INFO) out.push(`- … and ${info.length - MAX_INFO} more (\`npm run diff -- --json\` lists them all)`);
    out.push("", "</details>");
  }
  return `${out.join("\n")}\n`;
}
