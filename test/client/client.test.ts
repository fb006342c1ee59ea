/**
 * Client options shared by the three clients: region or baseUrl, projectId, User-Agent, a custom
 * fetch, middleware, and the raw openapi-fetch client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCseClient,
  createServiceStageClient,
  createWorkspaceClient,
  USER_AGENT,
  type CseClientOptions,
} from '../../src/index.js';
import { ENGINE, PROJECT, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A fetch that records the request and answers without any network. */
function recordingFetch(answer: unknown = { id: 'e', name: 'n', jobId: 1 }) {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { seen, fetch };
}

describe('region', () => {
  it.each([
    ['cse', 'cn-north-4', 'https://cse.cn-north-4.myhuaweicloud.com/v2/'],
    ['cse', 'ap-southeast-3', 'https://cse.ap-southeast-3.myhuaweicloud.com/v2/'],
    ['workspace', 'cn-east-5', 'https://workspace.cn-east-5.myhuaweicloud.com/v2/'],
    ['servicestage', 'ru-moscow-1', 'https://servicestage.ru-moscow-1.myhuaweicloud.com/v2/'],
  ] as const)('%s in %s is called at %s...', async (service, region, prefix) => {
    const { seen, fetch } = recordingFetch({ id: 'e', name: 'n', jobId: 1, task_id: 't', job_id: 'j' });
    const options = { region, projectId: PROJECT, auth: { token: TOKEN }, fetch } as never;
    if (service === 'cse') await createCseClient(options).retryEngine({ engineId: ENGINE });
    if (service === 'workspace') await createWorkspaceClient(options).retryWorkspaceJob({ jobId: 'j' });
    if (service === 'servicestage') {
      await createServiceStageClient(options).runInstanceAction({ applicationId: 'a', componentId: 'c', instanceId: 'i', action: 'start' });
    }
    expect(seen[0]!.url.startsWith(prefix + PROJECT + '/')).toBe(true);
  });

  it.each([
    ['a region the service does not list', { region: 'cn-north-99' }, /^createCseClient: region must be one of af-south-1, .* \(got "cn-north-99"\); for any other endpoint pass baseUrl$/],
    ['a region of another service only', { region: 'cn-east-5' }, /region must be one of/],
    ['both region and baseUrl', { region: 'cn-north-4', baseUrl: 'http://127.0.0.1:1' }, /either region or baseUrl, not both/],
    ['neither region nor baseUrl', {}, /^createCseClient: give region \(one of af-south-1, .*\) or baseUrl$/],
    ['a relative baseUrl', { baseUrl: '/cse' }, /baseUrl must be an absolute http\(s\) URL .*\(got "\/cse"\)/],
    ['a baseUrl with a query', { baseUrl: 'http://127.0.0.1:1/?x=1' }, /without query or fragment/],
    ['a non-http baseUrl', { baseUrl: 'ftp://127.0.0.1/' }, /absolute http\(s\) URL/],
  ])('%s is a TypeError', (_name, endpoint, message) => {
    expect(() => createCseClient({ ...endpoint, auth: { token: TOKEN } } as CseClientOptions)).toThrow(
      expect.objectContaining({ name: 'TypeError', message: expect.stringMatching(message) }),
    );
  });
});

describe('baseUrl', () => {
  it('may carry a path prefix (a proxy), and a trailing slash', async () => {
    const { seen, fetch } = recordingFetch();
    await createCseClient({ baseUrl: 'http://proxy.internal/huawei/cse/', projectId: PROJECT, auth: { token: TOKEN }, fetch }).retryEngine({
      engineId: ENGINE,
    });
    expect(seen[0]!.url).toBe(`http://proxy.internal/huawei/cse/v2/${PROJECT}/enginemgr/engines/${ENGINE}/actions`);
  });
});

describe('projectId', () => {
  it("a call's projectId overrides the client's", async () => {
    const { seen, fetch } = recordingFetch();
    const cse = createCseClient({ baseUrl: 'http://h', projectId: PROJECT, auth: { token: TOKEN }, fetch });
    await cse.retryEngine({ engineId: ENGINE });
    await cse.retryEngine({ engineId: ENGINE, projectId: 'other-project' });
    expect(seen.map((r) => new URL(r.url).pathname.split('/')[2])).toEqual([PROJECT, 'other-project']);
  });

  it('is required from the client or the call, and path values are encoded', async () => {
    const { seen, fetch } = recordingFetch();
    const cse = createCseClient({ baseUrl: 'http://h', auth: { token: TOKEN }, fetch });
    await expect(cse.retryEngine({ engineId: ENGINE })).rejects.toThrow(
      new TypeError('retryEngine: projectId is required: pass it to retryEngine() or to createCseClient()'),
    );
    await cse.retryEngine({ engineId: 'a b%c', projectId: 'p' });
    expect(new URL(seen[0]!.url).pathname).toBe('/v2/p/enginemgr/engines/a%20b%25c/actions');
  });
});

describe('requests', () => {
  it('name this package and its version in User-Agent', async () => {
    expect(USER_AGENT).toMatch(/^huaweicloud-job-actions\/\d+\.\d+\.\d+/);
    server = await startServer(replies(json(200, { task_id: 't' })));
    await createWorkspaceClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } }).retryScriptExecution({ taskId: 't' });
    expect(server.requests[0]!.headers['user-agent']).toBe(USER_AGENT);
  });

  it('go through a custom fetch, fully built and authenticated', async () => {
    const { seen, fetch } = recordingFetch();
    await createCseClient({ baseUrl: 'http://h', projectId: PROJECT, auth: { token: TOKEN }, fetch }).upgradeEngine({
      engineId: ENGINE,
      version: '2.4.0',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('PUT');
    expect(seen[0]!.headers.get('X-Auth-Token')).toBe(TOKEN);
    expect(await seen[0]!.text()).toBe('{"version":"2.4.0"}');
  });

  it('pass through middleware: onRequest and onResponse see the call, in order', async () => {
    server = await startServer(replies(json(200, { job_id: 'j-1' })));
    const events: string[] = [];
    const ss = createServiceStageClient({
      baseUrl: server.url,
      projectId: PROJECT,
      auth: { token: TOKEN },
      middleware: [
        {
          onRequest: ({ schemaPath }) => void events.push(`request ${schemaPath.split('/').at(-1)}`),
          onResponse: ({ response }) => void events.push(`response ${response.status}`),
        },
      ],
    });
    ss.raw.use({ onRequest: () => void events.push('added later') });
    const { job } = await ss.runInstanceAction({ applicationId: 'a', componentId: 'c', instanceId: 'i', action: 'restart' });
    expect(job.jobId).toBe('j-1');
    expect(events).toEqual(['request action', 'added later', 'response 200']);
  });
});

describe('raw', () => {
  it('is openapi-fetch, typed by path, with the client auth, User-Agent and errors as values', async () => {
    server = await startServer(replies(json(400, { error_code: 'SVCSTG.00500400', error_msg: 'bad' })));
    const cse = createCseClient({ baseUrl: server.url, auth: { token: TOKEN } });
    const { data, error, response } = await cse.raw.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/actions', {
      params: { path: { project_id: PROJECT, engine_id: ENGINE } },
      body: { action: 'Retry' },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ error_code: 'SVCSTG.00500400', error_msg: 'bad' });
    expect(response.status).toBe(400);
    expect(server.requests[0]!.headers['x-auth-token']).toBe(TOKEN);
    expect(server.requests[0]!.headers['user-agent']).toBe(USER_AGENT);
  });

  it('network failures name the method and path', async () => {
    const cse = createCseClient({
      baseUrl: 'http://h',
      auth: { token: TOKEN },
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(
      cse.raw.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/upgrade', {
        params: { path: { project_id: 'p', engine_id: 'e' } },
        body: { version: '1' },
      }),
    ).rejects.toMatchObject({ name: 'NetworkError', operation: 'PUT /v2/p/enginemgr/engines/e/upgrade' });
  });
});

describe('option checks', () => {
  it.each([
    ['timeout', { timeout: 0 }, 'createCseClient: timeout must be a number of milliseconds from 1 to 2147483647 (about 24.8 days; got 0)'],
    ['timeout', { timeout: '5s' }, 'createCseClient: timeout must be a number of milliseconds from 1 to 2147483647 (about 24.8 days; got "5s")'],
    ['projectId', { projectId: '' }, 'createCseClient: projectId must be a non-empty string (got "")'],
    ['retry', { retry: 3 }, 'createCseClient: retry must be true, false or { maxAttempts?, baseDelay?, maxDelay? }'],
    ['retry.maxAttempts', { retry: { maxAttempts: 1.5 } }, 'createCseClient: retry.maxAttempts must be a whole number from 1 to 9007199254740991 (got 1.5)'],
    ['enterpriseProjectId', { enterpriseProjectId: 0 }, 'createCseClient: enterpriseProjectId must be a non-empty string (got number)'],
  ])('a bad %s is a TypeError naming it', (_name, extra, message) => {
    expect(() => createCseClient({ baseUrl: 'http://h', auth: { token: TOKEN }, ...(extra as object) })).toThrow(new TypeError(message));
  });

  it('a call with a bad argument sends nothing', async () => {
    const { seen, fetch } = recordingFetch();
    const cse = createCseClient({ baseUrl: 'http://h', projectId: PROJECT, auth: { token: TOKEN }, fetch });
    await expect(cse.retryEngine({ engineId: '' })).rejects.toThrow(new TypeError('retryEngine: engineId must be a non-empty string (got "")'));
    await expect(cse.upgradeEngine(undefined as never)).rejects.toThrow(new TypeError('upgradeEngine: expects an object of arguments'));
    await expect(cse.retryEngine({ engineId: ENGINE, timeout: -1 })).rejects.toThrow(/retryEngine: timeout must be a number of milliseconds from 1 to 2147483647/);
    expect(seen).toHaveLength(0);
  });
});
