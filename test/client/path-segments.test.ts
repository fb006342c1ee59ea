/**
 * Path arguments (`projectId` and every `*Id`) are one path segment each: a value that URL parsing
 * would resolve or split (`.`, `..`, `/`, `\`) or that cannot be sent as written (control
 * characters, unpaired surrogates) is a TypeError naming the function and the argument, and
 * nothing is sent. Every other value, however odd, lands on the operation's own documented path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCseClient, createServiceStageClient, createWorkspaceClient } from '../../src/index.js';
import { pathSegment } from '../../src/client/check.js';
import { ANY_JOB, clients, ENGINE, OPERATIONS, PROJECT, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

/** Each one either moves the request to another resource or cannot be one segment. */
const HOSTILE: [string, string][] = [
  ['empty', ''],
  ['a dot', '.'],
  ['two dots', '..'],
  ['a slash', 'a/b'],
  ['a leading slash', '/etc'],
  ['dots behind a slash', 'x/../..'],
  ['a backslash', 'a\\b'],
  ['two dots behind a backslash', '..\\..'],
  ['a line feed', 'id\n'],
  ['a carriage return', 'id\rX-Injected: 1'],
  ['NUL', 'a\u0000b'],
  ['a tab', 'a\tb'],
  ['DEL', 'a\u007f'],
  ['a C1 control (NEL)', 'a\u0085b'],
  ['an unpaired surrogate', 'a\ud800b'],
];

/** Odd but legal: each must arrive percent-encoded, as one segment, on the documented path. */
const ODD = [' spaced out ', '100%', '%2e%2e', '%2F', 'a?b=c', 'a#frag', 'ü-日本-😀', '...', '.hidden', 'a;b,c', "a'b(c)*!", '$&$1', 'a+b', '~user'];

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function server(): Promise<TestServer> {
  const s = await startServer(replies(json(200, ANY_JOB)));
  servers.push(s);
  return s;
}

describe.each(OPERATIONS)('$operationId', (op) => {
  describe.each(Object.keys(op.pathArgs))('%s', (arg) => {
    it.each(HOSTILE)('with %s is a TypeError naming the function and argument; nothing is sent', async (_name, value) => {
      const s = await server();
      const error = await op.call(clients(s.url), { [arg]: value }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(new RegExp(`^${op.fn}: ${arg} must `));
      expect(s.requests).toHaveLength(0);
    });

    it('odd but legal values land on the documented path, each as one encoded segment', async () => {
      const s = await server();
      const c = clients(s.url);
      for (const value of ODD) await op.call(c, { [arg]: value });
      expect(s.requests.map((r) => r.url)).toEqual(ODD.map((value) => op.path.replace(op.pathArgs[arg]!, encodeURIComponent(value))));
      const segments = op.path.split('/').length;
      for (const [i, r] of s.requests.entries()) {
        expect(r.method).toBe(op.method);
        expect(r.url.split('/')).toHaveLength(segments);
        expect(r.url.split('/').map(decodeURIComponent)).toContain(ODD[i]);
      }
    });
  });
});

describe('the client-level projectId', () => {
  it.each(HOSTILE)('with %s is a TypeError from each factory', (_name, value) => {
    const options = { baseUrl: 'http://127.0.0.1:9', auth: { token: TOKEN }, projectId: value };
    expect(() => createCseClient(options)).toThrow(TypeError);
    expect(() => createCseClient(options)).toThrow(/^createCseClient: projectId must /);
    expect(() => createWorkspaceClient(options)).toThrow(/^createWorkspaceClient: projectId must /);
    expect(() => createServiceStageClient(options)).toThrow(/^createServiceStageClient: projectId must /);
  });
});

describe('raw calls', () => {
  it.each(HOSTILE.filter(([, v]) => v !== ''))('a path parameter with %s is a TypeError naming it; nothing is sent', async (_name, value) => {
    const s = await server();
    const { cse } = clients(s.url);
    const call = cse.raw.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/actions', {
      params: { path: { project_id: PROJECT, engine_id: value } },
      body: { action: 'Retry' },
    });
    await expect(call).rejects.toThrow(/^raw: engine_id must /);
    expect(s.requests).toHaveLength(0);
  });

  it('odd but legal values are encoded as one segment', async () => {
    const s = await server();
    await clients(s.url).cse.raw.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/actions', {
      params: { path: { project_id: PROJECT, engine_id: 'a b?#%' } },
      body: { action: 'Retry' },
    });
    expect(s.requests[0]!.url).toBe(`/v2/${PROJECT}/enginemgr/engines/a%20b%3F%23%25/actions`);
  });
});

describe('pathSegment', () => {
  it('describes the offending character by position, without repeating the value', () => {
    expect(() => pathSegment('abc\ndef', 'retryEngine: engineId')).toThrow(
      new TypeError('retryEngine: engineId must be a single path segment, but has the control character U+000A at index 3'),
    );
    expect(() => pathSegment('..', 'getJob: jobId')).toThrow(new TypeError('getJob: jobId must not be "..": a dot segment would change the path'));
    expect(() => pathSegment('a/b', 'f: x')).toThrow(new TypeError('f: x must be a single path segment, but has "/" at index 1'));
    expect(() => pathSegment(7, 'f: x')).toThrow(new TypeError('f: x must be a non-empty string (got 7)'));
    expect(pathSegment(ENGINE, 'f: x')).toBe(ENGINE);
  });
});
