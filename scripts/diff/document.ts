/**
 * An OpenAPI bundle as the comparison reads it: `$ref`s followed inside the document, operations
 * matched by method and path template, and what each operation inherits from its path and the root
 * (parameters, servers, security). A document the gate cannot read gets a DiffInputError naming
 * the file and the place.
 */
import { DiffInputError } from "./change.js";

export type Obj = Record<string, unknown>;

export const isObject = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** How many `$ref`s in a row may lead to another `$ref` before the chain counts as a loop. */
const REF_HOPS = 32;

/**
 * JSON nested deeper than this is refused when the document is read: the comparison, Node's
 * deep equality and structuredClone all recurse, and would otherwise die of a stack overflow.
 * Our bundles nest about 30 levels.
 */
export const MAX_NESTING = 1000;

/** Throws when `root` nests deeper than MAX_NESTING, naming where (walked with a stack of its own, not recursion). */
function checkNesting(root: unknown, file: string): void {
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: root, depth: 0, path: "" }];
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= MAX_NESTING) throw new DiffInputError(`${file}: nested deeper than ${MAX_NESTING} levels (at ${path.slice(0, 200)}…)`);
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "object" && value !== null) stack.push({ node: value, depth: depth + 1, path: path.length < 200 ? `${path}/${key}` : path });
    }
  }
}

export interface Operation {
  /** `PUT /v2/{}/enginemgr/...`: method and path with parameter names left out, as oasdiff matches operations. */
  key: string;
  method: string;
  path: string;
  /** The operationId, or `PUT /path` when there is none. */
  name: string;
  item: Obj;
  operation: Obj;
}

export class OpenApiDocument {
  readonly root: Obj;

  constructor(
    root: unknown,
    /** The bundle's file, for messages. */
    readonly file: string,
  ) {
    if (!isObject(root)) throw new DiffInputError(`${file}: not an OpenAPI document (a JSON object)`);
    if (root.paths !== undefined && !isObject(root.paths)) throw new DiffInputError(`${file}: "paths" is not an object`);
    checkNesting(root, file);
    this.root = root;
  }

  static parse(text: string, file: string): OpenApiDocument {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DiffInputError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    return new OpenApiDocument(value, file);
  }

  /** The node a local `$ref` (`#/components/...`) points at. */
  target(ref: string, where: string): unknown {
    if (!ref.startsWith("#")) {
      throw new DiffInputError(`${this.file}: ${where}: $ref ${JSON.stringify(ref)} points outside the document; compare bundled documents`);
    }
    let fragment: string;
    try {
      fragment = decodeURIComponent(ref.slice(1));
    } catch {
      throw new DiffInputError(`${this.file}: ${where}: $ref ${JSON.stringify(ref)} is not a valid URI fragment`);
    }
    if (fragment !== "" && !fragment.startsWith("/")) {
      throw new DiffInputError(`${this.file}: ${where}: $ref ${JSON.stringify(ref)} is not a JSON pointer`);
    }
    let node: unknown = this.root;
    for (const raw of fragment === "" ? [] : fragment.slice(1).split("/")) {
      const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      const next = Array.isArray(node) && /^(0|[1-9]\d*)$/.test(segment) ? node[Number(segment)] : isObject(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
      if (next === undefined) throw new DiffInputError(`${this.file}: ${where}: $ref ${JSON.stringify(ref)} points at nothing`);
      node = next;
    }
    return node;
  }

  /**
   * `node` with its `$ref`s followed: the target, with the `$ref` object's other keys laid over it
   * (OpenAPI 3.1 lets a reference override `summary` and `description`; a schema's other keywords
   * beside `$ref` apply too). Returns the refs followed, for loop detection and reports.
   */
  deref(node: unknown, where: string): { node: unknown; refs: string[] } {
    const refs: string[] = [];
    while (isObject(node) && typeof node.$ref === "string") {
      if (refs.length === REF_HOPS || refs.includes(node.$ref)) {
        throw new DiffInputError(`${this.file}: ${where}: $ref ${JSON.stringify(node.$ref)} leads round in a loop`);
      }
      refs.push(node.$ref);
      const { $ref: ref, ...siblings } = node;
      const target = this.target(ref, where);
      node = Object.keys(siblings).length && isObject(target) ? { ...target, ...siblings } : target;
    }
    return { node, refs };
  }

  /** An object, `$ref`s followed; undefined when absent; an error when it is something else. */
  object(node: unknown, where: string): Obj | undefined {
    if (node === undefined) return undefined;
    const resolved = this.deref(node, where).node;
    if (!isObject(resolved)) throw new DiffInputError(`${this.file}: ${where} is not an object`);
    return resolved;
  }

  /** Every operation under `paths` (and `webhooks` when `kind` says so), path items' `$ref`s followed. */
  operations(kind: "paths" | "webhooks" = "paths"): Operation[] {
    const list: Operation[] = [];
    const items = this.root[kind];
    if (items === undefined) return list;
    if (!isObject(items)) throw new DiffInputError(`${this.file}: "${kind}" is not an object`);
    for (const [path, raw] of Object.entries(items)) {
      const item = this.object(raw, `${kind}[${JSON.stringify(path)}]`)!;
      for (const method of METHODS) {
        if (item[method] === undefined) continue;
        const operation = this.object(item[method], `${kind}[${JSON.stringify(path)}].${method}`)!;
        const endpoint = `${method.toUpperCase()} ${path}`;
        const name = typeof operation.operationId === "string" && operation.operationId !== "" ? operation.operationId : endpoint;
        const key = kind === "paths" ? `${method.toUpperCase()} ${templateKey(path)}` : `${method.toUpperCase()} webhook ${path}`;
        list.push({ key, method, path, name, item, operation });
      }
    }
    return list;
  }
}

/** `/v2/{project_id}/jobs/{job_id}` → `/v2/{}/jobs/{}`: a renamed path parameter is the same path. */
export function templateKey(path: string): string {
  return path.replace(/\{[^}/]*\}/g, "{}");
}

/** A parameter's key among an operation's: `in` and name (header names compare case-insensitively). */
export function parameterKey(parameter: Obj): string {
  const where = String(parameter.in);
  const name = String(parameter.name);
  return `${where}:${where === "header" ? name.toLowerCase() : name}`;
}
