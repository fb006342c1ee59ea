/**
 * The release rule for breaking changes (level `error`): each one passes only when
 * - package.json's version allows it: a major bump from the release, or a minor one while the major
 *   version is 0 (semver for 0.x). That version is the one the next release gets: it is raised by
 *   hand, for both packages at once (docs/releases.md);
 * - and an entry names it: a list item of CHANGELOG.md's section for that version or its
 *   "Unreleased" section that holds the operationId, the rule ID and the subject as inline code
 *   (changelog.ts). A change to a document as a whole has no operationId.
 */
import type { Change } from "./change.js";
import { entries, type Entry } from "./changelog.js";

export interface GateInput {
  changes: Change[];
  /** The released version compared against, and package.json's version now. */
  released: string;
  version: string;
  changelog: string;
}

/** Why the gate fails: a sentence, and for a change no entry names, the names an entry must hold. */
export interface Problem {
  message: string;
  names?: string[];
}

export interface GateResult {
  ok: boolean;
  problems: Problem[];
}

/** `major.minor.patch`, with an optional pre-release and build. */
export const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(version: string): [number, number, number] {
  const match = SEMVER.exec(version);
  if (!match) throw new Error(`not a semver version: ${JSON.stringify(version)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Whether `version` is a release after `released` that may carry breaking changes. */
export function allowsBreaking(released: string, version: string): boolean {
  const [major0, minor0] = parseVersion(released);
  const [major1, minor1] = parseVersion(version);
  if (major1 !== major0) return major1 > major0;
  return major0 === 0 && minor1 > minor0;
}

/** The smallest version after `released` that allows a breaking change. */
export function breakingBump(released: string): string {
  const [major, minor] = parseVersion(released);
  return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
}

/** What an entry must hold as inline code to name `change`. */
export function namesOf(change: Change): string[] {
  return [...new Set([change.operation, change.id, change.subject].filter(Boolean))];
}

export function names(entry: Entry, change: Change): boolean {
  return namesOf(change).every((name) => entry.code.has(name));
}

export function gate({ changes, released, version, changelog }: GateInput): GateResult {
  const breaking = changes.filter((change) => change.level === "error");
  if (breaking.length === 0) return { ok: true, problems: [] };
  const problems: Problem[] = [];
  if (!allowsBreaking(released, version)) {
    const needed = breakingBump(released);
    const how = parseVersion(released)[0] === 0 ? "minor (semver for 0.x)" : "major";
    problems.push({
      message:
        `${breaking.length} breaking change(s) since ${released}, but package.json's version is ${version}: a breaking release needs a ${how} bump; ` +
        `set both packages to ${needed} (npm version ${needed} --workspaces --include-workspace-root --no-git-tag-version)`,
    });
  }
  const list = entries(changelog, version, released);
  const places = version === released ? `CHANGELOG.md "## Unreleased"` : `CHANGELOG.md "## ${version}" or "## Unreleased"`;
  const seen = new Set<string>();
  for (const change of breaking) {
    const wanted = namesOf(change);
    const key = wanted.join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    if (list.some((entry) => names(entry, change))) continue;
    const quoted = wanted.map((name) => `\`${name}\``).join(", ");
    problems.push({ message: `no entry in ${places} names ${quoted} together (${change.text})`, names: wanted });
  }
  return { ok: problems.length === 0, problems };
}
