/**
 * The services the docs cover, read from redocly.yaml's `apis` (every entry but `all`, which is the
 * combined document) and from the bundles those entries publish in generated/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The slice of an OpenAPI 3.1 document the docs build reads. */
export interface OpenApiDocument {
  openapi?: string;
  info: { title: string; version?: string; description?: string };
  servers?: { url: string; variables?: Record<string, { default: string; enum?: string[] }> }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { securitySchemes?: Record<string, { description?: string }> };
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
}

export interface Service {
  /** The Redocly API name, e.g. `cse`; also the page's file name without `.html`. */
  name: string;
  /** The YAML bundle the page is rendered from, relative to the repository root (its JSON twin beside it). */
  bundle: string;
  document: OpenApiDocument;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of a document, in path order, with what a reader needs to find it. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => {
      const { operationId, summary, tags } = item[method] as { operationId?: string; summary?: string; tags?: string[] };
      const tag = tags?.[0];
      if (!operationId || !summary || !tag) {
        throw new Error(`${method.toUpperCase()} ${path}: the docs need an operationId, a summary and a tag`);
      }
      return { operationId, method, path, summary, tag };
    }),
  );
}

/**
 * Reads redocly.yaml in `root` and the bundle of every service API it lists. `combinedBundle` is the
 * combined document's YAML bundle (its `overview`), relative to the repository root.
 */
export async function loadServices(root: string): Promise<{ overview: OpenApiDocument; combinedBundle: string; services: Service[] }> {
  const config = parse(await readFile(join(root, 'redocly.yaml'), 'utf8')) as {
    apis?: Record<string, { output?: string }>;
  };
  const apis = Object.entries(config.apis ?? {});
  const readBundle = async (name: string, output: string | undefined) => {
    if (!output) throw new Error(`redocly.yaml: apis.${name} has no output (its bundle)`);
    return parse(await readFile(join(root, output), 'utf8')) as OpenApiDocument;
  };
  const all = apis.find(([name]) => name === 'all');
  if (!all) throw new Error('redocly.yaml: apis.all (the combined document) is missing');
  const services = await Promise.all(
    apis
      .filter(([name]) => name !== 'all')
      .map(async ([name, { output }]) => ({ name, bundle: output as string, document: await readBundle(name, output) })),
  );
  return { overview: await readBundle('all', all[1].output), combinedBundle: all[1].output as string, services };
}
