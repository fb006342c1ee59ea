/**
 * Servers: generated clients bake in the base URL (host and path prefix) and the server variables'
 * default and values (our regions), so a URL that changes or goes, a variable value removed or a
 * default changed breaks them. A server added is harmless.
 */
import { isDeepStrictEqual } from "node:util";
import { show, type Level } from "./change.js";
import { isObject, type Obj, type OpenApiDocument } from "./document.js";

export interface ServerFinding {
  id: string;
  level: Level;
  /** Pointer segments under the `servers` list compared. */
  path: string[];
  subject: string;
  text: string;
}

/** `https://cse.{region}.example.com/v2` → host `https://cse.{region}.example.com`, prefix `/v2`. */
function parts(url: string): { host: string; prefix: string } {
  const match = /^((?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^/]*)?(.*)$/.exec(url)!;
  return { host: match[1] ?? "", prefix: (match[2] ?? "").replace(/\/+$/, "") };
}

/** The `servers` list as objects with a string `url`; the OpenAPI default `[{ url: "/" }]` when absent or empty. */
export function serverList(doc: OpenApiDocument, value: unknown, where: string): Obj[] {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return [{ url: "/" }];
  if (!Array.isArray(value)) return [doc.object(value, where)!];
  return value.map((server, i) => {
    const object = doc.object(server, `${where}[${i}]`)!;
    return typeof object.url === "string" ? object : { ...object, url: String(object.url) };
  });
}

export function compareServers(before: Obj[], after: Obj[], report: (finding: ServerFinding) => void): void {
  const urlsAfter = after.map((s) => String(s.url));
  const urlsBefore = before.map((s) => String(s.url));
  const gone = before.map((s, i) => ({ server: s, i })).filter(({ server }) => !urlsAfter.includes(String(server.url)));
  const added = after.map((s, i) => ({ server: s, i })).filter(({ server }) => !urlsBefore.includes(String(server.url)));
  gone.forEach(({ server, i }, n) => {
    const url = String(server.url);
    const replacement = added[n];
    if (!replacement) {
      report({ id: "api-server-removed", level: "error", path: [String(i)], subject: url, text: `server ${show(url)} removed` });
      return;
    }
    const was = parts(url);
    const now = parts(String(replacement.server.url));
    const text = `server URL changed from ${show(url)} to ${show(replacement.server.url)}`;
    const id = was.host !== now.host ? "api-server-host-changed" : "api-server-path-prefix-changed";
    report({ id, level: "error", path: [String(i), "url"], subject: url, text });
  });
  for (const { server, i } of added.slice(gone.length)) {
    report({ id: "api-server-added", level: "info", path: [String(i)], subject: String(server.url), text: `server ${show(server.url)} added` });
  }

  // The same URL on both sides: its variables.
  for (const [i, server] of after.entries()) {
    const url = String(server.url);
    const old = before.find((s) => String(s.url) === url);
    if (!old) continue;
    const vb = isObject(old.variables) ? old.variables : {};
    const va = isObject(server.variables) ? server.variables : {};
    for (const name of new Set([...Object.keys(vb), ...Object.keys(va)])) {
      const b = isObject(vb[name]) ? vb[name] : {};
      const a = isObject(va[name]) ? va[name] : {};
      const path = [String(i), "variables", name];
      const subject = `${url} ${name}`;
      if (b.default !== a.default) {
        report({ id: "api-server-variable-default-changed", level: "error", path: [...path, "default"], subject, text: `server ${show(url)}: the default of variable ${show(name)} changed from ${show(b.default)} to ${show(a.default)}` });
      }
      const eb = Array.isArray(b.enum) ? b.enum : undefined;
      const ea = Array.isArray(a.enum) ? a.enum : undefined;
      if (eb && ea) {
        const removed = eb.filter((v) => !ea.includes(v));
        const more = ea.filter((v) => !eb.includes(v));
        if (removed.length) report({ id: "api-server-variable-enum-value-removed", level: "error", path: [...path, "enum"], subject, text: `server ${show(url)}: variable ${show(name)} no longer accepts ${removed.map((v) => show(v)).join(", ")}` });
        if (more.length) report({ id: "api-server-variable-enum-value-added", level: "info", path: [...path, "enum"], subject, text: `server ${show(url)}: variable ${show(name)} also accepts ${more.map((v) => show(v)).join(", ")}` });
      } else if (ea && !eb) {
        report({ id: "api-server-variable-became-enum", level: "error", path: [...path, "enum"], subject, text: `server ${show(url)}: variable ${show(name)} is restricted to ${show(ea)}` });
      } else if (eb && !ea) {
        report({ id: "api-server-variable-enum-removed", level: "info", path: [...path, "enum"], subject, text: `server ${show(url)}: variable ${show(name)} accepts any value` });
      }
      if (b.description !== a.description) {
        report({ id: "api-server-annotation-changed", level: "info", path: [...path, "description"], subject, text: `server ${show(url)}: the description of variable ${show(name)} changed` });
      }
    }
    if (!isDeepStrictEqual(old.description, server.description)) {
      report({ id: "api-server-annotation-changed", level: "info", path: [String(i), "description"], subject: url, text: `server ${show(url)}: description changed` });
    }
  }
}
