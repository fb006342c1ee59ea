/**
 * What `npm run build` runs: every command of the package.json scripts `bundle`, `lint`,
 * `generate`, `build:dist` and `docs`, each with the steps whose output it reads. scripts/build.ts
 * runs a step as soon as those are done, so independent steps run side by side.
 *
 * The commands are the scripts' own, word for word; `checkPlan` fails the build when package.json
 * and this table disagree, so neither can change without the other. The table is in an order that
 * runs it one step after another (each step below the ones it waits for), as bench/ does.
 */

export interface Step {
  /** Shown in the build's log. */
  name: string;
  /** The package.json script this command belongs to. */
  script: string;
  /** Run with `sh -c`, as npm runs scripts, with node_modules/.bin on the PATH. */
  command: string;
  /** Steps that must have finished first: the ones that write what this one reads. */
  after: string[];
}

const REDOCLY = "REDOCLY_TELEMETRY=off redocly";

export const STEPS: readonly Step[] = [
  { name: "bundle:yaml", script: "bundle", command: `${REDOCLY} bundle`, after: [] },
  { name: "bundle:json", script: "bundle", command: `${REDOCLY} bundle --ext json`, after: [] },
  { name: "lint:sources", script: "lint", command: `${REDOCLY} lint`, after: [] },
  {
    name: "lint:bundles",
    script: "lint",
    command: `${REDOCLY} lint generated/*.openapi.yaml generated/openapi.yaml`,
    after: ["bundle:yaml"],
  },
  {
    name: "spectral",
    script: "lint",
    command: "spectral lint --fail-severity=warn openapi/openapi.yaml generated/*.openapi.yaml generated/openapi.yaml",
    after: ["bundle:yaml"],
  },
  { name: "generate", script: "generate", command: "tsx scripts/generate-types.ts", after: ["bundle:json"] },
  // Type-checks src/, test/ and scripts/ against the freshly generated types.
  // Incremental: a warm build re-checks only what changed (the cache lives in node_modules/.cache/).
  {
    name: "typecheck",
    script: "lint",
    command: "tsc --noEmit -p tsconfig.json --incremental --tsBuildInfoFile node_modules/.cache/tsc/typecheck.tsbuildinfo",
    after: ["generate"],
  },
  {
    name: "dist:clean",
    script: "build:dist",
    command: `node -e "require('fs').rmSync('dist',{recursive:true,force:true})"`,
    after: [],
  },
  { name: "dist", script: "build:dist", command: "tsc -p tsconfig.build.json", after: ["generate", "dist:clean"] },
  // After dist: both compilations may write the modules the mock shares with the client.
  { name: "dist:mock", script: "build:dist", command: "tsc -p tsconfig.build.mock.json", after: ["dist"] },
  // The pages are rendered from the YAML bundles (redocly.yaml's `output`s).
  { name: "docs", script: "docs", command: "tsx scripts/docs.ts", after: ["bundle:yaml"] },
];

/**
 * The steps to run for a package.json's scripts: all of them, less those of scripts the project
 * does not have (a synthetic API without a client has no `build:dist`). Throws when a script's
 * commands differ from the steps that claim it.
 */
export function checkPlan(
  scripts: Record<string, string>,
  steps: readonly Step[] = STEPS,
): { run: Step[]; missingScripts: string[] } {
  const claimed = [...new Set(steps.map((step) => step.script))];
  const missingScripts = claimed.filter((script) => scripts[script] === undefined);
  for (const script of claimed) {
    if (scripts[script] === undefined) continue;
    const theirs = scripts[script].split(" && ").map((command) => command.trim());
    const ours = steps.filter((step) => step.script === script).map((step) => step.command);
    if (theirs.join("\n") !== ours.join("\n")) {
      throw new Error(
        `scripts/build-plan.ts and package.json disagree on the "${script}" script:\n` +
          `  package.json runs: ${theirs.join("  &&  ")}\n  the build runs:    ${ours.join("  &&  ")}\n` +
          `Change both together.`,
      );
    }
  }
  const run = steps.filter((step) => !missingScripts.includes(step.script));
  run.forEach((step, index) => {
    for (const before of step.after) {
      if (!run.some((other) => other.name === before)) {
        throw new Error(`build step ${step.name} needs ${before}, which this project does not have`);
      }
      if (!run.slice(0, index).some((other) => other.name === before)) {
        throw new Error(`scripts/build-plan.ts: step ${step.name} must come after ${before} in STEPS`);
      }
    }
  });
  return { run, missingScripts };
}
