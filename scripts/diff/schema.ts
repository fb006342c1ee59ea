/**
 * Two versions of one schema compared keyword by keyword, knowing which way the data flows: what a
 * client sends (request) may only get looser, what it receives (response) may only get tighter.
 * Each difference gets oasdiff's rule ID for it (`<direction>-<place>-<change>`: `request-property-max-length-decreased`,
 * `response-body-one-of-added`, ...) and a level; a keyword no rule covers is an `unclassified-change` error,
 * so that a change the gate does not understand is looked at, not waved through.
 */
import { isDeepStrictEqual } from "node:util";
import { DiffInputError, pointer, show, type Level } from "./change.js";
import { isObject, type Obj, type OpenApiDocument } from "./document.js";

export type Direction = "request" | "response";
/** Where a schema sits: a body, a property inside one, a parameter (or a property of one), a response header. */
export type Family = "body" | "property" | "parameter" | "parameter-property" | "header-property" | "header";

export interface SchemaAt {
  direction: Direction;
  family: Family;
  /** A parameter's `in` (query, path, header, cookie). */
  in?: string;
  /** The response status, for response schemas. */
  status?: string;
  /** Pointer segments from the operation to this schema. */
  path: string[];
  /** The changelog's name for it: `requestBody` or the status at a body's root, then `jobId`, `tasks[].jobId`, `limit`... */
  subject: string;
  /** True at a body's root, whose subject is not a property path. */
  root: boolean;
  /** The `$ref` pairs followed to get here: a pair met again is a recursive schema, compared once. */
  refs: readonly string[];
}

export interface Finding {
  id: string;
  level: Level;
  path: string[];
  subject: string;
  text: string;
}

export interface SchemaDocuments {
  before: OpenApiDocument;
  after: OpenApiDocument;
  report(finding: Finding): void;
}

/** A schema whose place in its operation is a longer pointer than this is taken for hostile input (ours reach about 20 segments). */
const MAX_SEGMENTS = 200;

/** Keywords that only describe: a change to them is reported as `info`. */
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "$comment", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml", "discriminator", "$id", "$schema", "$anchor", "$defs", "definitions"]);

/** Keywords compared by the checks below; any other keyword that changes is unclassified. */
const HANDLED = new Set([
  "$ref", "type", "nullable", "format", "enum", "x-extensible-enum", "const", "multipleOf", "pattern", "default",
  "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "maxItems", "minItems",
  "maxContains", "minContains", "maxProperties", "minProperties",
  "properties", "required", "additionalProperties", "patternProperties", "propertyNames", "dependentRequired",
  "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "items", "prefixItems", "contains",
  "allOf", "anyOf", "oneOf", "if", "then", "else", "contentSchema", "contentMediaType", "contentEncoding",
]);

/**
 * Numeric bounds. `upper`: a smaller value is stricter. `floor`: the value an absent lower bound
 * means. `setStyle`: an absent bound that appears is `<stem>-set` (else `-increased`/`-decreased`
 * from the floor), as oasdiff names them.
 */
const BOUNDS: { key: string; stem: string; upper: boolean; floor?: number; setStyle?: boolean }[] = [
  { key: "maximum", stem: "max", upper: true },
  { key: "exclusiveMaximum", stem: "exclusive-max", upper: true },
  { key: "minimum", stem: "min", upper: false, setStyle: true },
  { key: "exclusiveMinimum", stem: "exclusive-min", upper: false, setStyle: true },
  { key: "maxLength", stem: "max-length", upper: true },
  { key: "minLength", stem: "min-length", upper: false, floor: 0 },
  { key: "maxItems", stem: "max-items", upper: true },
  { key: "minItems", stem: "min-items", upper: false, floor: 0, setStyle: true },
  { key: "maxContains", stem: "max-contains", upper: true },
  { key: "minContains", stem: "min-contains", upper: false, floor: 1 },
  { key: "maxProperties", stem: "max-properties", upper: true },
  { key: "minProperties", stem: "min-properties", upper: false, floor: 0 },
];

/** The changes oasdiff names for a parameter's property and for a header parameter's property (else the parameter's own name). */
const PARAMETER_PROPERTY = new Set(["became-not-nullable", "enum-value-removed", "enum-value-added", "type-specialized", "type-changed", "list-of-types-narrowed"]);
const HEADER_PROPERTY = new Set(["became-enum", "became-required"]);

/** The rule ID of change `suffix` at `at`: `request-property-` + `max-length-decreased`. */
export function ruleId(at: SchemaAt, suffix: string): string {
  if (at.direction === "response") {
    if (at.family === "header" || at.family === "header-property") return `response-header-${suffix}`;
    return at.family === "body" ? `response-body-${suffix}` : `response-property-${suffix}`;
  }
  switch (at.family) {
    case "body":
      return `request-body-${suffix}`;
    case "parameter":
      return `request-parameter-${suffix}`;
    case "header-property":
      if (HEADER_PROPERTY.has(suffix)) return `request-header-property-${suffix}`;
      return PARAMETER_PROPERTY.has(suffix) ? `request-parameter-property-${suffix}` : `request-parameter-${suffix}`;
    case "parameter-property":
      return PARAMETER_PROPERTY.has(suffix) ? `request-parameter-property-${suffix}` : `request-parameter-${suffix}`;
    default:
      return `request-property-${suffix}`;
  }
}

/** How the reports name the schema at `at`: "response property jobId (200)". */
export function label(at: SchemaAt): string {
  const status = at.status ? ` (${at.status})` : "";
  if (at.family === "parameter" || at.family === "parameter-property" || at.family === "header-property") return `${at.in} parameter ${at.subject}`;
  if (at.family === "header") return `response header ${at.subject}${status}`;
  if (at.root) return `${at.direction} body${status}`;
  return `${at.direction} property ${at.subject}${status}`;
}

const refCache = new WeakMap<object, boolean>();
/** Whether a node holds a `$ref` anywhere: equal text with a `$ref` inside may still mean different schemas. */
function hasRef(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  let known = refCache.get(node);
  if (known === undefined) {
    known = Array.isArray(node) ? node.some(hasRef) : Object.hasOwn(node, "$ref") || Object.values(node).some(hasRef);
    refCache.set(node, known);
  }
  return known;
}

/** Equal for the comparison: the same JSON, with no `$ref` inside whose target could differ. */
export function same(a: unknown, b: unknown): boolean {
  return a === b || (!hasRef(a) && !hasRef(b) && isDeepStrictEqual(a, b));
}

const asNumber = (value: unknown) => (typeof value === "number" ? value : undefined);
const asArray = (value: unknown) => (Array.isArray(value) ? value : undefined);
const asObject = (value: unknown) => (isObject(value) ? value : undefined);
const includes = (list: readonly unknown[], value: unknown) => list.some((item) => isDeepStrictEqual(item, value));

function types(schema: Obj): { list?: Set<string>; nullable: boolean } {
  const raw = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type.map(String) : undefined;
  const nullable = schema.nullable === true || (raw?.includes("null") ?? false);
  return { list: raw ? new Set(raw.filter((t) => t !== "null")) : undefined, nullable };
}

/** Every type of `narrow` is accepted by `wide` (an integer is a number). */
function covers(wide: Set<string>, narrow: Set<string>): boolean {
  return [...narrow].every((t) => wide.has(t) || (t === "integer" && wide.has("number")));
}

const typeText = (list?: Set<string>) => (list ? [...list].join(" or ") || "(only null)" : "any type");

/** `to` accepts every value `from` accepts (a format that is gone accepts all). */
function widerFormat(from: unknown, to: unknown): boolean {
  return to === undefined || (from === "int32" && to === "int64") || (from === "float" && to === "double");
}

const isMultiple = (x: number, of: number) => of !== 0 && Math.abs(x / of - Math.round(x / of)) < 1e-9;

/** Compares the schemas `before` and `after` (either may be a `$ref`) found at `at`. */
export function compareSchema(docs: SchemaDocuments, before: unknown, after: unknown, at: SchemaAt): void {
  if (at.path.length > MAX_SEGMENTS) {
    throw new DiffInputError(`${docs.after.file}: ${pointer(at.path)}: schemas nested deeper than ${MAX_SEGMENTS} pointer segments`);
  }
  if (same(before, after)) return;
  const where = pointer(at.path);
  const b = docs.before.deref(before, where);
  const a = docs.after.deref(after, where);
  const pair = `${b.refs.at(-1) ?? ""} ${a.refs.at(-1) ?? ""}`;
  if (pair !== " " && at.refs.includes(pair)) return;
  const here: SchemaAt = pair === " " ? at : { ...at, refs: [...at.refs, pair] };
  const sb = asSchema(b.node, docs.before.file, where);
  const sa = asSchema(a.node, docs.after.file, where);
  if (same(sb, sa)) return;
  new SchemaComparison(docs, sb, sa, here, before).run();
}

/** A schema as an object: `true` accepts anything, `false` nothing. */
function asSchema(node: unknown, file: string, where: string): Obj {
  if (node === true) return {};
  if (node === false) return { not: {} };
  if (!isObject(node)) throw new DiffInputError(`${file}: ${where}: a schema must be an object or a boolean, not ${show(node, 40)}`);
  return node;
}

class SchemaComparison {
  private readonly request: boolean;

  constructor(
    private readonly docs: SchemaDocuments,
    private readonly b: Obj,
    private readonly a: Obj,
    private readonly at: SchemaAt,
    /** The schema before, as written (a `$ref` or inline), to recognise it wrapped in a `oneOf`. */
    private readonly rawBefore: unknown,
  ) {
    this.request = at.direction === "request";
  }

  run(): void {
    if (this.wrappedInOneOf()) return;
    this.types();
    this.values();
    this.bounds();
    this.objects();
    this.arrays();
    this.combinators();
    this.conditionals();
    this.contents();
    this.rest();
  }

  private emit(suffix: string, level: Level, text: string, extra: string[] = []): void {
    this.docs.report({ id: ruleId(this.at, suffix), level, path: [...this.at.path, ...extra], subject: this.at.subject, text: `${label(this.at)}: ${text}` });
  }

  /** A change no rule covers: an error, so that a person looks at it. */
  private unclassified(key: string, text: string): void {
    this.docs.report({ id: "unclassified-change", level: "error", path: [...this.at.path, key], subject: this.at.subject, text: `${label(this.at)}: ${text}; no rule covers it: check it by hand` });
  }

  /** `error` when the change is one that breaks clients on this side, else `info`. */
  private breaksWhen(requestSide: boolean): Level {
    return this.request === requestSide ? "error" : "info";
  }

  private child(segments: string[], subject: string, family?: Family): SchemaAt {
    return { ...this.at, path: [...this.at.path, ...segments], subject, root: false, family: family ?? this.at.family };
  }

  /** The same value seen through a subschema (a oneOf branch, a `then`): same subject, same place. */
  private view(segments: string[]): SchemaAt {
    return { ...this.at, path: [...this.at.path, ...segments] };
  }

  /** The family of a property inside this schema. */
  private propertyFamily(): Family {
    if (this.at.family === "parameter") return this.at.in === "header" ? "header-property" : "parameter-property";
    return this.at.family === "body" ? "property" : this.at.family;
  }

  /** Whether the property schema `node` (after) has a default: oasdiff names a required one "with default". */
  private hasDefault(node: unknown, at: SchemaAt): boolean {
    const schema = this.docs.after.deref(node, pointer(at.path)).node;
    return isObject(schema) && schema.default !== undefined;
  }

  private join(name: string): string {
    return this.at.root ? name : `${this.at.subject}.${name}`;
  }

  private recurse(before: unknown, after: unknown, at: SchemaAt): void {
    compareSchema(this.docs, before, after, at);
  }

  private wrappedInOneOf(): boolean {
    const branches = asArray(this.a.oneOf);
    if (this.b.oneOf !== undefined || !branches) return false;
    const plain = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => !ANNOTATIONS.has(k)));
    const wrapped = branches.some((branch) => {
      if (same(branch, this.rawBefore) || (isObject(branch) && isObject(this.rawBefore) && branch.$ref !== undefined && branch.$ref === this.rawBefore.$ref)) return true;
      const resolved = this.docs.after.deref(branch, pointer(this.at.path)).node;
      return isObject(resolved) && same(plain(resolved), plain(this.b));
    });
    if (wrapped) this.emit("wrapped-in-one-of", "error", `restructured into a oneOf of ${branches.length} schemas`, ["oneOf"]);
    return wrapped;
  }

  private types(): void {
    const tb = types(this.b);
    const ta = types(this.a);
    if (tb.nullable !== ta.nullable) {
      const suffix = ta.nullable ? "became-nullable" : "became-not-nullable";
      this.emit(suffix, ta.nullable ? this.breaksWhen(false) : this.breaksWhen(true), ta.nullable ? "became nullable" : "became not nullable", ["type"]);
    }
    const from = tb.list;
    const to = ta.list;
    const differ = from && to ? !(from.size === to.size && [...from].every((t) => to.has(t))) : from !== to;
    if (differ) {
      const text = `type changed from ${typeText(from)} to ${typeText(to)}`;
      if (!to) this.emit("type-generalized", this.breaksWhen(false), text, ["type"]);
      else if (!from) this.emit(this.request ? "type-changed" : "type-specialized", this.breaksWhen(true), text, ["type"]);
      else if (covers(to, from)) {
        const listed = [...from].every((t) => to.has(t));
        this.emit(listed ? "list-of-types-widened" : "type-generalized", this.breaksWhen(false), text, ["type"]);
      } else if (covers(from, to)) {
        const listed = [...to].every((t) => from.has(t));
        const property = this.at.family === "parameter-property" || this.at.family === "header-property";
        const suffix = listed ? "list-of-types-narrowed" : property || !this.request ? "type-specialized" : "type-changed";
        this.emit(suffix, this.breaksWhen(true), text, ["type"]);
      } else this.emit("type-changed", "error", text, ["type"]);
    }
    if (this.b.format !== this.a.format) {
      const text = `format changed from ${show(this.b.format)} to ${show(this.a.format)}`;
      if (this.request) {
        if (widerFormat(this.b.format, this.a.format)) this.emit("type-generalized", "info", text, ["format"]);
        else this.emit("type-changed", "error", text, ["format"]);
      } else if (widerFormat(this.a.format, this.b.format)) this.emit("type-specialized", "info", text, ["format"]);
      else this.emit(widerFormat(this.b.format, this.a.format) ? "type-generalized" : "type-changed", "error", text, ["format"]);
    }
  }

  private values(): void {
    const eb = asArray(this.b.enum);
    const ea = asArray(this.a.enum);
    if ((eb || ea) && !isDeepStrictEqual(eb, ea)) {
      if (eb && ea) {
        const removed = eb.filter((v) => !includes(ea, v));
        const added = ea.filter((v) => !includes(eb, v));
        if (removed.length) this.emit("enum-value-removed", this.breaksWhen(true), `enum value(s) ${removed.map((v) => show(v)).join(", ")} removed`, ["enum"]);
        if (added.length) this.emit("enum-value-added", this.breaksWhen(false), `enum value(s) ${added.map((v) => show(v)).join(", ")} added`, ["enum"]);
      } else if (ea) this.emit("became-enum", this.breaksWhen(true), `restricted to the values ${show(ea)}`, ["enum"]);
      else this.emit("enum-removed", this.breaksWhen(false), `no longer restricted to the values ${show(eb)}`, ["enum"]);
    }
    const xb = asArray(this.b["x-extensible-enum"]);
    const xa = asArray(this.a["x-extensible-enum"]);
    if ((xb || xa) && !isDeepStrictEqual(xb, xa)) {
      const removed = (xb ?? []).filter((v) => !includes(xa ?? [], v));
      const text = removed.length ? `x-extensible-enum value(s) ${removed.map((v) => show(v)).join(", ")} removed` : `x-extensible-enum changed from ${show(xb)} to ${show(xa)}`;
      this.emit(removed.length ? "x-extensible-enum-value-removed" : "x-extensible-enum-changed", removed.length ? this.breaksWhen(true) : "info", text, ["x-extensible-enum"]);
    }
    const hb = Object.hasOwn(this.b, "const");
    const ha = Object.hasOwn(this.a, "const");
    if ((hb || ha) && !isDeepStrictEqual(this.b.const, this.a.const)) {
      const text = `const changed from ${hb ? show(this.b.const) : "(none)"} to ${ha ? show(this.a.const) : "(none)"}`;
      if (hb && ha) this.emit("const-changed", "error", text, ["const"]);
      else if (ha) this.emit("const-added", this.breaksWhen(true), text, ["const"]);
      else this.emit("const-removed", this.breaksWhen(false), text, ["const"]);
    }
    if (!isDeepStrictEqual(this.b.default, this.a.default)) {
      const suffix = this.b.default === undefined ? "default-value-added" : this.a.default === undefined ? "default-value-removed" : "default-value-changed";
      // A parameter's default is what the server assumes when a client leaves it out: clients that do get another answer.
      const level = this.at.family === "parameter" ? "error" : "info";
      this.emit(suffix, level, `default changed from ${show(this.b.default)} to ${show(this.a.default)}`, ["default"]);
    }
    if (this.b.pattern !== this.a.pattern) {
      const text = `pattern changed from ${show(this.b.pattern)} to ${show(this.a.pattern)}`;
      if (this.b.pattern === undefined) this.emit("pattern-added", this.breaksWhen(true), text, ["pattern"]);
      else if (this.a.pattern === undefined) this.emit("pattern-removed", "info", text, ["pattern"]);
      // A changed pattern may accept more or less; oasdiff warns on the request side.
      else this.emit("pattern-changed", this.request ? "warning" : "info", text, ["pattern"]);
    }
    const mb = asNumber(this.b.multipleOf);
    const ma = asNumber(this.a.multipleOf);
    if (mb !== ma) {
      const text = `multipleOf changed from ${show(mb)} to ${show(ma)}`;
      // Old values stay valid when the old step is a multiple of the new one.
      const looser = ma === undefined || (mb !== undefined && isMultiple(mb, ma));
      const tighter = mb === undefined || (ma !== undefined && isMultiple(ma, mb));
      if (this.request) this.emit(mb === undefined ? "multiple-of-set" : "multiple-of-changed", looser ? "info" : "error", text, ["multipleOf"]);
      else this.emit(ma === undefined ? "multiple-of-unset" : "multiple-of-changed", tighter ? "info" : "error", text, ["multipleOf"]);
    }
  }

  private bounds(): void {
    for (const { key, stem, upper, floor, setStyle } of BOUNDS) {
      const rb = this.b[key];
      const ra = this.a[key];
      if (rb === ra) continue;
      const vb = asNumber(rb);
      const va = asNumber(ra);
      if ((rb !== undefined && vb === undefined) || (ra !== undefined && va === undefined)) {
        this.unclassified(key, `${key} changed from ${show(rb)} to ${show(ra)}`);
        continue;
      }
      const text = `${key} changed from ${show(vb)} to ${show(va)}`;
      if (upper) {
        const tighter = va !== undefined && (vb === undefined || va < vb);
        if (tighter) this.emit(vb === undefined ? `${stem}-set` : `${stem}-decreased`, this.breaksWhen(true), text, [key]);
        else this.emit(va === undefined ? `${stem}-unset` : `${stem}-increased`, this.breaksWhen(false), text, [key]);
      } else {
        const eb = vb ?? floor;
        const ea = va ?? floor;
        if (eb === ea) continue;
        const tighter = ea !== undefined && (eb === undefined || ea > eb);
        if (tighter) this.emit(vb === undefined && setStyle ? `${stem}-set` : `${stem}-increased`, this.breaksWhen(true), text, [key]);
        else this.emit(va === undefined && setStyle ? `${stem}-unset` : `${stem}-decreased`, this.breaksWhen(false), text, [key]);
      }
    }
  }

  private objects(): void {
    const pb = asObject(this.b.properties) ?? {};
    const pa = asObject(this.a.properties) ?? {};
    const rb = new Set((asArray(this.b.required) ?? []).map(String));
    const ra = new Set((asArray(this.a.required) ?? []).map(String));
    const family = this.propertyFamily();
    const names = new Set([...Object.keys(pb), ...Object.keys(pa), ...rb, ...ra]);
    for (const name of names) {
      const inB = Object.hasOwn(pb, name);
      const inA = Object.hasOwn(pa, name);
      const at = this.child(["properties", name], this.join(name), family);
      const text = (what: string) => `${label(at)}: ${what}`;
      const report = (id: string, level: Level, what: string) => this.docs.report({ id, level, path: at.path, subject: at.subject, text: text(what) });
      if (inB && inA) this.recurse(pb[name], pa[name], at);
      if (inA && !inB) {
        if (this.request && ra.has(name)) {
          const id = family === "header-property" ? "new-required-request-header-property" : this.hasDefault(pa[name], at) ? "new-required-request-property-with-default" : "new-required-request-property";
          report(id, "error", "added, required");
        } else if (this.request) report("new-optional-request-property", "info", "added, optional");
        else report(ra.has(name) ? "response-required-property-added" : "response-optional-property-added", "info", ra.has(name) ? "added, required" : "added, optional");
        continue;
      }
      if (inB && !inA) {
        // A removed property breaks generated code on both sides: its field is gone from the types.
        if (this.request) report("request-property-removed", "error", "removed");
        else report(rb.has(name) ? "response-required-property-removed" : "response-optional-property-removed", "error", rb.has(name) ? "removed (it was required)" : "removed");
        continue;
      }
      if (rb.has(name) === ra.has(name)) continue;
      const nowRequired = ra.has(name);
      if (this.request && nowRequired) {
        report(ruleId(at, inA && this.hasDefault(pa[name], at) ? "became-required-with-default" : "became-required"), "error", "became required");
      } else if (this.request) report(ruleId(at, "became-optional"), "info", "became optional");
      else report(ruleId(at, nowRequired ? "became-required" : "became-optional"), nowRequired ? "info" : "error", nowRequired ? "became required" : "became optional");
    }

    const xb = this.b.additionalProperties;
    const xa = this.a.additionalProperties;
    if (isObject(xb) && isObject(xa)) this.recurse(xb, xa, this.child(["additionalProperties"], this.join("*"), family));
    else if (!same(xb, xa)) {
      // Closing an object to unknown properties rejects requests that sent them; opening it lets responses carry
      // properties clients never saw. Generated clients do neither with their own types: a warning.
      const closes = xa === false || (isObject(xa) && !isObject(xb) && xb !== false);
      const level: Level = closes === this.request ? "warning" : "info";
      this.emit("additional-properties-changed", level, `additionalProperties changed from ${show(xb)} to ${show(xa)}`, ["additionalProperties"]);
    }

    this.keyed("patternProperties", "pattern-property", (key) => this.join(`/${key}/`), family);
    this.keyed("dependentSchemas", "dependent-schema", (key) => this.join(key), family);
    this.presence("propertyNames", "property-names", this.join("{name}"), family);
    this.unevaluated("unevaluatedProperties", "unevaluated-properties", this.join("*"), family);

    const db = asObject(this.b.dependentRequired) ?? {};
    const da = asObject(this.a.dependentRequired) ?? {};
    for (const key of new Set([...Object.keys(db), ...Object.keys(da)])) {
      const lb = (asArray(db[key]) ?? []).map(String);
      const la = (asArray(da[key]) ?? []).map(String);
      if (isDeepStrictEqual(lb, la) && Object.hasOwn(db, key) === Object.hasOwn(da, key)) continue;
      const text = `dependentRequired for ${show(key)} changed from ${show(db[key])} to ${show(da[key])}`;
      const extra = ["dependentRequired", key];
      if (!Object.hasOwn(db, key)) this.emit("dependent-required-added", this.breaksWhen(true), text, extra);
      else if (!Object.hasOwn(da, key)) this.emit("dependent-required-removed", this.breaksWhen(false), text, extra);
      else {
        const more = la.some((n) => !lb.includes(n));
        const fewer = lb.some((n) => !la.includes(n));
        const level: Level = (this.request && more) || (!this.request && fewer) ? "error" : "info";
        this.emit("dependent-required-changed", level, text, extra);
      }
    }
  }

  private arrays(): void {
    const ib = this.b.items;
    const ia = this.a.items;
    const items = this.join("[]").replace(/\.\[\]$/, "[]");
    if (ib !== undefined && ia !== undefined && !Array.isArray(ib) && !Array.isArray(ia)) this.recurse(ib, ia, this.child(["items"], this.at.root ? "[]" : items, this.propertyFamily()));
    else if (!same(ib, ia)) this.unclassified("items", `items changed from ${show(ib)} to ${show(ia)}`);

    const lb = asArray(this.b.prefixItems) ?? [];
    const la = asArray(this.a.prefixItems) ?? [];
    for (let i = 0; i < Math.max(lb.length, la.length); i++) {
      const at = this.child(["prefixItems", String(i)], this.at.root ? `[${i}]` : `${this.at.subject}[${i}]`, this.propertyFamily());
      if (i < lb.length && i < la.length) this.recurse(lb[i], la[i], at);
      else if (i < la.length) this.emit("prefix-items-added", this.breaksWhen(false), `prefixItems[${i}] added`, ["prefixItems", String(i)]);
      else this.emit("prefix-items-removed", this.breaksWhen(true), `prefixItems[${i}] removed`, ["prefixItems", String(i)]);
    }
    this.presence("contains", "contains", this.at.root ? "[contains]" : `${this.at.subject}[contains]`, this.propertyFamily());
    this.unevaluated("unevaluatedItems", "unevaluated-items", this.at.root ? "[]" : items, this.propertyFamily());
  }

  /** A keyword whose presence constrains (contains, propertyNames): added on the request side, removed on the response side breaks. */
  private presence(key: string, stem: string, subject: string, family: Family): void {
    const vb = this.b[key];
    const va = this.a[key];
    if (vb === undefined && va === undefined) return;
    if (vb !== undefined && va !== undefined) this.recurse(vb, va, this.child([key], subject, family));
    else if (va !== undefined) this.emit(`${stem}-added`, this.breaksWhen(true), `${key} added`, [key]);
    else this.emit(`${stem}-removed`, this.breaksWhen(false), `${key} removed`, [key]);
  }

  /** A map of subschemas (patternProperties, dependentSchemas): an entry added constrains requests, one removed loosens responses. */
  private keyed(key: string, stem: string, subject: (name: string) => string, family: Family): void {
    const mb = asObject(this.b[key]) ?? {};
    const ma = asObject(this.a[key]) ?? {};
    for (const name of new Set([...Object.keys(mb), ...Object.keys(ma)])) {
      const inB = Object.hasOwn(mb, name);
      const inA = Object.hasOwn(ma, name);
      if (inB && inA) this.recurse(mb[name], ma[name], this.child([key, name], subject(name), family));
      else if (inA) this.emit(`${stem}-added`, this.breaksWhen(true), `${key} ${show(name)} added`, [key, name]);
      else this.emit(`${stem}-removed`, this.breaksWhen(false), `${key} ${show(name)} removed`, [key, name]);
    }
  }

  /** unevaluatedProperties / unevaluatedItems: absent and `true` both allow anything. */
  private unevaluated(key: string, stem: string, subject: string, family: Family): void {
    const vb = this.b[key];
    const va = this.a[key];
    const noneB = vb === undefined || vb === true;
    const noneA = va === undefined || va === true;
    if (noneB && noneA) return;
    if (noneB) this.emit(`${stem}-added`, this.breaksWhen(true), `${key} set to ${show(va)}`, [key]);
    else if (noneA) this.emit(`${stem}-removed`, this.breaksWhen(false), `${key} ${show(vb)} removed`, [key]);
    else this.recurse(vb, va, this.child([key], subject, family));
  }

  private combinators(): void {
    for (const key of ["allOf", "anyOf", "oneOf"] as const) {
      const lb = asArray(this.b[key]) ?? [];
      const la = asArray(this.a[key]) ?? [];
      if (!lb.length && !la.length) continue;
      const kb = this.branchKeys(lb, this.docs.before);
      const ka = this.branchKeys(la, this.docs.after);
      const stem = key === "allOf" ? "all-of" : key === "anyOf" ? "any-of" : "one-of";
      for (const [id, i] of ka) {
        const j = kb.get(id);
        if (j !== undefined) this.recurse(lb[j], la[i], this.view([key, String(i)]));
        else {
          // An allOf member adds constraints (requests); a oneOf/anyOf branch adds values clients may receive (responses).
          const level = key === "allOf" ? this.breaksWhen(true) : this.breaksWhen(false);
          this.emit(`${stem}-added`, level, `${key} member ${this.branchName(la[i], i)} added`, [key, String(i)]);
        }
      }
      for (const [id, j] of kb) {
        if (ka.has(id)) continue;
        const level = key === "allOf" ? "info" : this.breaksWhen(true);
        this.emit(`${stem}-removed`, level, `${key} member ${this.branchName(lb[j], j)} removed`, [key, String(j)]);
      }
    }
  }

  /** Branches matched by their `$ref`, else their title, else their place. */
  private branchKeys(list: unknown[], doc: OpenApiDocument): Map<string, number> {
    const keys = new Map<string, number>();
    list.forEach((branch, i) => {
      let key = `#${i}`;
      if (isObject(branch) && typeof branch.$ref === "string") key = `ref ${branch.$ref}`;
      else {
        const resolved = doc.deref(branch, pointer(this.at.path)).node;
        if (isObject(resolved) && typeof resolved.title === "string") key = `title ${resolved.title}`;
      }
      keys.set(keys.has(key) ? `${key} #${i}` : key, i);
    });
    return keys;
  }

  private branchName(branch: unknown, i: number): string {
    if (isObject(branch) && typeof branch.$ref === "string") return show(branch.$ref);
    if (isObject(branch) && typeof branch.title === "string") return show(branch.title);
    return `#${i}`;
  }

  private conditionals(): void {
    for (const key of ["if", "then", "else"] as const) {
      const vb = this.b[key];
      const va = this.a[key];
      if (vb === undefined && va === undefined) continue;
      if (vb === undefined) this.emit(`${key}-added`, this.breaksWhen(true), `'${key}' subschema added`, [key]);
      else if (va === undefined) this.emit(`${key}-removed`, this.breaksWhen(false), `'${key}' subschema removed`, [key]);
      // A changed condition selects other values; neither looser nor tighter.
      else if (key === "if") {
        if (!same(vb, va)) this.unclassified(key, "'if' subschema changed");
      } else this.recurse(vb, va, this.view([key]));
    }
  }

  private contents(): void {
    this.presence("contentSchema", "content-schema", this.at.subject, this.at.family);
    for (const [key, stem] of [["contentMediaType", "content-media-type"], ["contentEncoding", "content-encoding"]] as const) {
      if (this.b[key] !== this.a[key]) this.emit(`${stem}-changed`, "error", `${key} changed from ${show(this.b[key])} to ${show(this.a[key])}`, [key]);
    }
  }

  /** Annotations are reported as info; any other keyword nothing above compares is unclassified. */
  private rest(): void {
    const changed: string[] = [];
    for (const key of new Set([...Object.keys(this.b), ...Object.keys(this.a)])) {
      if (HANDLED.has(key) || same(this.b[key], this.a[key])) continue;
      if (ANNOTATIONS.has(key) || (key.startsWith("x-") && key !== "x-extensible-enum")) changed.push(key);
      else this.unclassified(key, `${key} changed from ${show(this.b[key])} to ${show(this.a[key])}`);
    }
    if (changed.length) this.emit("annotation-changed", "info", `${changed.join(", ")} changed`, changed.length === 1 ? changed : []);
  }
}
