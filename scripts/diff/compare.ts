/**
 * Every change between two OpenAPI bundles, per operation, each classified as api-smart-diff does
 * (breaking, non-breaking, deprecated, annotation, unclassified), with two corrections where it
 * reads the response side like the request side (see RECLASSIFY).
 */
import { apiCompare } from "api-smart-diff";

export type ChangeType = "breaking" | "non-breaking" | "deprecated" | "annotation" | "unclassified";

export interface Change {
  /** `RetryEngine`, or `(whole API)` for root-level changes, or the path for path-level ones. */
  operation: string;
  /** `PUT /v2/{project_id}/...`, empty for root-level changes. */
  where: string;
  type: ChangeType;
  action: "add" | "remove" | "replace" | "rename";
  /** The JSON pointer of the change inside the operation (or the document). */
  pointer: string;
  description: string;
  /** The name a changelog entry must mention: the field, enum, response code or operation changed. */
  subject: string;
}

type Doc = { paths?: Record<string, Record<string, { operationId?: string }>> };
type Diff = { action: Change["action"]; path: (string | number)[]; type: ChangeType; description?: string; before?: unknown; after?: unknown };

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const KEYWORDS = new Set(["type", "enum", "format", "required", "minimum", "maximum", "minLength", "maxLength", "pattern", "items", "const", "oneOf", "anyOf", "allOf", "schema", "content", "properties", "additionalProperties"]);

/**
 * api-smart-diff rules that this API's users see the other way round:
 * - a response header that becomes `required` is a promise to the client, not a demand on it
 *   (api-smart-diff calls it breaking, as it would be for a request parameter); dropping the
 *   promise is breaking;
 * - a response property removed, optional or not, breaks the clients that read it (api-smart-diff
 *   calls only the removal of a required one breaking);
 * - a value removed from a server variable's `enum` (a region) takes away a URL clients use
 *   (api-smart-diff calls it an annotation);
 * - a response `links` entry added or changed only tells readers and generators which operation
 *   follows (api-smart-diff leaves it unclassified); removing one may break code generated from it;
 * - a tag's description is text only (api-smart-diff leaves it unclassified).
 */
const RECLASSIFY: { test: (p: string[]) => boolean; type: (d: Diff) => ChangeType }[] = [
  {
    test: (p) => p.at(-1) === "required" && p.at(-3) === "headers" && p.includes("responses"),
    type: (d) => {
      const was = d.action !== "add" && d.before === true;
      const now = d.action !== "remove" && d.after === true;
      return was && !now ? "breaking" : "non-breaking";
    },
  },
  {
    test: (p) => p.includes("responses") && p.at(-2) === "properties",
    type: (d) => (d.action === "remove" ? "breaking" : d.type),
  },
  {
    test: (p) => p.includes("servers") && p.at(-2) === "enum" && p.includes("variables"),
    type: (d) => (d.action === "remove" || d.action === "replace" ? "breaking" : "non-breaking"),
  },
  {
    test: (p) => p.includes("responses") && p.includes("links"),
    type: (d) => (d.action === "remove" ? "breaking" : "non-breaking"),
  },
  {
    test: (p) => p[0] === "tags" && p.at(-1) === "description",
    type: () => "annotation",
  },
];

/** What a changelog entry names for this change (see Change.subject). */
function subjectOf(path: string[], diff: Diff, operation: string): string {
  const at = path.lastIndexOf("required");
  if (at >= 0 && at >= path.length - 2 && path.at(-1) !== "required") return String(diff.action === "remove" ? diff.before : diff.after);
  const named = path.filter((segment, i) => path[i - 1] === "properties" || path[i - 1] === "responses" || path[i - 1] === "headers" || path[i - 1] === "parameters");
  if (named.length) return named.at(-1)!;
  const last = [...path].reverse().find((s) => !/^\d+$/.test(s) && !KEYWORDS.has(s));
  return path.length <= 3 ? operation : (last ?? operation);
}

export function compareBundles(before: Doc, after: Doc): Change[] {
  // apiCompare normalises its arguments in place (path-level servers and parameters move into the operations).
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after)) as { diffs: Diff[] };
  const changes: Change[] = [];
  for (const diff of diffs) {
    const path = diff.path.map(String);
    // The same change shows again under components/ (where the $ref pointed): the operations' view is enough.
    if (path[0] === "components") continue;
    let operation = "(whole API)";
    let where = "";
    let rest = path;
    if (path[0] === "paths" && path[1] !== undefined) {
      const method = path[2];
      if (method && METHODS.has(method)) {
        const op = after.paths?.[path[1]]?.[method] ?? before.paths?.[path[1]]?.[method];
        operation = op?.operationId ?? `${method.toUpperCase()} ${path[1]}`;
        where = `${method.toUpperCase()} ${path[1]}`;
        rest = path.slice(3);
      } else {
        operation = `every operation of ${path[1]}`;
        where = path[1];
        rest = path.slice(2);
      }
    } else if (path[0] === "paths") {
      rest = path.slice(1);
    }
    const rule = RECLASSIFY.find((r) => r.test(path));
    const type = rule ? rule.type(diff) : diff.type;
    const pointer = `/${rest.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
    const description = diff.description || `${diff.action} ${pointer === "/" ? "the operation" : pointer}`;
    changes.push({ operation, where, type, action: diff.action, pointer, description, subject: subjectOf(rest, diff, operation) });
  }
  return changes;
}
