/**
 * Runs TypeScript code samples (openapi/code-samples/<operationId>.ts) as a reader would, in one
 * process (`tsx test/docs/sample-runner.ts <file>...`, started by typescript-samples.ts), against the
 * suite's mock (MOCK_URL) instead of the provider: the global fetch the client calls sends each
 * request to the mock on the same path, and records it. An action's job is told to end at its first
 * poll (`X-Mock-Job: succeed; polls=0`), so `waitForJob` returns at once; a status operation's
 * sample asks for jobs the mock never started, so its calls get the documented `Succeeded` example
 * (`Prefer: example=Succeeded`). Prints one JSON line: each sample's requests, output and error.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SentRequest {
  /** The operation the request's method and path belong to, or undefined for any other. */
  operationId: string | undefined;
  method: string;
  /** The URL the sample sent to (the provider's). */
  url: string;
  headers: Record<string, string>;
  /** The body, parsed from JSON; undefined when there is none. */
  body: unknown;
  /** What the mock answered. */
  status: number;
  answer: unknown;
}

export interface SampleRun {
  requests: SentRequest[];
  /** Everything the sample printed with console.log and console.error, line by line. */
  output: string[];
  /** The message of what the sample threw, if it did. */
  error: string | undefined;
}

const mock = process.env['MOCK_URL'];
if (!mock) throw new Error('sample-runner: MOCK_URL (the mock to send the samples to) is not set');
const files = process.argv.slice(2);

const bundle = JSON.parse(await readFile(new URL('../../generated/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: unknown }>>;
};
const operations = Object.entries(bundle.paths).flatMap(([template, item]) =>
  Object.entries(item)
    .filter(([, op]) => typeof op?.operationId === 'string')
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      operationId: op.operationId!,
      takesBody: op.requestBody !== undefined,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    })),
);
const operationOf = (method: string, path: string) => operations.find((op) => op.method === method && op.pattern.test(path))?.operationId;

let requests: SentRequest[] = [];
let statusSample = false;
const realFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const text = request.method === 'GET' ? '' : await request.text();
  const headers = new Headers(request.headers);
  if (request.method !== 'GET') headers.set('X-Mock-Job', 'succeed; polls=0');
  else if (statusSample) headers.set('Prefer', 'example=Succeeded');
  const response = await realFetch(new URL(url.pathname + url.search, mock), {
    method: request.method,
    headers,
    body: text || undefined,
    redirect: 'manual',
  });
  const answer = await response.text();
  const sent: Record<string, string> = {};
  request.headers.forEach((value, name) => (sent[name] = value));
  requests.push({
    operationId: operationOf(request.method, url.pathname),
    method: request.method,
    url: request.url,
    headers: sent,
    body: text ? JSON.parse(text) : undefined,
    status: response.status,
    answer: answer ? JSON.parse(answer) : undefined,
  });
  return new Response(answer, { status: response.status, statusText: response.statusText, headers: response.headers });
};

const runs: Record<string, SampleRun> = {};
const print = { log: console.log, error: console.error };
for (const file of files) {
  const operationId = basename(file, '.ts');
  requests = [];
  // The status operations take no body; their samples follow jobs the mock did not start.
  statusSample = operations.some((op) => op.operationId === operationId && !op.takesBody);
  const output: string[] = [];
  console.log = console.error = (...args: unknown[]) => void output.push(args.map(String).join(' '));
  let error: string | undefined;
  try {
    await import(pathToFileURL(file).href);
  } catch (thrown) {
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  } finally {
    Object.assign(console, print);
  }
  runs[operationId] = { requests, output, error };
}
process.stdout.write(`${JSON.stringify(runs)}\n`);
