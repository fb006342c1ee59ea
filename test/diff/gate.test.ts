/**
 * The release rule (scripts/diff/gate.ts): a breaking change passes only when package.json's version
 * allows it (a minor bump while 0.x) and an entry of CHANGELOG.md's section for that version or its
 * "Unreleased" names its operation, rule and subject, each as inline code; and the near misses that
 * must not pass.
 */
import { describe, expect, it } from "vitest";
import type { Change } from "../../scripts/diff/change.js";
import { allowsBreaking, breakingBump, gate, type GateInput } from "../../scripts/diff/gate.js";

const typeChanged: Change = {
  id: "response-property-type-changed",
  level: "error",
  operation: "ShowJob",
  where: "GET /v2/{project_id}/workspace-jobs/{job_id}",
  location: "/responses/200/content/application~1json/schema/properties/jobId/type",
  subject: "jobId",
  text: "response property jobId (200): type changed from integer to string",
  bundles: ["generated/openapi.json"],
};
const serverMoved: Change = {
  id: "api-server-host-changed",
  level: "error",
  operation: "",
  where: "generated/cse.openapi.json",
  location: "#/servers/0/url",
  subject: "https://cse.{region}.myhuaweicloud.com",
  text: "server URL changed",
  bundles: ["generated/cse.openapi.json"],
};
const ENTRY = "- `ShowJob`: `response-property-type-changed` `jobId`: the job ID is a string now.";
const changelog = (section: string, title = "0.2.0") => `# Changelog\n\n## ${title}\n\n${section}\n\n## 0.1.0\n\nFirst release.\n`;

function check(input: Partial<GateInput>) {
  return gate({ changes: [typeChanged], released: "0.1.0", version: "0.1.0", changelog: "", ...input });
}

describe("versions", () => {
  it.each([
    ["0.1.0", "0.2.0", true],
    ["0.1.0", "1.0.0", true],
    ["0.1.0", "0.1.1", false],
    ["0.1.0", "0.1.0", false],
    ["1.2.3", "2.0.0", true],
    ["1.2.3", "1.3.0", false],
    ["1.2.3", "0.9.0", false],
    ["0.1.0", "0.2.0-beta.1", true],
  ])("%s → %s allows breaking changes: %s", (released, version, allowed) => {
    expect(allowsBreaking(released, version)).toBe(allowed);
  });

  it("rejects what is not a version", () => {
    expect(() => allowsBreaking("0.1", "0.2.0")).toThrow('not a semver version: "0.1"');
    expect(() => allowsBreaking("0.1.0", "v0.2.0")).toThrow('not a semver version: "v0.2.0"');
  });

  it("the smallest version that allows a breaking change", () => {
    expect(breakingBump("0.1.0")).toBe("0.2.0");
    expect(breakingBump("0.1.3")).toBe("0.2.0");
    expect(breakingBump("1.4.0")).toBe("2.0.0");
  });
});

describe("a breaking change passes when package.json is bumped and an entry names it", () => {
  it("in CHANGELOG.md's section for package.json's new version", () => {
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY) })).toEqual({ ok: true, problems: [] });
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY, "[0.2.0] - 2026-12-01") }).ok).toBe(true);
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY, "v0.2.0") }).ok).toBe(true);
  });

  it('in "## Unreleased"', () => {
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY, "Unreleased") }).ok).toBe(true);
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY, "[Unreleased]") }).ok).toBe(true);
  });

  it("a bump beyond the smallest: a major one, or a later minor", () => {
    expect(check({ version: "1.0.0", changelog: changelog(ENTRY, "Unreleased") }).ok).toBe(true);
    expect(check({ version: "0.3.0", changelog: changelog(ENTRY, "0.3.0") }).ok).toBe(true);
  });

  it("one entry naming several operations and changes", () => {
    const other = { ...typeChanged, operation: "ShowJobDetail", subject: "job.id" };
    const entry = "- `ShowJob` and `ShowJobDetail`: `response-property-type-changed` for `jobId` and `job.id`.";
    expect(check({ changes: [typeChanged, other], version: "0.2.0", changelog: changelog(entry) }).ok).toBe(true);
  });

  it("a change to a document: its rule and subject", () => {
    const entry = "- `api-server-host-changed` `https://cse.{region}.myhuaweicloud.com`: the new host is ...";
    expect(check({ changes: [serverMoved], version: "0.2.0", changelog: changelog(entry) }).ok).toBe(true);
  });

  it("with no breaking change, anything passes", () => {
    expect(check({ changes: [{ ...typeChanged, level: "warning" }, { ...typeChanged, level: "info" }] })).toEqual({ ok: true, problems: [] });
  });
});

describe("near misses fail", () => {
  const named = (entry: string) => check({ version: "0.2.0", changelog: changelog(entry, "Unreleased") });
  const unnamed = (entry: string) => named(entry).problems.map((p) => p.names);

  it("no bump: the version problem says which version is needed and how to set it", () => {
    const { ok, problems } = check({ changelog: changelog(ENTRY, "Unreleased") });
    expect(ok).toBe(false);
    expect(problems.map((p) => p.message)).toEqual([
      "1 breaking change(s) since 0.1.0, but package.json's version is 0.1.0: a breaking release needs a minor (semver for 0.x) bump; set both packages to 0.2.0 (npm version 0.2.0 --workspaces --include-workspace-root --no-git-tag-version)",
    ]);
  });

  it("package.json bumped by a patch, or by a minor after 1.0.0, or lowered", () => {
    expect(check({ version: "0.1.1", changelog: changelog(ENTRY, "0.1.1") }).problems.map((p) => p.message)).toEqual([
      "1 breaking change(s) since 0.1.0, but package.json's version is 0.1.1: a breaking release needs a minor (semver for 0.x) bump; set both packages to 0.2.0 (npm version 0.2.0 --workspaces --include-workspace-root --no-git-tag-version)",
    ]);
    expect(check({ version: "0.1.1", changelog: changelog(ENTRY, "Unreleased") }).ok).toBe(false);
    expect(check({ released: "1.2.0", version: "1.3.0", changelog: changelog(ENTRY, "1.3.0") }).problems[0]!.message).toContain("a major bump; set both packages to 2.0.0");
    expect(check({ released: "1.2.0", version: "0.9.0", changelog: changelog(ENTRY, "0.9.0") }).ok).toBe(false);
  });

  it("the entry alone, or the bump alone", () => {
    expect(check({ changelog: changelog(ENTRY, "Unreleased") }).problems.map((p) => p.names)).toEqual([undefined]);
    expect(check({ version: "0.2.0", changelog: changelog("- Other work.") }).problems.map((p) => p.names)).toEqual([["ShowJob", "response-property-type-changed", "jobId"]]);
  });

  it("the operation as a substring of another name, or in plain text", () => {
    expect(unnamed("- `ShowJobDetail`: `response-property-type-changed` `jobId`.")).toEqual([["ShowJob", "response-property-type-changed", "jobId"]]);
    expect(named("- ShowJob: `response-property-type-changed` `jobId`.").ok).toBe(false);
    expect(named("- `ShowJob.jobId`: `response-property-type-changed`.").ok).toBe(false);
    // CommonMark strips one space from each end of inline code only when both ends have one.
    expect(named("- ` ShowJob `: `response-property-type-changed` `jobId`.").ok).toBe(true);
    expect(named("- ` ShowJob`: `response-property-type-changed` `jobId`.").ok).toBe(false);
  });

  it("the right operation and rule with another subject, or the right subject with another rule", () => {
    expect(named("- `ShowJob`: `response-property-type-changed` `jobIds`.").ok).toBe(false);
    expect(named("- `ShowJob`: `response-property-became-nullable` `jobId`.").ok).toBe(false);
    expect(named("- `ShowJob`: `response-property-type` `jobId`.").ok).toBe(false);
  });

  it("the names split over two list items", () => {
    const split = "- `ShowJob`: see below.\n- `response-property-type-changed` `jobId`: a string now.";
    expect(check({ version: "0.2.0", changelog: changelog(split) }).ok).toBe(false);
    // Continuation lines and nested items belong to their item.
    const nested = "- `ShowJob`: the job ID\n  is a string now:\n  - `response-property-type-changed` `jobId`";
    expect(check({ version: "0.2.0", changelog: changelog(nested) }).ok).toBe(true);
  });

  it("under another version's section: the release's own, a pre-release, a longer version", () => {
    expect(check({ version: "0.2.0", changelog: `## 0.2.0\n\nNothing.\n\n## 0.1.0\n\n${ENTRY}\n` }).ok).toBe(false);
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY, "0.2.0-beta.1") }).ok).toBe(false);
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY, "0.2.01") }).ok).toBe(false);
    expect(check({ version: "0.2.0", changelog: changelog(ENTRY, "0.2.0.1") }).ok).toBe(false);
    // With no bump, only "Unreleased" counts: the released version's section is history.
    expect(check({ changelog: `## 0.1.0\n\n${ENTRY}\n` }).problems.some((p) => p.names)).toBe(true);
  });

  it("in a fenced code block, or under a level-3 heading that looks like the version", () => {
    expect(check({ version: "0.2.0", changelog: changelog("Example:\n\n```\n" + ENTRY + "\n```") }).ok).toBe(false);
    expect(check({ version: "0.2.0", changelog: `## 0.1.0\n\n### 0.2.0\n\n${ENTRY}\n` }).ok).toBe(false);
    expect(check({ version: "0.2.0", changelog: "```\n## 0.2.0\n```\n\n" + ENTRY }).ok).toBe(false);
  });

  it("names each change that is not named, once per operation, rule and subject", () => {
    const again = { ...typeChanged, location: "/responses/201/content/application~1json/schema/properties/jobId/type" };
    const other = { ...typeChanged, operation: "ListScriptTasks" };
    const { problems } = check({ changes: [typeChanged, again, other], version: "0.2.0", changelog: changelog(ENTRY) });
    expect(problems.map((p) => p.names)).toEqual([["ListScriptTasks", "response-property-type-changed", "jobId"]]);
    expect(problems[0]!.message).toBe(
      'no entry in CHANGELOG.md "## 0.2.0" or "## Unreleased" names `ListScriptTasks`, `response-property-type-changed`, `jobId` together (response property jobId (200): type changed from integer to string)',
    );
    expect(check({ changes: [other] }).problems[1]!.message).toMatch(/^no entry in CHANGELOG\.md "## Unreleased" names `ListScriptTasks`/);
  });
});
