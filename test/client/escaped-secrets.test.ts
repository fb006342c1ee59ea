/**
 * A hostile server echoes the client's secrets in every spelling it may use (as they are; JSON
 * escapes `\"`, `\\`, `\/`, `\u00xx` in either case, mixed, and JSON text inside a JSON string;
 * percent-encoding in either case; HTML character references), in every channel each error class
 * reads (bodies, raw bodies, headers, reason phrases, job statuses, codes and reasons, thrown errors,
 * request paths). No spelling of any secret may be left in the error's message, stack, fields at
 * any depth, cause, `JSON.stringify` or `util.inspect`, and the echo must have reached the error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  InvalidResponseError,
  JobFailedError,
  JobTimeoutError,
  NetworkError,
  ResponseTooLargeError,
  TimeoutError,
  type AkSkAuth,
  type Auth,
} from '../../src/index.js';
import { clients, OPERATIONS } from './fixtures.js';
import { CSE_JOB, FOLLOWED, cseBody, scriptBody, serviceStageBody, workspaceBody } from './job-fixtures.js';
import { printed } from './printed.js';
import { json, replies, startServer, type TestServer } from './server.js';

// Secrets with the characters JSON, URLs and HTML escape.
const TOKEN = 'tok/en"with\\back+slash=0123456789-not-real';
const AKSK: AkSkAuth = {
  accessKey: 'HPUAEXAMPLEAK000003',
  secretKey: 'fake/Secret+Key"Example\\Only1111NotReal11',
  securityToken: 'gQpjbi1ub3J0aC00EXAMPLE+sts/token=not-real==',
};
const AUTHS: [string, Auth][] = [
  ['a token', { token: TOKEN }],
  ['AK/SK with a security token', AKSK],
];
const secretsOf = (auth: Auth) => Object.values(auth).filter((v): v is string => typeof v === 'string');

const u = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const jsonText = (s: string) => JSON.stringify(s).slice(1, -1);

/**
 * Each way a server may write `s`, and whether the result is written as it is inside a JSON string
 * (the JSON escapes) or, like any text, JSON-escaped there (so `"` and `\\` stay what they are).
 */
const SPELLINGS: [string, (s: string) => string, boolean][] = [
  ['as it is', (s) => s, false],
  ['JSON-escaped', jsonText, true],
  ['JSON-escaped with \\/', (s) => jsonText(s).replace(/\//g, '\\/'), true],
  ['\\u00xx', (s) => [...s].map(u).join(''), true],
  ['\\u00XX', (s) => [...s].map((c) => u(c).toUpperCase().replace('\\U', '\\u')).join(''), true],
  ['mixed escapes', (s) => [...s].map((c, i) => (i % 2 ? u(c) : jsonText(c))).join(''), true],
  ['JSON text in a JSON string', (s) => jsonText(JSON.stringify(s)).slice(2, -2), true],
  ['percent-encoded', encodeURIComponent, false],
  ['percent-encoded, lower case', (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), false],
  ['HTML decimal references', (s) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join(''), false],
  ['HTML hex references', (s) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`).join(''), false],
  ['HTML named references', (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\//g, '&#x2F;'), false],
];

function expectClean(error: unknown, auth: Auth, type: abstract new (...args: never[]) => Error): void {
  expect(error).toBeInstanceOf(type);
  const e = error as Error;
  const texts = printed(e);
  for (const secret of secretsOf(auth)) {
    for (const [name, spell] of SPELLINGS) {
      const spelled = spell(secret);
      for (const text of texts) if (text.includes(spelled)) expect.fail(`${name} of a secret left in: ${text.slice(0, 300)}`);
    }
  }
  expect(texts.join('\n')).toContain('[REDACTED]'); // the echo did reach the error
}

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function serve(script: Parameters<typeof startServer>[0]): Promise<string> {
  const server = await startServer(script);
  servers.push(server);
  return server.url;
}

const [retryEngine] = OPERATIONS;
const FAST = { interval: 5 };

describe.each(AUTHS)('%s', (_auth, auth) => {
  /** All the client's secrets, each in the spelling `spell`. */
  const all = (spell: (s: string) => string) => secretsOf(auth).map(spell).join(' ');
  const client = (url: string, extra = {}) => clients(url, auth, extra);

  describe.each(SPELLINGS)('spelled %s', (_name, spell, isJson) => {
    const planted = all(spell);
    /** `planted` inside a JSON string. */
    const inJson = isJson ? planted : jsonText(planted);
    const headers = { 'X-Request-Id': planted, 'Content-Type': 'application/json' };

    it('ApiError: a JSON error body, the reason phrase and X-Request-Id', async () => {
      const body = `{"error_code":"X.400","error_msg":"${inJson}","detail":"${inJson}","${inJson}":["${inJson}"]}`;
      const url = await serve(() => ({ status: 400, reason: planted.replace(/[^\t\x20-\x7e]/g, ''), headers, body }));
      expectClean(await retryEngine!.call(client(url)).catch((e: unknown) => e), auth, ApiError);
    });

    it('ApiError: an HTML error page (rawBody)', async () => {
      const url = await serve(() => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: `<pre>${planted}</pre>` }));
      expectClean(await retryEngine!.call(client(url)).catch((e: unknown) => e), auth, ApiError);
    });

    it('ApiError: a redirect (Location)', async () => {
      const url = await serve(() => ({ status: 302, headers: { Location: `http://127.0.0.1:9/${planted}` } }));
      expectClean(await retryEngine!.call(client(url)).catch((e: unknown) => e), auth, ApiError);
    });

    it('InvalidResponseError: a 2xx page that is not JSON (rawBody)', async () => {
      const url = await serve(() => ({ status: 200, headers, body: `<p>${planted}</p>` }));
      expectClean(await retryEngine!.call(client(url)).catch((e: unknown) => e), auth, InvalidResponseError);
    });

    it('InvalidResponseError: a 2xx JSON body without a job ID', async () => {
      const url = await serve(() => ({ status: 200, headers, body: `{"id":"e","note":"${inJson}"}` }));
      expectClean(await retryEngine!.call(client(url)).catch((e: unknown) => e), auth, InvalidResponseError);
    });

    it('InvalidResponseError: a status answer without a status', async () => {
      const url = await serve(() => ({ status: 200, headers, body: `{"id":"e","note":"${inJson}"}` }));
      expectClean(await client(url).workspace.getJob(FOLLOWED[1].handle).catch((e: unknown) => e), auth, InvalidResponseError);
    });

    it('NetworkError: what a custom fetch throws', async () => {
      const fetch = async (): Promise<Response> => {
        throw Object.assign(new TypeError(`fetch failed: ${planted}`, { cause: Object.assign(new Error(planted), { code: planted }) }), { name: planted });
      };
      expectClean(await retryEngine!.call(client('http://127.0.0.1:9', { fetch })).catch((e: unknown) => e), auth, NetworkError);
    });

    it('ResponseTooLargeError: X-Request-Id of an answer over the limit', async () => {
      const url = await serve(() => ({ status: 200, headers, body: 'x'.repeat(1000) }));
      expectClean(await retryEngine!.call(client(url, { maxResponseBytes: 100 })).catch((e: unknown) => e), auth, ResponseTooLargeError);
    });

    it.each([
      ['CSE: a failed task log', 'cse', FOLLOWED[0].handle, cseBody('Error', { tasks: [{ status: 'Error', tasks: [{ status: 'Error', log: '@' }] }], description: '@' })],
      ['Workspace: job_error_code, fail_reason', 'workspace', FOLLOWED[1].handle, workspaceBody('FAILED', { job_error_code: '@', fail_reason: '@' })],
      ['Workspace script task: a free status', 'workspace', FOLLOWED[2].handle, scriptBody('@', { success: 1, failed: 1 })],
      ['ServiceStage: a failed task MESSAGES', 'servicestage', FOLLOWED[3].handle, serviceStageBody('FAILED', [{ TASK_STATUS: 'FAILED', MESSAGES: '@' }])],
    ] as const)('JobFailedError: %s', async (_what, name, handle, failed) => {
      const body = JSON.stringify(failed).replace(/"@"/g, `"${inJson}"`);
      const url = await serve(() => ({ status: 200, headers, body }));
      const c = client(url) as Record<string, any>;
      expectClean(await c[name].waitForJob(handle, FAST).catch((e: unknown) => e), auth, JobFailedError);
    });

  });
});

describe.each(AUTHS)('%s: JobTimeoutError', (_auth, auth) => {
  it('the last status (an unknown one, so running), in every spelling', async () => {
    // The waits side by side: each needs a poll answered before its timeout, 1 s for a loaded machine.
    await Promise.all(
      SPELLINGS.map(async ([, spell, isJson]) => {
        const planted = secretsOf(auth).map(spell).join(' ');
        const url = await serve(() => json(200, { id: Number(CSE_JOB), status: isJson ? JSON.parse(`"${planted}"`) : planted }));
        const error = await clients(url, auth).cse.waitForJob(FOLLOWED[0].handle, { interval: 5, timeout: 1_000 }).catch((e: unknown) => e);
        expectClean(error, auth, JobTimeoutError);
        expect((error as JobTimeoutError).lastStatus).toContain('[REDACTED]');
      }),
    );
  });
});

describe('the operation name of a raw call, from its path (percent-encoded by the client)', () => {
  // One path segment: no "/" or "\\"; "+", "=", '"' and " " are percent-encoded.
  const token = 'path+safe="token" 0123456789=';
  it.each([
    ['TimeoutError', 'slow', TimeoutError],
    ['ResponseTooLargeError', 'big', ResponseTooLargeError],
  ] as const)('%s', async (_name, engine, type) => {
    const url = await serve((request, _i, res) => {
      if (!request.url.includes('slow')) res.writeHead(200, { 'Content-Type': 'application/json' }).end(`"${'x'.repeat(200)}"`);
      return undefined;
    });
    const c = clients(url, { token }, { timeout: 200, maxResponseBytes: 100 });
    const path = '/v2/{project_id}/enginemgr/engines/{engine_id}/jobs/{job_id}' as const;
    const error = await c.cse.raw.GET(path, { params: { path: { project_id: token, engine_id: engine, job_id: '1' } } }).catch((e: unknown) => e);
    expectClean(error, { token }, type);
  });
});

describe('the project of a handle in a JobFailedError', () => {
  it('is redacted like every field', async () => {
    const secret = AKSK.accessKey; // one path segment: letters and digits
    const url = await serve(replies(json(200, workspaceBody('FAILED', { job_error_code: 'X.1' }))));
    const handle = { ...FOLLOWED[1].handle, projectId: secret };
    const error = await clients(url, AKSK).workspace.waitForJob(handle, FAST).catch((e: unknown) => e);
    expectClean(error, { token: secret }, JobFailedError);
  });
});
