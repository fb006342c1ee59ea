/**
 * Every change between two versions of our bundles: per operation (matched by method and path
 * template, so a renamed path parameter is the same operation), plus what belongs to a document as
 * a whole (its servers, its component schemas, its webhooks, the bundle itself). The same change
 * seen in the combined bundle and in a service's bundle is reported once, with both bundles.
 */
import { pointer, type Change, DiffInputError } from "./change.js";
import { isObject, templateKey, type OpenApiDocument, type Operation } from "./document.js";
import { compareOperation, removalRule, type Finding } from "./operation.js";
import { same } from "./schema.js";
import { compareServers, serverList } from "./servers.js";

export type { Change, Level } from "./change.js";

/** One bundle at the release (`before`) and now (`after`); a side is missing when the file is. */
export interface BundlePair {
  file: string;
  before?: OpenApiDocument;
  after?: OpenApiDocument;
}

export interface CompareOptions {
  /** The day sunset dates are compared with (today by default). */
  today?: Date;
}

const location = (path: string[]) => (path[0] === "#" ? `#${pointer(path.slice(1))}` : pointer(path));

function byKey(doc: OpenApiDocument, kind: "paths" | "webhooks"): Map<string, Operation> {
  const map = new Map<string, Operation>();
  for (const operation of doc.operations(kind)) {
    const other = map.get(operation.key);
    if (other) throw new DiffInputError(`${doc.file}: ${kind} ${JSON.stringify(other.path)} and ${JSON.stringify(operation.path)} are the same ${operation.method.toUpperCase()} operation (paths that differ only in parameter names)`);
    map.set(operation.key, operation);
  }
  return map;
}

/** The changes from `before` to `after`, two versions of one bundle. */
export function compareDocuments(before: OpenApiDocument, after: OpenApiDocument, options: CompareOptions = {}): Change[] {
  const changes: Change[] = [];
  const bundle = after.file;
  const onDocument = (f: Finding) => changes.push({ ...f, operation: "", where: bundle, location: location(f.path), bundles: [bundle] });
  const onOperation = (operation: Operation) => (f: Finding) =>
    changes.push({ id: f.id, level: f.level, operation: operation.name, where: `${operation.method.toUpperCase()} ${operation.path}`, location: location(f.path), subject: f.subject, text: f.text, bundles: [bundle] });

  const ob = byKey(before, "paths");
  const oa = byKey(after, "paths");
  const pathsAfter = new Set([...oa.values()].map((o) => templateKey(o.path)));
  for (const [key, a] of oa) {
    const b = ob.get(key);
    if (b) compareOperation({ before, after }, b, a, onOperation(a));
    else onOperation(a)({ id: "endpoint-added", level: "info", path: [], subject: a.name, text: "operation added" });
  }
  for (const [key, b] of ob) {
    if (oa.has(key)) continue;
    const { id, level } = removalRule(b, !pathsAfter.has(templateKey(b.path)), options.today);
    onOperation(b)({ id, level, path: [], subject: b.name, text: `operation removed${b.operation.deprecated === true ? " (it was deprecated)" : ""}` });
  }

  const wb = isObject(before.root.webhooks) ? before.root.webhooks : {};
  const wa = isObject(after.root.webhooks) ? after.root.webhooks : {};
  for (const name of new Set([...Object.keys(wb), ...Object.keys(wa)])) {
    const path = ["#", "webhooks", name];
    if (!Object.hasOwn(wa, name)) onDocument({ id: "webhook-removed", level: "error", path, subject: name, text: `webhook ${JSON.stringify(name)} removed` });
    else if (!Object.hasOwn(wb, name)) onDocument({ id: "webhook-added", level: "info", path, subject: name, text: `webhook ${JSON.stringify(name)} added` });
    // Webhooks are requests our API sends: their changes are not classified; a person looks at them.
    else if (!same(wb[name], wa[name])) onDocument({ id: "unclassified-change", level: "error", path, subject: name, text: `webhook ${JSON.stringify(name)} changed; no rule covers it: check it by hand` });
  }

  // Generated clients name their models after component schemas: one that goes takes a type with it.
  const schemas = (doc: OpenApiDocument) => (isObject(doc.root.components) && isObject(doc.root.components.schemas) ? doc.root.components.schemas : {});
  const sb = schemas(before);
  const sa = schemas(after);
  for (const name of Object.keys(sb)) {
    if (!Object.hasOwn(sa, name)) onDocument({ id: "api-schema-removed", level: "error", path: ["#", "components", "schemas", name], subject: name, text: `component schema ${JSON.stringify(name)} removed` });
  }
  for (const name of Object.keys(sa)) {
    if (!Object.hasOwn(sb, name)) onDocument({ id: "api-schema-added", level: "info", path: ["#", "components", "schemas", name], subject: name, text: `component schema ${JSON.stringify(name)} added` });
  }

  // The document's own servers: what a generator that takes one base URL for the whole document uses.
  compareServers(serverList(before, before.root.servers, "servers"), serverList(after, after.root.servers, "servers"), (f) => onDocument({ ...f, path: ["#", "servers", ...f.path] }));

  for (const key of new Set([...Object.keys(before.root), ...Object.keys(after.root)])) {
    if (["paths", "webhooks", "components", "servers", "security"].includes(key) || same(before.root[key], after.root[key])) continue;
    const text = ["info", "tags", "externalDocs", "openapi"].includes(key) || key.startsWith("x-");
    onDocument({
      id: text ? "api-document-annotation-changed" : "unclassified-change",
      level: text ? "info" : "error",
      path: ["#", key],
      subject: key,
      text: text ? `${key} changed` : `${key} changed; no rule covers it: check it by hand`,
    });
  }
  return changes;
}

/** The changes in every bundle, each reported once with the bundles it was seen in. */
export function compareBundles(pairs: BundlePair[], options: CompareOptions = {}): Change[] {
  const merged = new Map<string, Change>();
  for (const { file, before, after } of pairs) {
    let changes: Change[];
    if (before && after) changes = compareDocuments(before, after, options);
    else if (before) changes = [{ id: "bundle-removed", level: "error", operation: "", where: file, location: "", subject: file, text: `bundle ${file} removed`, bundles: [file] }];
    else changes = [{ id: "bundle-added", level: "info", operation: "", where: file, location: "", subject: file, text: `bundle ${file} added`, bundles: [file] }];
    for (const change of changes) {
      // The same operation in two bundles; document-level changes stay per bundle (their `where`).
      const key = [change.operation, change.operation ? "" : change.where, change.id, change.location, change.subject, change.text].join("\u0000");
      const seen = merged.get(key);
      if (seen) seen.bundles.push(file);
      else merged.set(key, change);
    }
  }
  return [...merged.values()];
}
