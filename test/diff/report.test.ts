/**
 * The gate's three reports (scripts/diff/report.ts) on a real change of our bundle, and on a spec
 * under review written to attack them: Markdown and HTML in names and values that end up in a
 * pull-request comment, mentions and links, terminal escapes, bidirectional overrides and line
 * breaks in a CI log.
 */
import { describe, expect, it } from "vitest";
import type { Change } from "../../scripts/diff/change.js";
import { codeSpans } from "../../scripts/diff/changelog.js";
import { compareDocuments } from "../../scripts/diff/compare.js";
import { OpenApiDocument } from "../../scripts/diff/document.js";
import { cut, markdownCode, markdownText, visible } from "../../scripts/diff/escape.js";
import { gate } from "../../scripts/diff/gate.js";
import { jsonReport, markdownReport, textReport, type GateReport } from "../../scripts/diff/report.js";
import { bundle } from "./corpus.js";

const FILE = "generated/openapi.json";
type Json = Record<string, any>;

/** The report against v0.1.0: package.json still 0.1.0, or bumped to 0.2.0 with `unreleased` as CHANGELOG.md's "## Unreleased". */
function reportOf(changes: Change[], unreleased?: string): GateReport {
  const version = unreleased === undefined ? "0.1.0" : "0.2.0";
  const verdict = gate({ changes, released: "0.1.0", version, changelog: unreleased === undefined ? "" : `## Unreleased\n\n${unreleased}\n` });
  return { base: { ref: "v0.1.0", commit: "0123456789abcdef", version: "0.1.0", how: "newest release tag in HEAD's history" }, version, bundles: [FILE], changes, ok: verdict.ok, problems: verdict.problems };
}

/** Our bundle with CseJobId a string (breaking) and a new optional response property (harmless). */
function realChange(): Change[] {
  const after = structuredClone(bundle(FILE)) as Json;
  after.components.schemas.CseJobId.type = "string";
  after.components.schemas.EngineJob.properties.engineVersion = { type: "string" };
  return compareDocuments(new OpenApiDocument(bundle(FILE), FILE), new OpenApiDocument(after, FILE));
}

const EVIL_OPERATION = "List</summary><img src=x onerror=alert(1)>@octocat[x](javascript:alert(1))";
const EVIL_PROPERTY = "name`|**bold**\n- injected item\u001b[31m\u202eevil\u2066";
const EVIL_PATH = "/things/{id}/](https://evil.example)<script>";
const EVIL_VALUE = "\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 <b>x</b> @admin #1 :smile: ``` ~~~";

/** A spec under review whose names and values attack the reports: a type change and an enum value, both breaking. */
function hostileChange(): Change[] {
  const op = (type: string, values: string[]) => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      [EVIL_PATH]: {
        get: {
          operationId: EVIL_OPERATION,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { [EVIL_PROPERTY]: { type }, status: { enum: values } } } } } } },
        },
      },
    },
  });
  return compareDocuments(new OpenApiDocument(op("string", ["a"]), FILE), new OpenApiDocument(op("integer", ["a", EVIL_VALUE]), FILE));
}

describe("text", () => {
  it("per operation, each change with its level, rule, subject and location, then the problems on standard error", () => {
    const { out, err } = textReport(reportOf(realChange()));
    expect(out[0]).toBe("Comparing generated/openapi.json with v0.1.0 (newest release tag in HEAD's history; version 0.1.0); package.json is 0.1.0.");
    const retry = out.indexOf("RetryEngine  PUT /v2/{project_id}/enginemgr/engines/{engine_id}/actions");
    expect(out.slice(retry, retry + 5)).toEqual([
      "RetryEngine  PUT /v2/{project_id}/enginemgr/engines/{engine_id}/actions",
      "  error    response-property-type-changed  jobId  /responses/200/content/application~1json/schema/properties/jobId/type",
      "           response property jobId (200): type changed from integer to string",
      "  info     response-optional-property-added  engineVersion  /responses/200/content/application~1json/schema/properties/engineVersion",
      "           response property engineVersion (200): added, optional",
    ]);
    expect(out.at(-1)).toBe("6 change(s): 4 breaking (error), 0 warning, 2 info.");
    expect(err[0]).toMatch(/^✖ 4 breaking change\(s\) since 0\.1\.0, but package\.json's version is 0\.1\.0/);
    expect(err).toContain("✖ no entry in CHANGELOG.md \"## Unreleased\" names `ShowEngineJob`, `response-property-type-changed`, `tasks[].tasks[].jobId` together (response property tasks[].tasks[].jobId (200): type changed from integer to string)");
  });

  it("says so when it passes", () => {
    const entry = "- `RetryEngine`, `UpgradeEngine`: `response-property-type-changed` `jobId`\n- `ShowEngineJob`: `response-property-type-changed` `id`, `tasks[].tasks[].jobId`";
    const { out, err } = textReport(reportOf(realChange(), entry));
    expect(out.at(-1)).toBe("Breaking changes are released as 0.2.0 and named.");
    expect(err).toEqual([]);
    expect(textReport(reportOf([])).out).toEqual([expect.stringMatching(/^Comparing /), "", "No changes.", "", "", "0 change(s): 0 breaking (error), 0 warning, 0 info.", "No breaking change."]);
  });

  it("a hostile spec cannot write control characters, escapes or line breaks into the log", () => {
    const { out, err } = textReport(reportOf(hostileChange()));
    for (const line of [...out, ...err]) {
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    const text = out.join("\n");
    expect(text).toContain("\\u{1b}[31m\\u{202e}evil\\u{2066}");
    expect(text).toContain("name`|**bold**\\u{a}- injected item");
    // Each change is two lines: nothing the spec says starts a line of its own.
    expect(out.filter((line) => line.startsWith("  error")).length).toBe(2);
    expect(out.filter((line) => /^- injected/.test(line))).toEqual([]);
  });
});

describe("JSON", () => {
  it("one object with stable fields; the spec's strings as they are", () => {
    const report = JSON.parse(jsonReport(reportOf(hostileChange())));
    expect(Object.keys(report)).toEqual(["schemaVersion", "ok", "base", "version", "bundles", "counts", "problems", "changes"]);
    expect(report).toMatchObject({ schemaVersion: 1, ok: false, version: "0.1.0", counts: { error: 2, warning: 0, info: 0 } });
    expect(report.changes.map((c: Change) => [c.operation, c.id, c.subject])).toEqual([
      [EVIL_OPERATION, "response-property-type-changed", EVIL_PROPERTY],
      [EVIL_OPERATION, "response-property-enum-value-added", "status"],
    ]);
    expect(report.changes[0]).toEqual({
      id: "response-property-type-changed",
      level: "error",
      operation: EVIL_OPERATION,
      where: `GET ${EVIL_PATH}`,
      location: `/responses/200/content/application~1json/schema/properties/${EVIL_PROPERTY}/type`,
      subject: EVIL_PROPERTY,
      text: `response property ${EVIL_PROPERTY} (200): type changed from string to integer`,
      bundles: [FILE],
    });
    expect(report.problems[1]).toEqual({ message: expect.stringContaining("no entry"), names: [EVIL_OPERATION, "response-property-type-changed", EVIL_PROPERTY] });
  });
});

/** The line with its code spans taken out (as CommonMark reads them), so that what is left is the escaped text around them. */
function outsideCode(line: string): string {
  let rest = line;
  for (const span of codeSpans(line)) {
    const fence = "`".repeat(Math.max(0, ...(span.match(/`+/g) ?? []).map((r) => r.length)) + 1);
    const pad = span.startsWith("`") || span.endsWith("`") || (span.startsWith(" ") && span.endsWith(" ") && span.trim() !== "") ? " " : "";
    rest = rest.replace(`${fence}${pad}${span}${pad}${fence}`, " CODE ");
  }
  return rest;
}

describe("Markdown", () => {
  it("a comment: the verdict, what to fix, changes per operation, info folded", () => {
    const md = markdownReport(reportOf(realChange()));
    expect(md).toContain("### Breaking-change gate: fails");
    expect(md).toContain("- No entry names `ShowEngineJob` `response-property-type-changed` `tasks[].tasks[].jobId` together.");
    expect(md).toContain(
      "#### `RetryEngine` `PUT /v2/{project_id}/enginemgr/engines/{engine_id}/actions`\n\n- **error** `response-property-type-changed` `jobId` at `/responses/200/content/application~1json/schema/properties/jobId/type`: response property jobId \\(200\\)\\: type changed from integer to string\n",
    );
    expect(md).toContain("<details><summary>2 info change(s)</summary>\n\n- `RetryEngine`: **info** `response-optional-property-added` `engineVersion`");
    expect(markdownReport(reportOf(realChange(), "- `RetryEngine`, `UpgradeEngine`, `ShowEngineJob`: `response-property-type-changed` `jobId`, `id`, `tasks[].tasks[].jobId`"))).toMatch(/^### Breaking-change gate: passes\n/);
  });

  it("caps the info list far below a comment's 65,536 characters", () => {
    const info: Change = { id: "annotation-changed", level: "info", operation: "A", where: "GET /a", location: "/description", subject: "A", text: "x".repeat(300), bundles: [FILE] };
    const md = markdownReport(reportOf(Array.from({ length: 5_000 }, (_, i) => ({ ...info, operation: `Op${i}` }))));
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain("- … and 4900 more (`npm run diff -- --json` lists them all)");
  });

  it("a hostile spec cannot inject Markdown, HTML, links, mentions or lines into the comment", () => {
    const md = markdownReport(reportOf(hostileChange()));
    const lines = md.split("\n");
    // Our own structure only: headings, list items, blank lines, our details tags and sentences.
    for (const line of lines) {
      expect(line).toMatch(/^(|#{3,4} .*|- .*|<details><summary>\d+ info change\(s\)<\/summary>|<\/details>|Compared with .*|An entry names .*)$/);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(lines.filter((line) => /^- \*\*error\*\*/.test(line))).toHaveLength(2);
    // Outside inline code, every ASCII punctuation character of spec text is backslash-escaped.
    const escaped = /^(?:[^!-/:-@[-`{-~]|\\[!-/:-@[-`{-~])*$/;
    const shapes = [
      /^#### CODE CODE$/,
      /^- \*\*(?:error|warning)\*\* CODE CODE at CODE: (.*)$/,
      /^- CODE: \*\*info\*\* CODE CODE at CODE: (.*)$/,
      /^- No entry names CODE CODE CODE together\.$/,
      /^- (.*)$/,
    ];
    for (const line of lines.filter((l) => l.startsWith("- ") || l.startsWith("#### `"))) {
      const bare = outsideCode(line).replace(/ CODE /g, "CODE").replace(/CODE/g, " CODE ").replace(/ +/g, " ").replace(/ (:|$)/g, "$1").replace(/^(-|####) CODE/, "$1 CODE");
      const shape = shapes.map((re) => re.exec(bare)).find(Boolean);
      expect(shape, line).toBeTruthy();
      if (shape![1] !== undefined) expect(shape![1], line).toMatch(escaped);
    }
    // The hostile names appear only as inline code, exactly as the spec has them (control characters made visible).
    const spans = lines.flatMap((line) => [...codeSpans(line)]);
    expect(spans).toContain(visible(EVIL_OPERATION));
    expect(spans).toContain(visible(EVIL_PROPERTY));
    expect(spans).toContain(`GET ${visible(EVIL_PATH)}`);
    const prose = lines.map(outsideCode).join("\n");
    expect(prose).not.toMatch(/(^|[^\\])<(img|script|b)\b/);
    expect(prose).not.toMatch(/(^|[^\\])@(octocat|admin)/);
    expect(prose).not.toMatch(/\]\((javascript|https)/);
  });

  it.each(["`", "``", "a`b", "`a", "a`", " ` ", "```js", "", "  ", "x".repeat(500)])("inline code holds %j exactly (up to its length)", (text) => {
    const code = markdownCode(text);
    expect([...codeSpans(code)]).toEqual([cut(text) || "(none)"]);
  });

  it("escaped text shows every character as it is", () => {
    expect(markdownText("a <b> [c](d) @e #1 *f* _g_ `h` | ~i~ \\")).toBe("a \\<b\\> \\[c\\]\\(d\\) \\@e \\#1 \\*f\\* \\_g\\_ \\`h\\` \\| \\~i\\~ \\\\");
    expect(markdownText("x".repeat(1_000))).toHaveLength(400);
  });
});
