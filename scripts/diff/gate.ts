/**
 * The release rule for breaking changes: allowed only with a version bump that says so (a major
 * bump, or a minor one while the major version is 0, as semver reads 0.x) and a CHANGELOG.md section
 * for the new version that names each one (its operationId and the field, value, response or
 * operation it changes).
 */
import type { Change } from "./compare.js";

export interface GateInput {
  changes: Change[];
  /** The released version compared against, and the version in package.json now. */
  released: string;
  version: string;
  changelog: string;
}

export interface GateResult {
  ok: boolean;
  /** Why it fails, one line each. */
  problems: string[];
}

function parse(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  if (!match) throw new Error(`not a semver version: ${JSON.stringify(version)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Whether `version` is a bump from `released` that may carry breaking changes. */
export function allowsBreaking(released: string, version: string): boolean {
  const [major0, minor0] = parse(released);
  const [major1, minor1] = parse(version);
  if (major1 !== major0) return major1 > major0;
  return major0 === 0 && minor1 > minor0;
}

/** The text of CHANGELOG.md's `## <version>` section (up to the next `## `), or undefined. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split("\n");
  const start = lines.findIndex((line) => new RegExp(`^##\\s+v?${version.replace(/\./g, "\\.")}\\b`).test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

export function gate({ changes, released, version, changelog }: GateInput): GateResult {
  const breaking = changes.filter((change) => change.type === "breaking" || change.type === "unclassified");
  if (breaking.length === 0) return { ok: true, problems: [] };
  const problems: string[] = [];
  if (!allowsBreaking(released, version)) {
    const [major] = parse(released);
    const needed = major === 0 ? `0.${parse(released)[1] + 1}.0 (a minor bump while 0.x)` : `${major + 1}.0.0`;
    problems.push(`${breaking.length} breaking change(s) since ${released}, but package.json's version is ${version}: bump it to at least ${needed}`);
  }
  const section = changelogSection(changelog, version);
  if (section === undefined) {
    problems.push(`CHANGELOG.md has no "## ${version}" section naming the breaking changes`);
  } else {
    const named = new Set<string>();
    for (const change of breaking) {
      const key = `${change.operation}: ${change.subject}`;
      if (named.has(key)) continue;
      named.add(key);
      if (!section.includes(change.operation.replace(/^every operation of /, "")) || !section.includes(change.subject)) {
        problems.push(`CHANGELOG.md "## ${version}" does not name ${change.operation}'s breaking change to "${change.subject}" (${change.description})`);
      }
    }
  }
  return { ok: problems.length === 0, problems };
}
