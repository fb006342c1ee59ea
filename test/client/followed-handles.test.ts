/**
 * The client follows every handle it hands out, and the spec agrees with itself: every job ID an
 * action's answer may hold (by the committed bundle's schema) is a valid input of the operation that
 * follows it, and the client takes it from the action, stores it in a handle that survives JSON, and
 * follows it to the right path. Every ID the schema refuses (dot segments, `/`, `\`, control bytes,
 * non-ASCII, lone surrogates, too long) is refused by the action with an InvalidResponseError and, in
 * a forged handle, with a TypeError, nothing sent; IDs that look like escapes (`%2e%2e`) are encoded.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidResponseError, parseJobHandle, STATUS_OPERATIONS, type AnyJobHandle, type JobStatus } from '../../src/index.js';
import { CSE_JOB_ID_MAX_LENGTH, CSE_JOB_ID_PATTERN, JOB_ID_MAX_LENGTH, JOB_ID_PATTERN } from '../../src/client/handle.js';
import { bundle, clients, deref, OPERATIONS, type OperationCase } from './fixtures.js';
import { json, startServer, type TestServer } from './server.js';

type Json = Record<string, any>;

/** The operation object of `operationId` in its service's bundle. */
function operationOf(service: string, operationId: string): Json {
  const doc = bundle(service);
  for (const item of Object.values(doc.paths as Json)) for (const op of Object.values(item as Json)) if (op.operationId === operationId) return op;
  throw new Error(`no ${operationId} in ${service}`);
}

/** The schema of the job ID an action answers, fully resolved. */
function answerSchema(op: OperationCase): Json {
  const doc = bundle(op.service);
  const body = deref(doc, operationOf(op.service, op.operationId).responses['200'].content['application/json'].schema);
  return resolve(doc, body.properties[op.jobIdField]);
}

/** The schema of the status operation's input that takes the job ID: its `job_id` path parameter, or ListScriptTasks' `task_id` items. */
function followSchema(op: OperationCase): Json {
  const doc = bundle(op.service);
  const status = operationOf(op.service, STATUS_OPERATIONS[op.operationId as keyof typeof STATUS_OPERATIONS]);
  const parameters = (status.parameters as Json[]).map((p) => deref(doc, p));
  const param = parameters.find((p) => p.name === 'job_id') ?? parameters.find((p) => p.name === 'task_id')!;
  const schema = resolve(doc, param.schema);
  return param.in === 'query' ? resolve(doc, schema.items) : schema;
}

function resolve(doc: Json, node: Json): Json {
  return JSON.parse(JSON.stringify(node, (_key, value) => (value && typeof value === 'object' && '$ref' in value ? deref(doc, value) : value)));
}

const ajv = new Ajv2020({ strict: false });
const validates = (schema: Json) => ajv.compile(schema);

const INT64_MAX = 9223372036854775807n;
const VISIBLE = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i));

/** String IDs of every shape: each visible ASCII character alone, mixtures, escape look-alikes, the longest; and hostile ones. */
const STRING_IDS = [
  ...VISIBLE,
  'a.b', '.a', 'a.', '..a', 'a..', '...a', '.:.', 'a:b', 'JOB66761060-f209-407c-a093-4df6f531b9dc', 'task:1.2',
  '%2e', '%2e%2e', '.%2e', '%2F', '%00', '?x#y', 'a&b=c+d', '{job_id}', "$&$'$`", '~!*()', '"quoted"', '<tag>',
  Array.from({ length: JOB_ID_MAX_LENGTH }, (_, i) => VISIBLE.filter((c) => c !== '/' && c !== '\\')[i % 92]).join(''),
  // hostile: refused by the schema and by the client
  '', '.', '..', '...', '....', 'a/b', '../x', '/', 'a\\b', '\\', 'a b', ' ', 'é', 'ä:1', '\u0000', 'a\r\nX-Injected: 1', '\t',
  '\u007f', '\ud800', '😀', 'x'.repeat(JOB_ID_MAX_LENGTH + 1),
];
/** CSE answers an integer: these as JSON number text. */
const CSE_IDS = ['0', '7', '18638', '9007199254740993', String(INT64_MAX), String(INT64_MAX + 1n), '99999999999999999999', '123456789012345678901234567890'];

/** What each status operation answers for a finished job `id`. */
function succeeded(op: OperationCase, id: string): Json {
  switch (op.service) {
    case 'cse':
      return { id: Number(id), status: 'Finished' };
    case 'servicestage':
      return { job: { JOB_ID: id, EXECUTION_STATUS: 'SUCCEEDED' } };
    default:
      return op.operationId === 'RetryScriptExecution'
        ? { count: 1, script_tasks: [{ id, status: 'SUCCESS', resource_ids: ['d'], success_num: 1, failed_num: 0, skip_num: 0 }] }
        : { id, status: 'SUCCESS' };
  }
}

/** The job ID a status request asked for: the decoded last path segment, or the `task_id` query parameter. */
function askedFor(url: string): string {
  const { pathname, searchParams } = new URL(url, 'http://x');
  return searchParams.get('task_id') ?? decodeURIComponent(pathname.slice(pathname.lastIndexOf('/') + 1));
}

describe('the spec agrees with the client', () => {
  it('the client checks job IDs with the bundles\' own patterns and lengths', () => {
    for (const op of OPERATIONS.filter((o) => o.service !== 'cse')) {
      expect(answerSchema(op)).toMatchObject({ pattern: JOB_ID_PATTERN, maxLength: JOB_ID_MAX_LENGTH, minLength: 1 });
    }
    for (const op of OPERATIONS.filter((o) => o.service === 'cse')) {
      expect(answerSchema(op)).toMatchObject({ type: 'integer', format: 'int64', minimum: 0 });
      expect(followSchema(op)).toMatchObject({ pattern: CSE_JOB_ID_PATTERN, maxLength: CSE_JOB_ID_MAX_LENGTH });
    }
  });

  describe.each(OPERATIONS.filter((o) => o.service !== 'cse'))('$operationId', (op) => {
    it(`every job ID its answer may hold is a valid input of ${STATUS_OPERATIONS[op.operationId as keyof typeof STATUS_OPERATIONS]}`, () => {
      const answer = validates(answerSchema(op));
      const follow = validates(followSchema(op));
      const allowed = STRING_IDS.filter((id) => answer(id));
      expect(allowed.length).toBeGreaterThan(100);
      for (const id of allowed) expect(follow(id), JSON.stringify(id)).toBe(true);
      // The hostile ones are refused by the answer's schema already.
      for (const id of ['', '.', '..', 'a/b', 'a\\b', 'a b', '\u0000', 'é', '\ud800', 'x'.repeat(129)]) expect(answer(id), JSON.stringify(id)).toBe(false);
    });
  });

  it.each(OPERATIONS.filter((o) => o.service === 'cse'))('$operationId: the digits of every int64 job ID are a valid ShowEngineJob job_id', (op) => {
    const follow = validates(followSchema(op));
    for (const id of ['0', '7', String(2n ** 53n + 1n), String(INT64_MAX)]) expect(follow(id), id).toBe(true);
  });
});

describe.each(OPERATIONS)('$operationId: the client follows every handle it hands out', (op) => {
  let server: TestServer;
  let current = '';
  beforeAll(async () => {
    server = await startServer((request) => {
      if (request.method === 'GET') return json(200, succeeded(op, askedFor(request.url)));
      const body = op.service === 'cse' ? `{"id":"e","name":"n","jobId":${current}}` : JSON.stringify({ [op.jobIdField]: current });
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body };
    });
  });
  afterAll(() => server.close());

  const cse = op.service === 'cse';
  const answer = cse ? (id: string) => BigInt(id) <= INT64_MAX : validates(answerSchema(op));
  const ids = cse ? CSE_IDS : STRING_IDS;

  it('every ID its schema allows: the handle survives JSON and getJob asks for exactly that ID', async () => {
    const c = clients(server.url);
    const followed: string[] = [];
    for (const id of ids.filter((i) => answer(i))) {
      current = id;
      const { job } = await op.call(c);
      expect(job.jobId).toBe(id);
      const stored = parseJobHandle(JSON.parse(JSON.stringify(job)));
      expect(stored).toEqual(job);
      const status = (await (c[op.service].getJob as (h: AnyJobHandle) => Promise<JobStatus>)(stored)) as JobStatus;
      expect(status.state).toBe('succeeded');
      const asked = server.requests.at(-1)!;
      expect(asked.method).toBe('GET');
      expect(askedFor(asked.url)).toBe(id);
      followed.push(id);
    }
    expect(followed.length).toBe(cse ? 5 : ids.filter((i) => answer(i)).length);
  });

  it('every ID its schema refuses: an InvalidResponseError naming the field, no handle; a forged handle with it is a TypeError, nothing sent', async () => {
    const c = clients(server.url);
    const refused = ids.filter((i) => !answer(i));
    expect(refused.length).toBeGreaterThan(cse ? 2 : 15);
    for (const id of refused) {
      current = id;
      const error = await op.call(c).catch((e: unknown) => e);
      expect(error, JSON.stringify(id)).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toMatch(new RegExp(`body's ${op.jobIdField} (is empty|is above|is not a job ID that can be followed)`));
      const before = server.requests.length;
      const forged = { service: op.service, operation: op.operationId, jobId: id, ...op.handleExtras };
      await expect((c[op.service].getJob as (h: unknown) => Promise<unknown>)(forged)).rejects.toThrow(TypeError);
      expect(server.requests.length).toBe(before);
    }
  });
});

describe('IDs that look like escapes or dot segments are sent encoded', () => {
  it.each([
    ['%2e%2e', '%252e%252e'],
    ['.%2e', '.%252e'],
    ['a.b:c', 'a.b%3Ac'],
    ['..a', '..a'],
    ['?x#y', '%3Fx%23y'],
  ])('%s goes out as %s, one segment of the status path', async (id, sent) => {
    const server = await startServer((request) => json(200, { id: askedFor(request.url), status: 'SUCCESS' }));
    try {
      const handle = { service: 'workspace', operation: 'RunActionsOnWorkspaceJob', jobId: id, projectId: 'p1' } as const;
      await clients(server.url).workspace.getJob(handle);
      expect(server.requests[0]!.url).toBe(`/v2/p1/workspace-jobs/${sent}`);
    } finally {
      await server.close();
    }
  });
});
