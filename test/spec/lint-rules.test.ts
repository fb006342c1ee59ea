/**
 * Proves each lint rule can fail: every broken fixture under fixtures/lint/ differs from valid.yaml
 * in one place and names, in its first line, the rule that must reject it.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const dir = "test/spec/fixtures/lint/";
const fixtures = readdirSync(root + dir).filter((f) => f.endsWith(".yaml"));
const broken = fixtures.filter((f) => f !== "valid.yaml");

/** The rule named by the fixture's first line: "# Must be rejected by RULE[ and ...]: ...". */
const expectedRule = (file: string) =>
  /^# Must be rejected by ([\w-]+)/.exec(readFileSync(root + dir + file, "utf8"))?.[1];

interface Finding {
  code: string;
  message: string;
  path: string[];
}

/** A CLI installed in node_modules/.bin, run without npx (which costs a Node process of its own per call). */
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

/** Runs a CLI that exits non-zero when it finds problems, and returns its stdout either way. */
async function stdoutOf(cmd: string, args: string[]): Promise<string> {
  const opts = { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: "off" }, maxBuffer: 10 << 20 };
  try {
    return (await run(cmd, args, opts)).stdout;
  } catch (e) {
    return (e as { stdout: string }).stdout;
  }
}

describe("Spectral (spectral:oas + house rules in .spectral.yaml)", () => {
  const bySource = new Map<string, Finding[]>();

  beforeAll(async () => {
    const out = await stdoutOf(bin("spectral"), ["lint", "-q", "-f", "json", ...fixtures.map((f) => dir + f)]);
    for (const r of JSON.parse(out) as (Finding & { source: string })[]) {
      const file = r.source.split("/").pop()!;
      bySource.set(file, [...(bySource.get(file) ?? []), r]);
    }
  });

  it("passes the valid fixture with no finding at all", () => {
    expect(bySource.get("valid.yaml") ?? []).toEqual([]);
  });

  it.each(broken)("rejects %s with exactly the rule it names, at the broken place", (file) => {
    const findings = bySource.get(file) ?? [];
    expect(findings.map((f) => f.code)).toEqual([expectedRule(file)]);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.path.join(".")).toMatch(/^paths\./);
  });
});

describe("Redocly (recommended-strict, example validation raised to errors)", () => {
  type Report = { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
  const files = ["valid.yaml", "example-breaks-schema.yaml"];
  let reports: Record<string, Report>;

  // One run for both files: Redocly prints one JSON report per file, one after another, in order.
  beforeAll(async () => {
    const out = await stdoutOf(bin("redocly"), ["lint", ...files.map((f) => dir + f), "--format=json"]);
    const parsed = JSON.parse(`[${out.trim().replace(/\n\}\{\n/g, "\n},{\n")}]`) as Report[];
    expect(parsed).toHaveLength(files.length);
    reports = Object.fromEntries(files.map((f, i) => [f, parsed[i]!]));
  });

  it("passes the valid fixture with zero errors and zero warnings", () => {
    expect(reports["valid.yaml"]!.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("rejects an example that breaks its schema, naming the field", () => {
    const { totals, problems } = reports["example-breaks-schema.yaml"]!;
    expect(totals.errors).toBe(1);
    expect(problems[0]).toMatchObject({ ruleId: "no-invalid-media-type-examples" });
    expect(problems[0]!.message).toMatch(/jobId.*integer/);
  });
});
