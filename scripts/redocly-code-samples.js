/**
 * Redocly plugin: a decorator that sets `x-codeSamples` on every operation from the files
 * `openapi/code-samples/<operationId>.sh` (curl) and `<operationId>.ts` (our TypeScript client).
 * The TypeScript files are compiled by the test suite, so a sample shown in the docs or shipped in
 * the bundles cannot drift from the client's API. It is plain JavaScript because Redocly loads
 * plugins with Node's own loader.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SAMPLES_DIR = new URL("../openapi/code-samples/", import.meta.url);

/** The order here is the order of the tabs in the docs. */
export const SAMPLE_KINDS = [
  { extension: "sh", lang: "curl", label: "curl" },
  { extension: "ts", lang: "TypeScript", label: "TypeScript" },
];

/**
 * The code samples of one operation, read from disk.
 * @param {string} operationId
 * @returns {{ lang: string, label: string, source: string }[]}
 */
export function readCodeSamples(operationId) {
  return SAMPLE_KINDS.map(({ extension, lang, label }) => {
    const file = fileURLToPath(new URL(`${operationId}.${extension}`, SAMPLES_DIR));
    let source;
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      throw new Error(`code-samples: operation "${operationId}" has no ${label} sample: cannot read ${file} (${error.code ?? error.message})`);
    }
    if (source.trim() === "") throw new Error(`code-samples: ${file} is empty`);
    return { lang, label, source: `${source.trim()}\n` };
  });
}

/** `file#pointer` of a node, for error messages. */
function where(location) {
  return `${location.source.absoluteRef}${location.pointer}`;
}

const sameSamples = (a, b) =>
  Array.isArray(a) &&
  a.length === b.length &&
  a.every((sample, i) => ["lang", "label", "source"].every((key) => sample?.[key] === b[i][key]));

/*
 * Problems throw instead of using ctx.report: `build-docs` ignores reported problems, and a page
 * without its samples, or with other ones, must not be published. Samples already in place are
 * accepted only when they are exactly the files' (a bundle from `npm run bundle` rendered by
 * `npm run docs`); anything else is a hand-written or stale copy.
 */
function injectCodeSamples() {
  return {
    Operation: {
      leave(operation, ctx) {
        const { operationId } = operation;
        if (typeof operationId !== "string") {
          throw new Error(`code-samples: ${where(ctx.location)}: an operation without operationId cannot get code samples`);
        }
        const samples = readCodeSamples(operationId);
        const existing = operation["x-codeSamples"];
        if (existing !== undefined && !sameSamples(existing, samples)) {
          throw new Error(
            `code-samples: ${where(ctx.location)}: operation "${operationId}" has x-codeSamples that differ from ` +
              "openapi/code-samples/ (samples belong there; if this is a bundle, run npm run bundle)",
          );
        }
        operation["x-codeSamples"] = samples;
      },
    },
  };
}

export default function codeSamplesPlugin() {
  return {
    id: "code-samples",
    decorators: { oas3: { inject: injectCodeSamples } },
  };
}
