/**
 * `npm run diff` (scripts/diff.ts) in a git repository laid out like ours, with our real bundles:
 * the first release is the commit that added CHANGELOG.md; a breaking edit fails until package.json
 * has the minor bump and an entry under "## Unreleased" names it; the release's own section (the
 * heading renamed) passes too; a release tag becomes the new base; a shallow clone is told to fetch
 * its history; bad arguments and bad files exit 2 with a message. Most cases call its `diff()` in
 * this process; those whose exit code matters run it as a process.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diff as runDiff } from "../../scripts/diff.js";

const exec = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;
const BUNDLES = ["openapi.json", "cse.openapi.json", "workspace.openapi.json", "servicestage.openapi.json"];
const PKG = "huaweicloud-job-actions";
const repo = mkdtempSync(join(tmpdir(), "diff-repo-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]) => exec("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], { cwd: repo });
const write = (file: string, value: unknown) => writeFileSync(join(repo, file), typeof value === "string" ? value : JSON.stringify(value, null, 2));
function read(file: string): any;
function read(file: string, as: "text"): string;
function read(file: string, as?: "text") {
  const text = readFileSync(join(repo, file), "utf8");
  return as ? text : JSON.parse(text);
}

/** scripts/diff.ts's `diff()` in this process: its exit code, standard output and standard error. */
async function diff(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runDiff(["--root", repo, ...args], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** The same as a process, `tsx scripts/diff.ts`, for the cases where the exit code is the point. */
async function diffProcess(cwd = repo, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return exec(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "diff.ts"), "--root", cwd, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}

/** CseJobId becomes a string in every bundle: a breaking change on RetryEngine, UpgradeEngine and ShowEngineJob. */
function breakJobId(): void {
  for (const name of BUNDLES) {
    const doc = read(`generated/${name}`);
    if (doc.components.schemas.CseJobId) doc.components.schemas.CseJobId.type = "string";
    write(`generated/${name}`, doc);
  }
}

const ENTRY = "- `RetryEngine`, `UpgradeEngine`: `response-property-type-changed` `jobId`.\n- `ShowEngineJob`: `response-property-type-changed` `id` and `tasks[].tasks[].jobId`.\n";

beforeAll(async () => {
  mkdirSync(join(repo, "generated"));
  for (const name of BUNDLES) cpSync(join(ROOT, "generated", name), join(repo, "generated", name));
  write("package.json", { name: PKG, version: "0.1.0" });
  await git("init", "-q");
  await git("add", ".");
  await git("commit", "-qm", "spec");
  write("CHANGELOG.md", "# Changelog\n\n## 0.1.0\n\nFirst release.\n");
  await git("add", ".");
  await git("commit", "-qm", "first release");
});

describe("npm run diff", () => {
  it("compares every bundle with the commit that added CHANGELOG.md while there is no tag; nothing changed passes", async () => {
    const { code, out } = await diff();
    expect(out).toContain("Comparing generated/cse.openapi.json, generated/openapi.json, generated/servicestage.openapi.json, generated/workspace.openapi.json with ");
    expect(out).toContain("no release tag yet: the commit that added CHANGELOG.md");
    expect(out).toContain("No changes.");
    expect(code).toBe(0);
  });

  it("lists a harmless change per operation and passes", async () => {
    const doc = read("generated/openapi.json");
    doc.components.schemas.EngineJob.properties.engineVersion = { type: "string" };
    write("generated/openapi.json", doc);
    const { code, out } = await diff();
    expect(out).toMatch(/RetryEngine {2}PUT \/v2\/\{project_id\}\/enginemgr\/engines\/\{engine_id\}\/actions\n {2}info {5}response-optional-property-added {2}engineVersion/);
    expect(out).toContain("No breaking change.");
    expect(code).toBe(0);
  });

  it("fails a breaking change (exit 1) until package.json has the minor bump and an entry names it", async () => {
    breakJobId();
    let { code, out, err } = await diffProcess();
    expect(code).toBe(1);
    expect(out).toContain("error    response-property-type-changed  jobId  /responses/200/content/application~1json/schema/properties/jobId/type");
    expect(err).toContain("but package.json's version is 0.1.0: a breaking release needs a minor (semver for 0.x) bump; set both packages to 0.2.0 (npm version 0.2.0 --workspaces --include-workspace-root --no-git-tag-version)");
    expect(err).toContain('no entry in CHANGELOG.md "## Unreleased" names `RetryEngine`, `response-property-type-changed`, `jobId` together');

    write("CHANGELOG.md", `# Changelog\n\n## Unreleased\n\n${ENTRY}\n## 0.1.0\n\nFirst release.\n`);
    ({ code, err } = await diff());
    expect(err).toContain("but package.json's version is 0.1.0");
    expect(err).not.toContain("no entry");
    expect(code).toBe(1);

    write("package.json", { name: PKG, version: "0.1.1" });
    ({ code, err } = await diff());
    expect(err).toContain("but package.json's version is 0.1.1");
    expect(code).toBe(1);

    write("package.json", { name: PKG, version: "0.2.0" });
    ({ code, out, err } = await diff());
    expect(err).toBe("");
    expect(out).toContain("package.json is 0.2.0.");
    expect(out).toContain("Breaking changes are released as 0.2.0 and named.");
    expect(code).toBe(0);
  });

  it("passes as the release commit leaves it: the Unreleased heading renamed to the version, with its date", async () => {
    write("CHANGELOG.md", read("CHANGELOG.md", "text").replace("## Unreleased", "## [0.2.0] - 2026-12-20"));
    const { code, out } = await diff();
    expect(out).toContain("Breaking changes are released as 0.2.0 and named.");
    expect(code).toBe(0);
  });

  it("does not read pending changesets: an entry there names nothing", async () => {
    const changelog = read("CHANGELOG.md", "text");
    write("CHANGELOG.md", "# Changelog\n\n## 0.1.0\n\nFirst release.\n");
    mkdirSync(join(repo, ".changeset"));
    write(".changeset/job-id.md", `---\n"${PKG}": minor\n---\n\n${ENTRY}`);
    const { code, err } = await diff();
    expect(err).toContain('no entry in CHANGELOG.md "## 0.2.0" or "## Unreleased" names `RetryEngine`');
    expect(code).toBe(1);
    rmSync(join(repo, ".changeset"), { recursive: true });
    write("CHANGELOG.md", changelog);
  });

  it("writes JSON and Markdown reports of the same verdict", async () => {
    const json = await diff("--json");
    const report = JSON.parse(json.out);
    expect(report).toMatchObject({ schemaVersion: 1, ok: true, version: "0.2.0", counts: { error: 4 } });
    expect(json.code).toBe(0);
    const md = await diff("--markdown");
    expect(md.out).toMatch(/^### Breaking-change gate: passes\n/);
    expect(md.out).toContain("- **error** `response-property-type-changed` `jobId`");
  });

  it("compares with the newest release tag once there is one", async () => {
    await git("add", ".");
    await git("commit", "-qm", "release 0.2.0");
    await git("tag", "v0.2.0");
    const { code, out } = await diff();
    expect(out).toContain("with v0.2.0 (newest release tag in HEAD's history; version 0.2.0)");
    expect(out).toContain("No changes.");
    expect(code).toBe(0);
  });

  it("a bundle removed since the release is breaking", async () => {
    rmSync(join(repo, "generated", "servicestage.openapi.json"));
    const { code, out } = await diff();
    expect(out).toContain("(document) generated/servicestage.openapi.json\n  error    bundle-removed  generated/servicestage.openapi.json");
    expect(code).toBe(1);
    await git("checkout", "--", "generated");
  });

  it("in a shallow clone without the tag, says to fetch the history (exit 2)", async () => {
    const shallow = join(repo, "shallow");
    await exec("git", ["clone", "-q", "--depth", "1", "--no-tags", `file://${repo}`, shallow]);
    const { code, err } = await diffProcess(shallow);
    expect(err).toContain("this clone is shallow");
    expect(err).toContain("git fetch --unshallow --tags");
    expect(code).toBe(2);
    rmSync(shallow, { recursive: true, force: true });
  });

  it.each([
    [["--bogus"], 'unknown argument "--bogus"; usage: npm run diff -- [--base <git ref>] [--json | --markdown]'],
    [["--json", "--markdown"], "--json and --markdown: pick one"],
    [["--base"], "--base needs a value"],
    [["--base", "--json"], "--base needs a value"],
    [["--\u001b[2Jx\u202e"], 'unknown argument "--\\u001b[2Jx\\u{202e}"'],
    [["--base", "no-such-ref"], "no-such-ref"],
  ])("%j: exit 2 with a message", async (args, message) => {
    const { code, out, err } = await diff(...args);
    expect(err).toContain(message);
    expect(err).not.toMatch(/\u001b/);
    expect(out).toBe("");
    expect(code).toBe(2);
  });

  it("a bundle that is not JSON, or a missing one: exit 2 naming the file", async () => {
    writeFileSync(join(repo, "generated", "cse.openapi.json"), "{ nope");
    let { code, err } = await diff();
    expect(err).toMatch(/^generated\/cse\.openapi\.json: not JSON \(/);
    expect(code).toBe(2);
    await git("checkout", "--", "generated");
    rmSync(join(repo, "generated", "openapi.json"));
    ({ code, err } = await diff());
    expect(err).toContain("generated/openapi.json is missing: run `npm run build` first");
    expect(code).toBe(2);
    await git("checkout", "--", "generated");
  });

  it("no CHANGELOG.md: exit 2 naming it (no entry is ever read from a file that is not there)", async () => {
    rmSync(join(repo, "CHANGELOG.md"));
    const { code, out, err } = await diff();
    expect(err).toMatch(/^CHANGELOG\.md: not readable \(ENOENT/);
    expect(out).toBe("");
    expect(code).toBe(2);
    await git("checkout", "--", "CHANGELOG.md");
  });

  it.each([
    ["not JSON", "{ nope", /^package\.json: not readable JSON \(/],
    ["without a version", "{}", /^package\.json: "version" must be a semver version such as 0\.2\.0, not missing\n$/],
    ["a number", '{"version": 2}', /^package\.json: "version" must be a semver version such as 0\.2\.0, not 2\n$/],
    ["a tag-like version", '{"version": "v0.2.0"}', /not "v0\.2\.0"\n$/],
    ["a hostile version", JSON.stringify({ version: `0.2.0\u001b[2J\n${"9".repeat(10_000)}` }), /not "0\.2\.0\\u001b\[2J\\n9+…\n$/],
  ])("package.json %s: exit 2 naming it, escaped and cut", async (_, text, message) => {
    const manifest = read("package.json", "text");
    writeFileSync(join(repo, "package.json"), text);
    const { code, out, err } = await diff();
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\u001b/);
    expect(err.length).toBeLessThan(300);
    expect(out).toBe("");
    expect(code).toBe(2);
    writeFileSync(join(repo, "package.json"), manifest);
  });
});
