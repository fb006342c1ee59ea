/**
 * An operation's security: the credentials it accepts (its requirement list, or the document's)
 * and how each scheme it uses sends them. A client breaks when the credential it sends is no longer
 * accepted (an alternative removed, a scope or scheme added to it, an unsecured operation secured)
 * or must be sent differently (the scheme's type, an API key's header name or place, the HTTP
 * scheme). A scheme's description is text only.
 */
import { isDeepStrictEqual } from "node:util";
import { DiffInputError, show, type Level } from "./change.js";
import { isObject, type Obj, type OpenApiDocument } from "./document.js";

export interface SecurityFinding {
  id: string;
  level: Level;
  /** Pointer segments: under the operation (`security`), or `#` and the document path for a scheme. */
  path: string[];
  subject: string;
  text: string;
}

type Requirement = Map<string, string[]>;

/** The requirement list in force for an operation: its own, else the document's. */
export function requirements(doc: OpenApiDocument, operation: Obj, where: string): Requirement[] {
  const list = operation.security ?? doc.root.security ?? [];
  if (!Array.isArray(list)) throw new DiffInputError(`${doc.file}: ${where}: "security" is not a list`);
  return list.map((entry, i) => {
    if (!isObject(entry)) throw new DiffInputError(`${doc.file}: ${where}: security[${i}] is not an object`);
    return new Map(Object.entries(entry).map(([name, scopes]) => [name, Array.isArray(scopes) ? scopes.map(String) : []]));
  });
}

const names = (requirement: Requirement) => [...requirement.keys()].join(" + ") || "(none)";

/** A client that meets `had` also meets `has`: every scheme `has` asks for is in `had`, with no scope `had` lacks. */
function satisfies(had: Requirement, has: Requirement): boolean {
  return [...has].every(([name, scopes]) => had.has(name) && scopes.every((s) => had.get(name)!.includes(s)));
}

function scheme(doc: OpenApiDocument, name: string): Obj | undefined {
  const schemes = doc.root.components;
  const all = isObject(schemes) && isObject(schemes.securitySchemes) ? schemes.securitySchemes : {};
  return Object.hasOwn(all, name) ? doc.object(all[name], `components.securitySchemes[${JSON.stringify(name)}]`) : undefined;
}

export function compareSecurity(before: OpenApiDocument, after: OpenApiDocument, rb: Requirement[], ra: Requirement[], report: (finding: SecurityFinding) => void): void {
  const open = (list: Requirement[]) => list.length === 0 || list.some((r) => r.size === 0);
  const sameSchemes = (x: Requirement, y: Requirement) => x.size === y.size && [...x.keys()].every((n) => y.has(n));
  if (open(ra) && !open(rb)) {
    report({ id: "api-security-removed", level: "info", path: ["security"], subject: rb.map(names).join(", "), text: "the operation needs no credentials now" });
  }
  if (!open(ra)) {
    if (open(rb)) {
      report({ id: "api-security-added", level: "error", path: ["security"], subject: ra.map(names).join(", "), text: `the operation needed no credentials and now needs ${ra.map(names).join(" or ")}` });
    } else {
      for (const had of rb) {
        if (ra.some((has) => satisfies(had, has))) continue;
        const scoped = ra.find((has) => sameSchemes(had, has));
        if (scoped) {
          report({ id: "api-security-scope-added", level: "error", path: ["security"], subject: names(had), text: `${names(had)} now needs more scopes: ${show(Object.fromEntries(scoped))}` });
        } else {
          report({ id: "api-security-alternative-removed", level: "error", path: ["security"], subject: names(had), text: `the operation no longer accepts ${names(had)} (now ${ra.map(names).join(" or ")})` });
        }
      }
    }
  }
  for (const has of ra) {
    // The same schemes with other scopes is the scope change above, not another way in.
    if (!rb.some((had) => satisfies(had, has) || sameSchemes(had, has))) report({ id: "api-security-alternative-added", level: "info", path: ["security"], subject: names(has), text: `the operation also accepts ${names(has)}` });
  }

  // How each scheme the operation uses on both sides sends its credentials.
  const used = new Set(ra.flatMap((r) => [...r.keys()]).filter((n) => rb.some((r) => r.has(n))));
  for (const name of used) {
    const b = scheme(before, name);
    const a = scheme(after, name);
    const at = ["#", "components", "securitySchemes", name];
    if (!b) continue;
    if (!a) {
      report({ id: "api-security-component-removed", level: "error", path: at, subject: name, text: `security scheme ${show(name)} is no longer defined` });
      continue;
    }
    const field = (key: string, id: string, lower = false) => {
      const vb = lower && typeof b[key] === "string" ? (b[key] as string).toLowerCase() : b[key];
      const va = lower && typeof a[key] === "string" ? (a[key] as string).toLowerCase() : a[key];
      if (vb !== va) report({ id, level: "error", path: [...at, key], subject: name, text: `security scheme ${show(name)}: ${key} changed from ${show(b[key])} to ${show(a[key])}` });
    };
    field("type", "api-security-component-type-changed");
    // Header names compare case-insensitively; query and cookie names do not.
    field("name", "api-security-component-name-changed", a.in === "header" && b.in === "header");
    field("in", "api-security-component-in-changed");
    field("scheme", "api-security-component-scheme-changed", true);
    const text = new Set(["description", "bearerFormat"]);
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (["type", "name", "in", "scheme"].includes(key) || isDeepStrictEqual(b[key], a[key])) continue;
      if (text.has(key) || key.startsWith("x-")) report({ id: "api-security-component-annotation-changed", level: "info", path: [...at, key], subject: name, text: `security scheme ${show(name)}: ${key} changed` });
      else report({ id: "unclassified-change", level: "error", path: [...at, key], subject: name, text: `security scheme ${show(name)}: ${key} changed from ${show(b[key])} to ${show(a[key])}; no rule covers it: check it by hand` });
    }
  }
}
