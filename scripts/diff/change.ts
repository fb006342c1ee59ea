/**
 * One difference between two versions of the API, as the gate reports it: which rule it falls under
 * (oasdiff's rule IDs where oasdiff has one, docs/releases.md lists the others), how bad it is,
 * and where.
 */

/** `error` breaks clients: the gate fails unless it is released as a breaking change and named in the changelog. */
export type Level = "error" | "warning" | "info";

export interface Change {
  /** The rule, e.g. `response-property-type-changed`. */
  id: string;
  level: Level;
  /**
   * The operationId (or `GET /path` when there is none); for a change to a document as a whole (its
   * servers, a component schema, a bundle removed), the empty string.
   */
  operation: string;
  /** `PUT /v2/{project_id}/...`; for a change to a document, the bundle's file. */
  where: string;
  /**
   * A JSON pointer to the change: inside the operation, as if every `$ref` were inlined
   * (`/responses/200/content/application~1json/schema/properties/jobId/type`), or inside the document.
   */
  location: string;
  /** What a changelog entry names besides the operation: a property path, parameter, header, status, scheme or URL. */
  subject: string;
  /** One sentence: what changed, with the values before and after. */
  text: string;
  /** The bundles it was seen in (`generated/openapi.json`, ...). */
  bundles: string[];
}

/** Bad input to the gate (a document it cannot read): the message names what and where. */
export class DiffInputError extends Error {}

/** A JSON pointer from its segments (RFC 6901). */
export function pointer(segments: readonly string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** A value as the reports quote it: JSON, cut to `max` characters. */
export function show(value: unknown, max = 80): string {
  const text = value === undefined ? "(none)" : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
