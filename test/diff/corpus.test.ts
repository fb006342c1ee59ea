/**
 * Every rule the gate relies on, proved on our own bundles (fixtures/corpus.yaml): each breaking
 * fixture fails the gate with its rule ID at level error (and passes once released and named), each
 * warning fixture is reported and passes, each harmless change passes quietly. And the coverage
 * table of docs/releases.md lists every error rule of oasdiff's (fixtures/oasdiff-err-rules.tsv,
 * from ../shared/reference) exactly once, with its fixture or the reason it cannot occur.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareBundles, type Change } from "../../scripts/diff/compare.js";
import { OpenApiDocument } from "../../scripts/diff/document.js";
import { gate } from "../../scripts/diff/gate.js";
import { loadCorpus, type Fixture } from "./corpus.js";

const TODAY = new Date("2026-12-01");
const fixtures = loadCorpus();

function changesOf(fixture: Fixture): Change[] {
  const before = new OpenApiDocument(fixture.before, fixture.file);
  const after = fixture.after && new OpenApiDocument(fixture.after, fixture.file);
  return compareBundles([{ file: fixture.file, before, after }], { today: TODAY });
}

/** The gate against 0.1.0: package.json still 0.1.0, or bumped to 0.2.0 with `unreleased` as CHANGELOG.md's "## Unreleased". */
const verdict = (changes: Change[], unreleased?: string) =>
  gate({ changes, released: "0.1.0", version: unreleased === undefined ? "0.1.0" : "0.2.0", changelog: `# Changelog\n\n## Unreleased\n\n${unreleased ?? ""}\n\n## 0.1.0\n\nFirst release.\n` });

/** Entries that name every breaking change, one list item each, as docs/releases.md says. */
const naming = (changes: Change[]) =>
  changes
    .filter((c) => c.level === "error")
    .map((c) => `- ${[c.operation, c.id, c.subject].filter(Boolean).map((n) => `\`${n}\``).join(" ")}: what clients must do.`)
    .join("\n");

const title = (f: Fixture) => `${f.name}${f.file === "generated/openapi.json" ? "" : ` (${f.file})`}`;

describe("breaking changes fail the gate with their rule", () => {
  it.each(fixtures.filter((f) => f.kind === "breaking").map((f) => [title(f), f] as const))("%s", (_, fixture) => {
    const changes = changesOf(fixture);
    const hits = changes.filter((c) => c.id === fixture.name);
    expect(hits.map((c) => c.level), JSON.stringify(changes, null, 1)).toContain("error");
    if (fixture.operation) expect(hits.map((c) => c.operation)).toContain(fixture.operation);
    for (const hit of hits) expect(hit.bundles).toEqual([fixture.file]);
    const { ok, problems } = verdict(changes);
    expect(ok).toBe(false);
    expect(problems.flatMap((p) => p.names ?? [])).toContain(fixture.name);
    // Released as a minor bump (0.x) with an entry naming each: it passes.
    expect(verdict(changes, naming(changes))).toEqual({ ok: true, problems: [] });
  });
});

describe("warnings are reported and pass", () => {
  it.each(fixtures.filter((f) => f.kind === "warning").map((f) => [title(f), f] as const))("%s", (_, fixture) => {
    const changes = changesOf(fixture);
    expect(changes.filter((c) => c.level === "error"), JSON.stringify(changes, null, 1)).toEqual([]);
    const hits = changes.filter((c) => c.id === fixture.name && c.level === "warning");
    expect(hits.length, JSON.stringify(changes, null, 1)).toBeGreaterThan(0);
    if (fixture.operation) expect(hits.map((c) => c.operation)).toContain(fixture.operation);
    expect(verdict(changes).ok).toBe(true);
  });
});

describe("harmless changes pass quietly", () => {
  it.each(fixtures.filter((f) => f.kind === "quiet").map((f) => [title(f), f] as const))("%s", (_, fixture) => {
    const changes = changesOf(fixture);
    expect(changes.length, "the fixture changes nothing").toBeGreaterThan(0);
    expect(changes.filter((c) => c.level !== "info"), JSON.stringify(changes, null, 1)).toEqual([]);
    expect(verdict(changes)).toEqual({ ok: true, problems: [] });
  });
});

describe("the coverage table in docs/releases.md", () => {
  const tsv = readFileSync(new URL("fixtures/oasdiff-err-rules.tsv", import.meta.url), "utf8").trim().split("\n");
  const oasdiff = tsv.slice(1).map((line) => line.split("\t")[0]!);
  const doc = readFileSync(new URL("../../docs/releases.md", import.meta.url), "utf8");
  const table = doc.slice(doc.indexOf("\n## Coverage"));
  const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+) \| (error|warning) \| ([^|]+) \|$/gm)].map((m) => ({ rule: m[1]!, from: m[2]!.trim(), level: m[3]!, tested: m[4]!.trim() }));

  it("is read from the reference file's 192 rules", () => {
    expect(tsv[0]).toBe("rule_id\tdirection\tarea\tkind\taction");
    expect(oasdiff).toHaveLength(192);
    expect(new Set(oasdiff).size).toBe(192);
  });

  it("lists every oasdiff error rule exactly once, as an error, from oasdiff", () => {
    for (const rule of oasdiff) {
      const listed = rows.filter((r) => r.rule === rule);
      expect(listed.map((r) => [r.from, r.level]), rule).toEqual([["oasdiff", "error"]]);
    }
    expect(new Set(rows.map((r) => r.rule)).size).toBe(rows.length);
  });

  it("gives each rule its fixture, or a reason it cannot occur in our documents", () => {
    const kinds = new Map(fixtures.filter((f) => f.kind !== "quiet").map((f) => [f.name, f.kind]));
    for (const row of rows) {
      if (row.tested === "fixture") expect(kinds.get(row.rule), row.rule).toBe(row.level === "error" ? "breaking" : "warning");
      else {
        expect(row.tested, row.rule).toMatch(/^cannot occur: \S.{10,}/);
        expect(kinds.has(row.rule), `${row.rule} has a fixture: say so`).toBe(false);
      }
    }
  });

  it("lists every rule that has a fixture", () => {
    const listed = new Set(rows.map((r) => r.rule));
    expect([...new Set(fixtures.filter((f) => f.kind !== "quiet").map((f) => f.name))].filter((rule) => !listed.has(rule))).toEqual([]);
  });
});
