/**
 * The last released version, from git: the newest tag `v<major>.<minor>.<patch>` that HEAD contains
 * (a release is tagged `v<version>`, docs/releases.md). Until the first tag exists, the commit that added
 * CHANGELOG.md counts as the release of the version package.json held there (0.1.0).
 * Needs the history: in a shallow clone, it says so and how to fetch it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface Release {
  /** The tag or commit compared against. */
  ref: string;
  commit: string;
  /** package.json's version at that commit. */
  version: string;
  /** How the release was found, for the report. */
  how: string;
}

async function git(root: string, ...args: string[]): Promise<string> {
  return (await exec("git", args, { cwd: root, maxBuffer: 64 << 20 })).stdout.trim();
}

/** The release to compare with; `ref` (any commit-ish) overrides the rule. */
export async function lastRelease(root: string, ref?: string): Promise<Release> {
  let how = `given as --base ${ref}`;
  if (!ref) {
    const tags = (await git(root, "tag", "--merged", "HEAD", "--sort=-v:refname", "--list", "v[0-9]*.[0-9]*.[0-9]*")).split("\n").filter(Boolean);
    if (tags[0]) {
      ref = tags[0];
      how = `newest release tag in HEAD's history`;
    } else {
      // In a shallow clone the oldest commit present seems to add every file: never trust it.
      if ((await git(root, "rev-parse", "--is-shallow-repository")) === "true") {
        throw new Error("this clone is shallow, so the last release is not in it: run `git fetch --unshallow --tags` (or clone with full history)");
      }
      const added = (await git(root, "log", "--diff-filter=A", "--format=%H", "--", "CHANGELOG.md")).split("\n").filter(Boolean).at(-1);
      if (!added) throw new Error("no release to compare with: no v<version> tag in HEAD's history and no commit that added CHANGELOG.md");
      ref = added;
      how = "no release tag yet: the commit that added CHANGELOG.md (the first release)";
    }
  }
  const commit = await git(root, "rev-parse", "--verify", `${ref}^{commit}`);
  const { version } = JSON.parse(await git(root, "show", `${commit}:package.json`)) as { version: string };
  return { ref, commit, version, how };
}

/** A file as it was at `commit`, or undefined when it did not exist there. */
export async function fileAt(root: string, commit: string, path: string): Promise<string | undefined> {
  return git(root, "show", `${commit}:${path}`).catch(() => undefined);
}
