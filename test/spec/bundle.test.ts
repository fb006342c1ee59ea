/**
 * generated/ is what `npm run bundle` makes from openapi/, byte for byte: bundling again into a
 * temporary folder must reproduce every committed file (so a source edit without a re-bundle, or a
 * non-deterministic bundle, fails here; CI also runs `git diff --exit-code generated/` after the build).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), "bundle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const roots = { "openapi.yaml": "openapi", "cse.yaml": "cse.openapi", "workspace.yaml": "workspace.openapi", "servicestage.yaml": "servicestage.openapi" };

describe("generated/ bundles are up to date and deterministic", () => {
  it.each(Object.entries(roots))("bundling openapi/%s reproduces generated/%s.{yaml,json}", async (source, file) => {
    for (const ext of ["yaml", "json"]) {
      await run("npx", ["redocly", "bundle", `openapi/${source}`, "--ext", ext, "-o", join(out, `${file}.${ext}`)], {
        cwd: root,
        env: { ...process.env, REDOCLY_TELEMETRY: "off" },
      });
      const fresh = readFileSync(join(out, `${file}.${ext}`), "utf8");
      expect(fresh, `generated/${file}.${ext} is stale: run npm run bundle`).toBe(readFileSync(join(root, "generated", `${file}.${ext}`), "utf8"));
    }
  });
});
