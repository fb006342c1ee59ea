/**
 * Two versions of one operation compared: its identity, parameters (with those it inherits from its
 * path), request body, responses (status, headers, media types, bodies), security and servers.
 * Schemas are compared by schema.ts, knowing which side of the exchange they are on.
 */
import { isDeepStrictEqual } from "node:util";
import { DiffInputError, show, type Level } from "./change.js";
import { isObject, parameterKey, type Obj, type OpenApiDocument, type Operation } from "./document.js";
import { compareSchema, same, type Finding } from "./schema.js";
import { compareSecurity, requirements } from "./security.js";
import { compareServers, serverList } from "./servers.js";

export type { Finding } from "./schema.js";

type Report = (finding: Finding) => void;

interface Docs {
  before: OpenApiDocument;
  after: OpenApiDocument;
}

/**
 * The keys of an OpenAPI object other than those compared elsewhere: text (and `x-` extensions) is
 * reported as info, anything else as an unclassified change to look at.
 */
function compareRest(b: Obj, a: Obj, compared: readonly string[], text: readonly string[], path: string[], subject: string, what: string, report: Report): void {
  const changed: string[] = [];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (compared.includes(key) || same(b[key], a[key])) continue;
    if (text.includes(key) || key.startsWith("x-")) changed.push(key);
    else report({ id: "unclassified-change", level: "error", path: [...path, key], subject, text: `${what}: ${key} changed from ${show(b[key])} to ${show(a[key])}; no rule covers it: check it by hand` });
  }
  if (changed.length) report({ id: "annotation-changed", level: "info", path: changed.length === 1 ? [...path, changed[0]!] : path, subject, text: `${what}: ${changed.join(", ")} changed` });
}

const TEXT = ["summary", "description", "example", "examples", "externalDocs", "tags", "deprecated"];

export function compareOperation(docs: Docs, b: Operation, a: Operation, report: Report): void {
  const ob = b.operation;
  const oa = a.operation;
  if (ob.operationId !== oa.operationId) {
    // Generated clients name their methods after the operationId.
    if (typeof ob.operationId === "string" && typeof oa.operationId === "string") {
      report({ id: "api-operation-id-changed", level: "error", path: ["operationId"], subject: ob.operationId, text: `operationId changed from ${show(ob.operationId)} to ${show(oa.operationId)}` });
    } else if (typeof ob.operationId === "string") {
      report({ id: "api-operation-id-removed", level: "error", path: ["operationId"], subject: ob.operationId, text: `operationId ${show(ob.operationId)} removed` });
    } else {
      report({ id: "api-operation-id-added", level: "info", path: ["operationId"], subject: String(oa.operationId), text: `operationId ${show(oa.operationId)} added` });
    }
  }
  if (ob.deprecated !== oa.deprecated) {
    const now = oa.deprecated === true;
    report({ id: now ? "endpoint-deprecated" : "endpoint-reactivated", level: "info", path: ["deprecated"], subject: a.name, text: now ? "deprecated" : "no longer deprecated" });
  }
  compareRest(ob, oa, ["operationId", "deprecated", "parameters", "requestBody", "responses", "security", "servers"], TEXT, [], a.name, "the operation", report);
  compareParameters(docs, b, a, report);
  compareRequestBody(docs, ob.requestBody, oa.requestBody, report);
  compareResponses(docs, ob.responses, oa.responses, report);
  const where = `${a.method.toUpperCase()} ${a.path}`;
  compareSecurity(docs.before, docs.after, requirements(docs.before, ob, where), requirements(docs.after, oa, where), report);
  // Servers an operation inherits from the root are compared once, for the whole document.
  const ownB = ob.servers ?? b.item.servers;
  const ownA = oa.servers ?? a.item.servers;
  if (ownB !== undefined || ownA !== undefined) {
    const listB = serverList(docs.before, ownB ?? docs.before.root.servers, `${where} servers`);
    const listA = serverList(docs.after, ownA ?? docs.after.root.servers, `${where} servers`);
    compareServers(listB, listA, (f) => report({ ...f, path: ["servers", ...f.path] }));
  }
}

interface Parameter {
  parameter: Obj;
  /** Declared on the path item (for every operation under it) or on the operation. */
  on: "path" | "operation";
}

function parameters(doc: OpenApiDocument, operation: Operation): Map<string, Parameter> {
  const map = new Map<string, Parameter>();
  const where = `${operation.method.toUpperCase()} ${operation.path}`;
  for (const [on, list] of [["path", operation.item.parameters], ["operation", operation.operation.parameters]] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new DiffInputError(`${doc.file}: ${where}: "parameters" is not a list`);
    list.forEach((raw, i) => {
      const parameter = doc.object(raw, `${where} parameters[${i}]`)!;
      if (typeof parameter.name !== "string" || typeof parameter.in !== "string") {
        throw new DiffInputError(`${doc.file}: ${where}: parameters[${i}] has no string "name" and "in"`);
      }
      map.set(parameterKey(parameter), { parameter, on });
    });
  }
  return map;
}

/** A parameter's (or header's) schema: `schema`, or the schema of its single `content` entry. */
function schemaOf(object: Obj): unknown {
  if (object.schema !== undefined) return object.schema;
  const content = isObject(object.content) ? Object.values(object.content)[0] : undefined;
  return isObject(content) ? content.schema : undefined;
}

/** Deprecated, with an `x-sunset` date still to come: removing it now is early. */
function sunsetAhead(object: Obj, today: Date = new Date()): boolean {
  const sunset = object["x-sunset"];
  return object.deprecated === true && typeof sunset === "string" && Date.parse(sunset) > today.getTime();
}

function compareParameters(docs: Docs, b: Operation, a: Operation, report: Report): void {
  const pb = parameters(docs.before, b);
  const pa = parameters(docs.after, a);
  for (const [key, { parameter: p, on }] of pa) {
    const old = pb.get(key)?.parameter;
    const name = String(p.name);
    const path = ["parameters", String(p.in), name];
    const what = `${p.in} parameter ${name}`;
    if (!old) {
      const required = p.required === true || p.in === "path";
      const onPath = on === "path" && pb.get(key) === undefined;
      let id = onPath ? "new-optional-request-default-parameter-to-existing-path" : "new-optional-request-parameter";
      if (required) id = p.in === "path" ? "new-request-path-parameter" : onPath ? "new-required-request-default-parameter-to-existing-path" : "new-required-request-parameter";
      report({ id, level: required ? "error" : "info", path, subject: name, text: `${what} added${required ? ", required" : ", optional"}` });
      continue;
    }
    const wasRequired = old.required === true || old.in === "path";
    const isRequired = p.required === true || p.in === "path";
    if (wasRequired !== isRequired) {
      report({ id: isRequired ? "request-parameter-became-required" : "request-parameter-became-optional", level: isRequired ? "error" : "info", path: [...path, "required"], subject: name, text: `${what} became ${isRequired ? "required" : "optional"}` });
    }
    const sb = schemaOf(old);
    const sa = schemaOf(p);
    if (sb !== undefined && sa !== undefined) {
      compareSchema({ ...docs, report }, sb, sa, { direction: "request", family: "parameter", in: String(p.in), path: [...path, "schema"], subject: name, root: false, refs: [] });
    } else if (sb !== sa) {
      report({ id: "unclassified-change", level: "error", path: [...path, "schema"], subject: name, text: `${what}: schema changed from ${show(sb)} to ${show(sa)}; no rule covers it: check it by hand` });
    }
    // How the value is written into the request (style, explode...) is compared as is: any change breaks serialisation.
    const contentB = isObject(old.content) ? Object.keys(old.content) : undefined;
    const contentA = isObject(p.content) ? Object.keys(p.content) : undefined;
    if (!isDeepStrictEqual(contentB, contentA)) {
      report({ id: "unclassified-change", level: "error", path: [...path, "content"], subject: name, text: `${what}: media type changed from ${show(contentB)} to ${show(contentA)}; no rule covers it: check it by hand` });
    }
    compareRest(old, p, ["name", "in", "required", "schema", "content"], [...TEXT, "x-sunset"], path, name, what, report);
  }
  for (const [key, { parameter: p }] of pb) {
    if (pa.has(key)) continue;
    const name = String(p.name);
    const id = sunsetAhead(p) ? "request-parameter-removed-before-sunset" : p.deprecated === true ? "request-parameter-removed-with-deprecation" : "request-parameter-removed";
    // A parameter removed is an argument gone from generated clients' signatures.
    report({ id, level: "error", path: ["parameters", String(p.in), name], subject: name, text: `${p.in} parameter ${name} removed` });
  }
}

function mediaTypes(doc: OpenApiDocument, content: unknown, where: string): Map<string, { type: string; media: Obj }> {
  const map = new Map<string, { type: string; media: Obj }>();
  const object = doc.object(content, where);
  for (const [type, media] of Object.entries(object ?? {})) {
    map.set(type.toLowerCase(), { type, media: doc.object(media, `${where}[${JSON.stringify(type)}]`)! });
  }
  return map;
}

function compareRequestBody(docs: Docs, before: unknown, after: unknown, report: Report): void {
  const b = docs.before.object(before, "requestBody");
  const a = docs.after.object(after, "requestBody");
  const subject = "requestBody";
  if (!b && !a) return;
  if (!b) {
    const required = a!.required === true;
    report({ id: required ? "request-body-added-required" : "request-body-added-optional", level: required ? "error" : "info", path: ["requestBody"], subject, text: `request body added${required ? ", required" : ", optional"}` });
    return;
  }
  if (!a) {
    report({ id: "request-body-removed", level: "error", path: ["requestBody"], subject, text: "request body removed" });
    return;
  }
  if ((b.required === true) !== (a.required === true)) {
    const now = a.required === true;
    report({ id: now ? "request-body-became-required" : "request-body-became-optional", level: now ? "error" : "info", path: ["requestBody", "required"], subject, text: `request body became ${now ? "required" : "optional"}` });
  }
  const mb = mediaTypes(docs.before, b.content, "requestBody.content");
  const ma = mediaTypes(docs.after, a.content, "requestBody.content");
  for (const [key, { type, media }] of ma) {
    const path = ["requestBody", "content", type];
    const old = mb.get(key);
    if (!old) {
      report({ id: "request-body-media-type-added", level: "info", path, subject: type, text: `request body media type ${show(type)} added` });
      continue;
    }
    if (old.media.schema === undefined && media.schema !== undefined) {
      report({ id: "request-body-media-type-schema-added", level: "error", path: [...path, "schema"], subject: type, text: `request body ${show(type)}: schema added` });
    } else if (old.media.schema !== undefined && media.schema === undefined) {
      report({ id: "request-body-media-type-schema-removed", level: "info", path: [...path, "schema"], subject: type, text: `request body ${show(type)}: schema removed` });
    } else if (media.schema !== undefined) {
      compareSchema({ ...docs, report }, old.media.schema, media.schema, { direction: "request", family: "body", path: [...path, "schema"], subject, root: true, refs: [] });
    }
    compareRest(old.media, media, ["schema"], TEXT, path, subject, `request body ${show(type)}`, report);
  }
  for (const [key, { type }] of mb) {
    if (!ma.has(key)) report({ id: "request-body-media-type-removed", level: "error", path: ["requestBody", "content", type], subject: type, text: `request body media type ${show(type)} removed` });
  }
  compareRest(b, a, ["required", "content"], TEXT, ["requestBody"], subject, "request body", report);
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/** `application/*` and `*\/*` cover `application/json`. */
function covers(wide: string, type: string): boolean {
  const [w1, w2] = wide.split(";")[0]!.trim().split("/");
  const [t1] = type.split(";")[0]!.trim().split("/");
  return (w1 === "*" && w2 === "*") || (w1 === t1 && w2 === "*");
}

function compareResponses(docs: Docs, before: unknown, after: unknown, report: Report): void {
  const rb = docs.before.object(before, "responses") ?? {};
  const ra = docs.after.object(after, "responses") ?? {};
  for (const status of Object.keys(ra)) {
    if (Object.hasOwn(rb, status)) compareResponse(docs, status, rb[status], ra[status], report);
    else report({ id: isSuccess(status) ? "response-success-status-added" : "response-non-success-status-added", level: "info", path: ["responses", status], subject: status, text: `response ${status} added` });
  }
  for (const status of Object.keys(rb)) {
    if (Object.hasOwn(ra, status)) continue;
    // A success status gone breaks every client; an error status gone only changes what clients may see.
    const success = isSuccess(status);
    report({ id: success ? "response-success-status-removed" : "response-non-success-status-removed", level: success ? "error" : "warning", path: ["responses", status], subject: status, text: `response ${status} removed` });
  }
}

function headers(doc: OpenApiDocument, value: unknown, where: string): Map<string, { name: string; header: Obj }> {
  const map = new Map<string, { name: string; header: Obj }>();
  for (const [name, header] of Object.entries(doc.object(value, where) ?? {})) {
    map.set(name.toLowerCase(), { name, header: doc.object(header, `${where}[${JSON.stringify(name)}]`)! });
  }
  return map;
}

function compareResponse(docs: Docs, status: string, before: unknown, after: unknown, report: Report): void {
  const where = `responses[${status}]`;
  const b = docs.before.object(before, where)!;
  const a = docs.after.object(after, where)!;
  const base = ["responses", status];

  const hb = headers(docs.before, b.headers, `${where}.headers`);
  const ha = headers(docs.after, a.headers, `${where}.headers`);
  for (const [key, { name, header }] of ha) {
    const path = [...base, "headers", name];
    const old = hb.get(key)?.header;
    if (!old) {
      report({ id: "response-header-added", level: "info", path, subject: name, text: `response header ${name} (${status}) added` });
      continue;
    }
    if ((old.required === true) !== (header.required === true)) {
      const now = header.required === true;
      report({ id: now ? "response-header-became-required" : "response-header-became-optional", level: now ? "info" : "error", path: [...path, "required"], subject: name, text: `response header ${name} (${status}) became ${now ? "required" : "optional"}` });
    }
    const sb = schemaOf(old);
    const sa = schemaOf(header);
    if (sb !== undefined && sa !== undefined) {
      compareSchema({ ...docs, report }, sb, sa, { direction: "response", family: "header", status, path: [...path, "schema"], subject: name, root: false, refs: [] });
    } else if (sb !== sa) {
      report({ id: "unclassified-change", level: "error", path: [...path, "schema"], subject: name, text: `response header ${name} (${status}): schema changed from ${show(sb)} to ${show(sa)}; no rule covers it: check it by hand` });
    }
    compareRest(old, header, ["required", "schema"], TEXT, path, name, `response header ${name} (${status})`, report);
  }
  for (const [key, { name, header }] of hb) {
    if (ha.has(key)) continue;
    const required = header.required === true;
    report({ id: required ? "required-response-header-removed" : "optional-response-header-removed", level: required ? "error" : "warning", path: [...base, "headers", name], subject: name, text: `response header ${name} (${status}) removed` });
  }

  const mb = mediaTypes(docs.before, b.content, `${where}.content`);
  const ma = mediaTypes(docs.after, a.content, `${where}.content`);
  const generalising = new Set<string>();
  for (const [key, { type }] of mb) {
    if (ma.has(key)) continue;
    const wider = [...ma.values()].find((m) => !mb.has(m.type.toLowerCase()) && covers(m.type, type));
    if (wider) {
      generalising.add(wider.type.toLowerCase());
      report({ id: "response-media-type-name-generalized", level: "error", path: [...base, "content", wider.type], subject: type, text: `response ${status}: media type ${show(type)} became ${show(wider.type)}` });
    } else report({ id: "response-media-type-removed", level: "error", path: [...base, "content", type], subject: type, text: `response ${status}: media type ${show(type)} removed` });
  }
  for (const [key, { type, media }] of ma) {
    const path = [...base, "content", type];
    const old = mb.get(key)?.media;
    if (!old) {
      if (!generalising.has(key)) report({ id: "response-media-type-added", level: "info", path, subject: type, text: `response ${status}: media type ${show(type)} added` });
      continue;
    }
    if (old.schema !== undefined && media.schema === undefined) {
      report({ id: "response-body-media-type-schema-removed", level: "warning", path: [...path, "schema"], subject: status, text: `response body (${status}) ${show(type)}: schema removed` });
    } else if (old.schema === undefined && media.schema !== undefined) {
      report({ id: "response-body-media-type-schema-added", level: "info", path: [...path, "schema"], subject: status, text: `response body (${status}) ${show(type)}: schema added` });
    } else if (media.schema !== undefined) {
      compareSchema({ ...docs, report }, old.schema, media.schema, { direction: "response", family: "body", status, path: [...path, "schema"], subject: status, root: true, refs: [] });
    }
    compareRest(old, media, ["schema"], TEXT, path, status, `response ${status} ${show(type)}`, report);
  }

  const lb = docs.before.object(b.links, `${where}.links`) ?? {};
  const la = docs.after.object(a.links, `${where}.links`) ?? {};
  for (const name of new Set([...Object.keys(lb), ...Object.keys(la)])) {
    const path = [...base, "links", name];
    if (!Object.hasOwn(la, name)) report({ id: "response-link-removed", level: "warning", path, subject: name, text: `response ${status}: link ${show(name)} removed` });
    else if (!Object.hasOwn(lb, name)) report({ id: "response-link-added", level: "info", path, subject: name, text: `response ${status}: link ${show(name)} added` });
    else if (!same(lb[name], la[name])) report({ id: "response-link-changed", level: "info", path, subject: name, text: `response ${status}: link ${show(name)} changed` });
  }
  compareRest(b, a, ["headers", "content", "links"], TEXT, base, status, `response ${status}`, report);
}

/** Removing an operation: the rule depends on whether it was deprecated first and whether its sunset date has passed. */
export function removalRule(operation: Operation, pathGone: boolean, today?: Date): { id: string; level: Level } {
  const deprecated = operation.operation.deprecated === true;
  const stem = pathGone ? "api-path-removed" : "api-removed";
  const id = sunsetAhead(operation.operation, today) ? `${stem}-before-sunset` : deprecated ? `${stem}-with-deprecation` : `${stem}-without-deprecation`;
  // Semver counts a removal as breaking even after a deprecation: generated clients lose the method either way.
  return { id, level: "error" };
}

