import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The combined bundle of all five operations. The same relative path works from `src/mock/`
 * (repository, tsx, vitest) and from `dist/mock/` (the published package, which ships
 * `generated/openapi.json`).
 */
export const DEFAULT_DOCUMENT = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));

export type Schema = { [keyword: string]: unknown };

/** What the response layer needs to know about an operation to explain Prism's violations. */
export interface Operation {
  operationId: string;
  method: string;
  /** Matches the request path the way Prism does: one segment per path parameter. */
  pattern: RegExp;
  bodySchema: Schema | undefined;
}

export interface MockDocument {
  operations: Operation[];
  /** Follows local `$ref`s (`#/components/...`), the only kind a Redocly bundle has. */
  deref(schema: unknown): Schema | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Reads the document Prism serves. Prism alone decides whether it is usable, and reports why not
 * when it fails to start, so anything unreadable here just yields no operations.
 */
export async function loadDocument(path: string): Promise<MockDocument> {
  let root: Schema = {};
  try {
    root = JSON.parse(await readFile(path, 'utf8')) as Schema;
  } catch {
    // Not JSON (or not readable): violations are then reported without oneOf narrowing.
  }
  const deref = (schema: unknown): Schema | undefined => {
    let current = schema;
    for (let hops = 0; isObject(current) && typeof current['$ref'] === 'string' && hops < 32; hops++) {
      current = pointer(root, current['$ref']);
    }
    return isObject(current) ? current : undefined;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(deref(root['paths']) ?? {})) {
    const pathItem = deref(item);
    for (const method of METHODS) {
      const operation = deref(pathItem?.[method]);
      if (!operation) continue;
      const content = deref(deref(operation['requestBody'])?.['content']);
      operations.push({
        operationId: String(operation['operationId'] ?? `${method} ${template}`),
        method,
        pattern: templatePattern(template),
        bodySchema: deref(deref(content?.['application/json'])?.['schema']),
      });
    }
  }
  return { operations, deref };
}

export function findOperation(document: MockDocument, method: string, path: string): Operation | undefined {
  const pathname = path.split('?')[0] ?? '';
  const lower = method.toLowerCase();
  return document.operations.find((op) => op.method === lower && op.pattern.test(pathname));
}

export function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]+')}$`);
}

function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
}
