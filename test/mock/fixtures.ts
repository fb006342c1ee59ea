/** The operations as the combined bundle describes them, and plain HTTP helpers for the mock tests. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = any; // the bundle is read as plain JSON; each helper checks what it uses

export const bundle: Json = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));

export const TOKEN = 'MIIEXAMPLE-fake-iam-token-for-the-mock-tests';
export const AUTH = { 'x-auth-token': TOKEN };
export const JSON_BODY = { ...AUTH, 'content-type': 'application/json' };

export interface DocumentedResponse {
  status: number;
  examples: Record<string, unknown>;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The path with each parameter's documented example filled in. */
  path: string;
  /** The first documented request example. */
  body: unknown;
  requestExamples: Record<string, unknown>;
  responses: DocumentedResponse[];
  /** JSON pointer of each status's response body schema inside the bundle. */
  schemaPointers: Record<number, string>;
}

const deref = (node: Json): Json => (node?.$ref ? pointer(node.$ref) : node);
const pointer = (ref: string): Json =>
  ref
    .slice(2)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: Json, key) => node[key], bundle);
const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
const valuesOf = (examples: Json): Record<string, unknown> =>
  Object.fromEntries(Object.entries(examples ?? {}).map(([name, example]) => [name, deref(example).value]));

const allOperations: Operation[] = Object.entries(bundle.paths as Json).flatMap(([template, item]: [string, Json]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
    .map(([method, operation]: [string, Json]) => {
      const parameters = (operation.parameters ?? []).map(deref);
      const path = template.replace(/\{([^}]+)\}/g, (_, name) => parameters.find((p: Json) => p.name === name).example);
      const requestExamples = operation.requestBody ? valuesOf(deref(operation.requestBody).content['application/json'].examples) : {};
      const responses: DocumentedResponse[] = [];
      const schemaPointers: Record<number, string> = {};
      for (const [status, raw] of Object.entries(operation.responses as Json)) {
        const at = (raw as Json).$ref ?? `#/paths/${escape(template)}/${method}/responses/${status}`;
        const content = deref(raw).content['application/json'];
        responses.push({ status: Number(status), examples: valuesOf(content.examples) });
        schemaPointers[Number(status)] = `${at}/content/application~1json/schema`;
      }
      return {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        body: Object.values(requestExamples)[0],
        requestExamples,
        responses,
        schemaPointers,
      };
    }),
);

/** The five actions, which take a JSON body: the suites here test the mock's handling of request bodies on them. */
export const operations: Operation[] = allOperations.filter((op) => op.body !== undefined);
/** The job-status operations (GET, no body), which only the contract test covers (test/mock/contract.test.ts). */
export const statusOperations: Operation[] = allOperations.filter((op) => op.body === undefined);

export function operation(operationId: string): Operation {
  const found = allOperations.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId} in the bundle`);
  return found;
}

/** The `error_code` of the operation's documented 400 example, which the mock keeps. */
export function badRequestCode(op: Operation): string {
  const example = Object.values(op.responses.find((r) => r.status === 400)!.examples)[0] as { error_code: string };
  return example.error_code;
}

// ajv-formats is CommonJS with a default export; under NodeNext its default import is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(bundle, 'bundle');

/** Validates a response body against the schema the operation documents for that status. */
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

export function matchesSchema(op: Operation, status: number, body: unknown): string[] {
  // Compiled once per schema: ajv compiles a new schema object again each time (~1 ms, on the thread the test's mock shares).
  const ref = `bundle${op.schemaPointers[status]}`;
  let validate = validators.get(ref);
  if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })));
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** One request to the mock; never waits more than 10 s. */
export async function send(baseUrl: string, { method, path, headers = {}, body }: Sent): Promise<Answer> {
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
