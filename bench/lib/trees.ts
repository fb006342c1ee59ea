/**
 * The code a run measures: this repository's working tree, and with `BENCH_BASELINE=<git ref>` the
 * tree of that commit beside it, so that every area runs the code before a change in the same rounds
 * as the code after it. The baseline is a detached git worktree with a hard-linked copy of this
 * tree's node_modules (its caches left out, so the two trees' builds do not share them), removed at the end.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, run } from "./command.js";

/**
 * The mock as its users run it, compiled: how a tree builds it (`npm run dist`, which also puts the
 * bundle where the package's mock reads it), and where the command and the module `startMock()` comes
 * from are (read from the tree's tsconfig.build.mock.json, so that a baseline from before the mock had
 * a package of its own is found too: `dist/mock/` then, `packages/mock/dist/mock/` now). The one place
 * that knows where the mock's build goes.
 */
export const MOCK = {
  build: "npm run --silent dist",
  paths(tree: Tree): { command: string; module: string } {
    const config = JSON.parse(readFileSync(join(tree.root, "tsconfig.build.mock.json"), "utf8")) as { compilerOptions?: { outDir?: string } };
    const dir = join(tree.root, config.compilerOptions?.outDir ?? "dist", "mock");
    return { command: join(dir, "cli.js"), module: join(dir, "index.js") };
  },
};

/** Prism CLI 5.14.2's command (`prism`), the peer of the mock command; run by node, not through npx. */
export const PRISM_CLI = join(REPO, "node_modules", "@stoplight", "prism-cli", createRequire(import.meta.url)("@stoplight/prism-cli/package.json").bin.prism as string);

/** The bundle both mocks serve. */
export const BUNDLE = join(REPO, "generated", "openapi.json");

export interface Tree {
  /** `ours`, or `before` for the baseline: the prefix of its rows. */
  name: string;
  /** What the tree is, for the notes: `working tree` or the ref and its commit. */
  label: string;
  root: string;
}

export const OURS: Tree = { name: "ours", label: "working tree", root: REPO };

/** Runs `fn` with our tree and, when `ref` is given, the baseline's after it; builds each tree's mock first. */
export async function withTrees<T>(ref: string | undefined, log: (line: string) => void, fn: (trees: Tree[]) => Promise<T>): Promise<T> {
  if (ref !== undefined && !/^[\w./~^-]+$/.test(ref)) throw new Error(`BENCH_BASELINE: not a plain git ref: ${ref}`);
  const commit = ref && (await run(`git rev-parse --short ${ref}`, REPO)).output.trim();
  await run(MOCK.build, REPO);
  if (!ref) return fn([OURS]);
  const root = join(tmpdir(), `bench-baseline-${process.pid}`);
  log(`baseline: ${ref} (${commit}) in ${root}`);
  await run(`git worktree add --detach ${root} ${commit}`, REPO);
  try {
    await run(`cp -al ${join(REPO, "node_modules")} ${root}/ && rm -rf ${root}/node_modules/.cache ${root}/node_modules/.experimental-vitest-cache`, REPO);
    await run(MOCK.build, root);
    return await fn([OURS, { name: "before", label: ref === commit ? commit : `${ref} (${commit})`, root }]);
  } finally {
    await run(`git worktree remove --force ${root}`, REPO);
  }
}
