/**
 * The code samples in openapi/code-samples/: a curl and a TypeScript sample for each operation and
 * nothing else; the TypeScript ones compile against the client (and a call the client does not have
 * does not), and run against the suite's mock: an action's sample sends the operation's example body
 * and waits for the job with its status operation, a status operation's sample calls it and follows
 * a job; the curl ones, run by bash with a stand-in `curl`, send the operation's method, URL, token
 * and example body; and every published bundle carries exactly these samples.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { STATUS_OPERATIONS } from '../../src/client/job.js';
import { documentedServices, EXPECTED_OPERATIONS, ROOT } from './bundle.js';
import { runTypeScriptSamples, SAMPLE_TOKEN, type SampleRun } from './typescript-samples.js';

const run = promisify(execFile);
const SAMPLES = join(ROOT, 'openapi', 'code-samples');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const TSBUILDINFO = join(ROOT, 'node_modules', '.cache', 'tsc', 'code-samples.tsbuildinfo');
const { services } = await documentedServices();
const operations = services.flatMap((service) => service.operations.map((operation) => ({ service, operation })));
const operationIds = Object.values(EXPECTED_OPERATIONS).flat();

const sample = (operationId: string, extension: 'sh' | 'ts') => readFile(join(SAMPLES, `${operationId}.${extension}`), 'utf8');

/** Runs tsc; resolves with its output whether it passed or not. */
async function tsc(args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(TSC, args, { cwd: ROOT });
    return { ok: true, output: stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

test('there is a curl and a TypeScript sample for each of the nine operations, and no other sample', async () => {
  const files = (await readdir(SAMPLES)).filter((file) => file !== 'tsconfig.json').sort();
  expect(files).toEqual(operationIds.flatMap((id) => [`${id}.sh`, `${id}.ts`]).sort());
});

describe('TypeScript samples', () => {
  // One tsc run (compiling the client's source takes a few seconds) for both tests: the samples'
  // own config (openapi/code-samples/tsconfig.json), with a copy of one sample that calls the client
  // wrongly added beside them. The samples must compile cleanly and only the wrong copy may fail.
  const dir = join(ROOT, 'test-output', 'docs', 'tsc-samples');
  const wrongFile = join(dir, 'RetryEngine.ts');
  let result: { ok: boolean; output: string };
  let errors: string[];
  beforeAll(async () => {
    // Inside the repository so that the root config's paths and @types resolve as for the samples.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const wrong = (await sample('RetryEngine', 'ts')).replace('engineId:', 'engineID:');
    expect(wrong).toContain('engineID:');
    await writeFile(wrongFile, wrong);
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(SAMPLES, 'tsconfig.json'), include: [join(SAMPLES, '*.ts'), '*.ts'] }));
    // Incremental, like the build's typecheck: its build info (outside dir, which is made anew each run) lets a rerun
    // reuse the earlier check of each file that did not change (the client's source, mostly): ~1.1 s less CPU for
    // this file on a rerun (5.4 s against 6.6 s, measured here); a fresh clone checks everything. tsc still reads every
    // file and reports every error, those of unchanged files included (the wrong copy's, each run).
    result = await tsc(['-p', join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false', '--listFiles', '--incremental', '--tsBuildInfoFile', TSBUILDINFO]);
    errors = result.output.split('\n').filter((line) => /: error TS\d+:/.test(line));
  });

  test("compile against the client's source (tsc on openapi/code-samples/tsconfig.json)", () => {
    const compiled = result.output.split('\n');
    expect(compiled).toContain(join(ROOT, 'src', 'index.ts'));
    for (const id of operationIds) expect(compiled).toContain(join(SAMPLES, `${id}.ts`));
    // tsc names files relative to the working directory (ROOT).
    expect(errors.filter((line) => !line.startsWith(`${relative(ROOT, wrongFile)}(`)), result.output).toEqual([]);
  });

  test('a sample that calls the client wrongly does not compile', () => {
    expect(result.ok).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/RetryEngine\.ts\(\d+,\d+\): error TS\d+: .*engineID/);
  });
});

describe('TypeScript samples, run against the mock', () => {
  let runs: Record<string, SampleRun>;
  beforeAll(async () => {
    runs = await runTypeScriptSamples(inject('mockUrl'), operationIds);
  });
  const actions = operations.filter(({ operation }) => operation.requestExample !== undefined).map(({ operation }) => operation);
  const statusOperations = operations.filter(({ operation }) => operation.requestExample === undefined).map(({ operation }) => operation);

  test.each(operations.map(({ operation }) => [operation.operationId]))('%s ends without an error, printing what it got, every call answered 200 with the token', (id) => {
    const run = runs[id]!;
    expect(run.error).toBeUndefined();
    expect(run.output.length).toBeGreaterThan(0);
    expect(run.output.join('\n')).not.toMatch(/undefined|NaN|\[object Object\]/);
    expect(run.requests.map((r) => r.status)).toEqual(run.requests.map(() => 200));
    for (const request of run.requests) expect(request.headers['x-auth-token'], request.url).toBe(SAMPLE_TOKEN);
  });

  test.each(actions.map((operation) => [operation.operationId, operation] as const))(
    '%s sends its example body to its URL, then waits for the job with its status operation and the job ID it was given',
    (id, operation) => {
      const [action, ...polls] = runs[id]!.requests;
      expect(action).toMatchObject({ operationId: id, method: operation.method.toUpperCase(), body: operation.requestExample });
      const url = new URL(action!.url);
      expect(url.origin + url.pathname).toBe(operation.exampleUrl);
      const follow = STATUS_OPERATIONS[id as keyof typeof STATUS_OPERATIONS];
      expect(polls.length).toBeGreaterThan(0);
      const answer = action!.answer as Record<string, unknown>;
      const jobId = String(answer['jobId'] ?? answer['job_id'] ?? answer['task_id']);
      for (const poll of polls) {
        expect(poll).toMatchObject({ operationId: follow, method: 'GET' });
        expect(poll.url).toContain(jobId);
      }
    },
  );

  test.each(statusOperations.map((operation) => [operation.operationId, operation] as const))(
    '%s calls its operation at its example URL once, then follows the job with it',
    (id, operation) => {
      const requests = runs[id]!.requests;
      expect(requests.length).toBeGreaterThanOrEqual(2);
      for (const request of requests) {
        expect(request).toMatchObject({ operationId: id, method: 'GET' });
        expect(request.body).toBeUndefined();
        const url = new URL(request.url);
        expect(url.origin + url.pathname).toBe(operation.exampleUrl);
        for (const [name, value] of url.searchParams) expect(operation.queryExamples[name], `${name}=${value}`).toContain(value);
      }
    },
  );
});

describe('curl samples', () => {
  let shims: string;
  beforeAll(async () => {
    shims = await mkdtemp(join(tmpdir(), 'docs-curl-'));
    // A stand-in curl that records its arguments, NUL-separated, instead of calling the provider.
    await writeFile(join(shims, 'curl'), '#!/bin/sh\nfor arg in "$@"; do printf \'%s\\0\' "$arg"; done > "$CURL_ARGS"\n');
    await chmod(join(shims, 'curl'), 0o755);
  });
  afterAll(() => rm(shims, { recursive: true, force: true }));

  test.each(operations)('$operation.operationId sends the method, URL, token and an example body', async ({ operation }) => {
    const argsFile = join(shims, `${operation.operationId}.args`);
    await run('bash', [join(SAMPLES, `${operation.operationId}.sh`)], {
      env: { PATH: `${shims}:${process.env.PATH}`, HUAWEICLOUD_TOKEN: 'test-token', CURL_ARGS: argsFile },
    });
    const args = (await readFile(argsFile, 'utf8')).split('\0').slice(0, -1);
    const sent = { method: '', url: '', headers: [] as string[], body: undefined as unknown };
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-X') sent.method = args[++i]!;
      else if (arg === '-H') sent.headers.push(args[++i]!);
      else if (arg === '-d') sent.body = JSON.parse(args[++i]!);
      else if (arg.startsWith('-')) throw new Error(`unexpected curl option ${arg}`);
      else sent.url = arg;
    }
    expect(sent.method).toBe(operation.method.toUpperCase());
    const url = new URL(sent.url);
    expect(url.origin + url.pathname).toBe(operation.exampleUrl);
    // Any query parameter the sample sends is one the operation documents, with its example value.
    for (const [name, value] of url.searchParams) expect(operation.queryExamples[name], `${name}=${value}`).toContain(value);
    if (operation.requestExample === undefined) {
      expect(sent.headers).toEqual(['X-Auth-Token: test-token']);
      expect(sent.body).toBeUndefined();
    } else {
      expect(sent.headers.sort()).toEqual(['Content-Type: application/json', 'X-Auth-Token: test-token']);
      expect(operation.requestExamples).toContainEqual(sent.body);
    }
  });
});

test('every published bundle carries exactly these samples (run npm run bundle after editing one)', async () => {
  const generated = join(ROOT, 'generated');
  const bundles = (await readdir(generated)).filter((file) => /\.(yaml|json)$/.test(file));
  const seen: string[] = [];
  for (const file of bundles) {
    const text = await readFile(join(generated, file), 'utf8');
    const document = (file.endsWith('.json') ? JSON.parse(text) : parse(text)) as { paths: Record<string, Record<string, unknown>> };
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item) as { operationId?: string; 'x-codeSamples'?: unknown }[]) {
        if (!operation?.operationId) continue;
        const id = operation.operationId;
        seen.push(id);
        expect(operation['x-codeSamples'], `${file}: ${id}`).toEqual([
          { lang: 'curl', label: 'curl', source: `${(await sample(id, 'sh')).trim()}\n` },
          { lang: 'TypeScript', label: 'TypeScript', source: `${(await sample(id, 'ts')).trim()}\n` },
        ]);
      }
    }
  }
  // Each operation is in its service's bundle and in the combined one, as YAML and as JSON.
  expect(seen.sort()).toEqual(operationIds.flatMap((id) => [id, id, id, id]).sort());
});
