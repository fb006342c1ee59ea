/**
 * The client as a user's Node process runs it: `src/index.ts` compiled by esbuild into one ES module,
 * its dependencies (openapi-fetch) left as imports. Built from the working tree, and optionally
 * from a git ref (`BENCH_CLIENT_BASELINE=main`, say) so the code before a change runs in the same
 * process, against the same server, as the code after it.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { REPO, run, SCRATCH } from "./command.js";

export type ClientModule = typeof import("../../src/index.js");

export interface ClientBuild {
  /** `working tree` or the git ref. */
  label: string;
  /** The compiled module, for load-time measurements. */
  file: string;
  module: ClientModule;
}

async function compile(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    target: "es2022",
    logLevel: "silent",
  });
}

async function load(label: string, root: string, name: string): Promise<ClientBuild> {
  const file = join(SCRATCH, "client-builds", `${name}.mjs`);
  await compile(join(root, "src", "index.ts"), file);
  return { label, file, module: (await import(pathToFileURL(file).href)) as ClientModule };
}

/** The client of the working tree. */
export function currentClient(): Promise<ClientBuild> {
  return load("working tree", REPO, "current");
}

/** The client as it was at `ref` (its src/ taken with git archive), or undefined without a ref. */
export async function baselineClient(ref: string | undefined): Promise<ClientBuild | undefined> {
  if (!ref) return undefined;
  if (!/^[\w./~^-]+$/.test(ref)) throw new Error(`BENCH_CLIENT_BASELINE: not a plain git ref: ${ref}`);
  const root = join(SCRATCH, "client-builds", "baseline-src");
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await run(`git archive ${ref} src | tar -x -C '${root}'`, REPO);
  return load(`${ref} (${(await run(`git rev-parse --short ${ref}`, REPO)).output.trim()})`, root, "baseline");
}
