/** What the docs tests expect to see, read from the published bundles the pages are built from. */
import { fileURLToPath } from 'node:url';
import { loadServices, operationsOf, type OpenApiDocument, type Operation } from '../../scripts/docs-services.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The five actions and the four status operations, by service page. The bundles must hold exactly these. */
export const EXPECTED_OPERATIONS: Record<string, string[]> = {
  cse: ['RetryEngine', 'UpgradeEngine', 'ShowEngineJob'],
  workspace: ['RetryScriptExecution', 'RunActionsOnWorkspaceJob', 'ShowJob', 'ListScriptTasks'],
  servicestage: ['UpdateInstanceAction', 'ShowJobDetail'],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Follows a local `$ref` (`#/components/...`) if there is one. */
export function deref(document: OpenApiDocument, node: Record<string, unknown>): Record<string, unknown> {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  return deref(document, target as Record<string, unknown>);
}

/** The values of the named examples of a JSON content map, in order. */
function examplesOf(document: OpenApiDocument, content: unknown, where: string): Json[] {
  const examples = (content as Record<string, { examples?: Record<string, unknown> }>)['application/json']?.examples;
  const values = Object.values(examples ?? {}).map((example) => deref(document, example as Record<string, unknown>).value as Json);
  if (values.length === 0) throw new Error(`${where} has no named JSON example`);
  return values;
}

/** The operation's URL on the default server with every path parameter set to its example. */
function exampleUrl(document: OpenApiDocument, path: string, parameters: unknown[]): string {
  const [server] = document.servers ?? [];
  if (!server) throw new Error(`${document.info.title} has no servers`);
  const base = server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? `{${name}}`);
  const examples = new Map(
    parameters
      .map((parameter) => deref(document, parameter as Record<string, unknown>))
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => [parameter.name as string, String(parameter.example)]),
  );
  return base + path.replace(/\{(\w+)\}/g, (_, name: string) => examples.get(name) ?? `{${name}}`);
}

export interface DocumentedOperation extends Operation {
  /** The request body's examples; the docs show the first. Empty (and undefined) for the GETs, which take no body. */
  requestExamples: Json[];
  requestExample: Json | undefined;
  okExample: Json;
  exampleUrl: string;
  /** Each query parameter's documented example values, as strings. */
  queryExamples: Record<string, string[]>;
}

/** The documented example of each query parameter, as the strings a URL carries. */
function queryExamplesOf(document: OpenApiDocument, parameters: unknown[]): Record<string, string[]> {
  return Object.fromEntries(
    parameters
      .map((parameter) => deref(document, parameter as Record<string, unknown>))
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => [parameter.name as string, [parameter.example ?? []].flat().map(String)]),
  );
}

export async function documentedServices() {
  const { overview, combinedBundle, services } = await loadServices(ROOT);
  return {
    overview,
    combinedBundle,
    services: services.map((service) => ({
      ...service,
      operations: operationsOf(service.document).map((operation): DocumentedOperation => {
        const raw = service.document.paths[operation.path]?.[operation.method] as Record<string, unknown>;
        const body = raw.requestBody ? deref(service.document, raw.requestBody as Record<string, unknown>) : undefined;
        const ok = deref(service.document, (raw.responses as Record<string, Record<string, unknown>>)['200']!);
        const requestExamples = body ? examplesOf(service.document, body.content, `${operation.operationId} request body`) : [];
        return {
          ...operation,
          requestExamples,
          requestExample: requestExamples[0],
          okExample: examplesOf(service.document, ok.content, `${operation.operationId} 200 response`)[0]!,
          exampleUrl: exampleUrl(service.document, operation.path, (raw.parameters as unknown[] | undefined) ?? []),
          queryExamples: queryExamplesOf(service.document, (raw.parameters as unknown[] | undefined) ?? []),
        };
      }),
    })),
  };
}
