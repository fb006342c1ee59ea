/**
 * The gate's fixture corpus (fixtures/corpus.yaml): each fixture is a release and a change, made by
 * JSON-Patch-like edits of one of our real bundles in generated/. Loaded by the gate's tests and by
 * bench/diff.ts, which measures other engines on it.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export type Kind = "breaking" | "warning" | "quiet";

export interface Fixture {
  kind: Kind;
  /** The rule ID (breaking, warning) or a description (quiet). */
  name: string;
  /** `generated/openapi.json`, `generated/cse.openapi.json`... */
  file: string;
  /** The operation the change must be reported on, when the fixture says. */
  operation?: string;
  before: Record<string, unknown>;
  /** Undefined when the fixture deletes the bundle. */
  after?: Record<string, unknown>;
}

type Json = Record<string, unknown>;
type Edit = Record<string, unknown>;
interface Entry {
  bundle?: string;
  operation?: string;
  before?: Edit[];
  after?: Edit[] | "deleted";
}

const GENERATED = new URL("../../generated/", import.meta.url);
const bundles = new Map<string, Json>();

/** One of our real bundles, parsed once. */
export function bundle(file: string): Json {
  let doc = bundles.get(file);
  if (!doc) bundles.set(file, (doc = JSON.parse(readFileSync(new URL(file.replace(/^generated\//, ""), GENERATED), "utf8")) as Json));
  return doc;
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** `@Op`, `@@Op`, `@Op>body`, `@Op>200`, `@Op?name` written out as JSON pointers into `doc`. */
function expand(pointer: string, doc: Json, where: string): string {
  const match = /^(@@?)([A-Za-z0-9_]+)(?:>(body|\d{3})|\?([A-Za-z0-9_.-]+))?(\/.*)?$/.exec(pointer);
  if (!match) {
    if (!pointer.startsWith("/")) throw new Error(`${where}: ${pointer} is not a JSON pointer`);
    return pointer;
  }
  const [, at, id, part, parameter, rest = ""] = match;
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId !== id) continue;
      if (at === "@@") return `/paths/${escape(path)}${rest}`;
      let base = `/paths/${escape(path)}/${method}`;
      if (part === "body") base += "/requestBody/content/application~1json/schema";
      else if (part) base += `/responses/${part}/content/application~1json/schema`;
      else if (parameter) {
        const index = ((operation.parameters ?? []) as Json[]).findIndex((p) => p.name === parameter);
        if (index < 0) throw new Error(`${where}: ${id} has no inline parameter ${parameter}`);
        base += `/parameters/${index}`;
      }
      return base + rest;
    }
  }
  throw new Error(`${where}: no operation ${id} in the bundle`);
}

/** Applies one edit (`<op> <pointer>: value`; op add, replace or remove as RFC 6902 defines them) to `doc`. */
function apply(doc: Json, edit: Edit, where: string): void {
  const keys = Object.keys(edit);
  const match = keys.length === 1 ? /^(add|replace|remove) (\S+)$/.exec(keys[0]!) : null;
  if (!match) throw new Error(`${where}: an edit is one "<add|replace|remove> <pointer>: value" pair, not ${JSON.stringify(edit)}`);
  const [, op, raw] = match as unknown as [string, "add" | "replace" | "remove", string];
  const pointer = expand(raw, doc, where);
  const segments = pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = segments.pop()!;
  let parent: unknown = doc;
  for (const segment of segments) {
    parent = Array.isArray(parent) ? parent[Number(segment)] : (parent as Json | undefined)?.[segment];
    if (typeof parent !== "object" || parent === null) throw new Error(`${where}: ${pointer}: ${segment} does not exist`);
  }
  const value = structuredClone(edit[keys[0]!]);
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length || (op !== "add" && index >= parent.length)) throw new Error(`${where}: ${pointer}: no index ${last}`);
    if (op === "add") parent.splice(index, 0, value);
    else if (op === "replace") parent[index] = value;
    else parent.splice(index, 1);
    return;
  }
  const object = parent as Json;
  if (op !== "add" && !Object.hasOwn(object, last)) throw new Error(`${where}: ${pointer} does not exist`);
  if (op === "remove") delete object[last];
  else object[last] = value;
}

/** The bundle with `edits` made to a copy of it; the bundle itself when there are none (the gate does not change what it reads). */
function edited(file: string, edits: Edit[] | undefined, where: string): Json {
  if (!edits?.length) return bundle(file);
  const doc = structuredClone(bundle(file));
  for (const edit of edits ?? []) apply(doc, edit, where);
  return doc;
}

/** Every fixture of the corpus, its documents made. */
export function loadCorpus(): Fixture[] {
  const corpus = parse(readFileSync(new URL("fixtures/corpus.yaml", import.meta.url), "utf8")) as Record<Kind, Record<string, Entry | Entry[]>>;
  const fixtures: Fixture[] = [];
  for (const kind of ["breaking", "warning", "quiet"] as const) {
    for (const [name, value] of Object.entries(corpus[kind])) {
      for (const [i, entry] of (Array.isArray(value) ? value : [value]).entries()) {
        const where = `corpus.yaml ${kind} ${name}${Array.isArray(value) ? ` #${i + 1}` : ""}`;
        const file = `generated/${entry.bundle ? `${entry.bundle}.openapi` : "openapi"}.json`;
        fixtures.push({
          kind,
          name,
          file,
          operation: entry.operation,
          before: edited(file, entry.before, `${where} before`),
          after: entry.after === "deleted" ? undefined : edited(file, entry.after, `${where} after`),
        });
      }
    }
  }
  return fixtures;
}
