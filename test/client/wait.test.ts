/**
 * getJob and waitForJob against loopback servers: each service's job from running to succeeded and
 * to failed, unknown statuses, 429 with Retry-After, transient failures, abort and timeout during a
 * wait, handles stored as JSON and read back (including hostile ones), and bad status answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, InvalidResponseError, JobFailedError, JobTimeoutError, TimeoutError, type JobStatus } from '../../src/index.js';
import { clients, TOKEN } from './fixtures.js';
import { CSE_JOB, FOLLOWED, cseBody, scriptBody, workspaceBody } from './job-fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

const FAST = { interval: 5 };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientFor = (name: string, url: string, extra = {}) => (clients(url, { token: TOKEN }, extra) as Record<string, any>)[name];

describe.each(FOLLOWED.map((c) => [c.name, c] as const))('%s', (_, c) => {
  it('running, running, succeeded: resolves with the last status; onProgress hears each change once', async () => {
    server = await startServer(replies(json(200, c.running), json(200, c.running), json(200, c.succeeded)));
    const seen: JobStatus[] = [];
    const result = await clientFor(c.client, server.url).waitForJob(c.handle, { ...FAST, onProgress: (s: JobStatus) => seen.push(s) });
    expect(result).toMatchObject({ state: 'succeeded', body: c.succeeded, requestId: expect.any(String) });
    expect(result.error).toBeUndefined();
    expect(seen.map((s) => s.state)).toEqual(['running', 'succeeded']);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill(`GET ${c.path}`));
    expect(server.requests[0]!.headers['x-auth-token']).toBe(TOKEN);
  });

  it('running, failed: rejects with JobFailedError carrying the handle, the provider code and reason, and the body', async () => {
    server = await startServer(replies(json(200, c.running), json(200, c.failed)));
    const error = await clientFor(c.client, server.url).waitForJob(c.handle, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ job: c.handle, code: c.error.code, reason: c.error.message, body: c.failed });
    expect((error as Error).message).toContain(c.handle.jobId);
    expect(server.requests).toHaveLength(2);
  });

  it("getJob: one request, read as docs/client.md's table says", async () => {
    for (const state of ['running', 'succeeded', 'failed'] as const) {
      server = await startServer(replies(json(200, c[state])));
      const status = await clientFor(c.client, server.url).getJob(c.handle);
      expect(status.state).toBe(state);
      if (state === 'failed') expect(status.error).toEqual(c.error);
      expect(server.requests).toHaveLength(1);
      await server.close();
      server = undefined;
    }
  });

  it('a handle stored as JSON and read back works the same', async () => {
    server = await startServer(replies(json(200, c.succeeded)));
    const stored = JSON.parse(JSON.stringify(c.handle));
    await expect(clientFor(c.client, server.url).waitForJob(stored, FAST)).resolves.toMatchObject({ state: 'succeeded' });
  });
});

describe('a job handle from an action', () => {
  it('carries what following it needs, and waitForJob follows it in the project and engine the action used', async () => {
    server = await startServer((request) =>
      request.method === 'PUT' ? json(200, { id: 'e1', name: 'n', jobId: 18638 }) : json(200, cseBody('Finished')),
    );
    const { cse } = clients(server.url);
    const { job } = await cse.upgradeEngine({ engineId: 'e1', version: '2.4.0', projectId: 'other-project', enterpriseProjectId: 'ep-1' });
    expect(job).toEqual({ service: 'cse', operation: 'UpgradeEngine', jobId: CSE_JOB, projectId: 'other-project', engineId: 'e1', enterpriseProjectId: 'ep-1' });
    await cse.waitForJob(JSON.parse(JSON.stringify(job)), FAST);
    expect(server.requests[1]!.url).toBe(`/v2/other-project/enginemgr/engines/e1/jobs/${CSE_JOB}`);
    expect(server.requests[1]!.headers['x-enterprise-project-id']).toBe('ep-1');
  });
});

describe('unknown statuses', () => {
  it.each([
    ['cse', FOLLOWED[0].handle, cseBody('Paused'), cseBody('Finished')],
    ['workspace', FOLLOWED[1].handle, workspaceBody('QUEUED_FOR_MAINTENANCE'), workspaceBody('SUCCESS')],
    ['workspace', FOLLOWED[2].handle, scriptBody('EXECUTING', { success: 1 }), scriptBody('whatever', { success: 2 })],
    ['servicestage', FOLLOWED[3].handle, { job: { JOB_ID: 'j', EXECUTION_STATUS: 'ROLLING_BACK' } }, { job: { JOB_ID: 'j', EXECUTION_STATUS: 'SUCCEEDED' } }],
  ] as const)('%s: count as running and are reported as they came', async (name, handle, unknown, done) => {
    server = await startServer(replies(json(200, unknown), json(200, done)));
    const seen: string[] = [];
    const result = await clientFor(name, server.url).waitForJob(handle, { ...FAST, onProgress: (s: JobStatus) => seen.push(`${s.state}:${s.status}`) });
    const status = (unknown as any).status ?? (unknown as any).script_tasks?.[0].status ?? (unknown as any).job.EXECUTION_STATUS;
    expect(seen[0]).toBe(`running:${status}`);
    expect(result.state).toBe('succeeded');
  });
});

describe('transient failures during a wait', () => {
  it('429 with Retry-After: waits what it asks, then polls again', async () => {
    server = await startServer(
      replies(json(200, cseBody('Executing')), json(429, { error_code: 'APIGW.0308', error_msg: 'throttled' }, { 'Retry-After': '1' }), json(200, cseBody('Finished'))),
    );
    const result = await clientFor('cse', server.url).waitForJob(FOLLOWED[0].handle, FAST);
    expect(result.state).toBe('succeeded');
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]!.at - server.requests[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it.each([502, 503, 504])('%i is retried without any client retry option', async (status) => {
    server = await startServer(replies(json(status, { error_code: 'X', error_msg: 'x' }), json(200, workspaceBody('SUCCESS'))));
    await expect(clientFor('workspace', server.url).waitForJob(FOLLOWED[1].handle, FAST)).resolves.toMatchObject({ state: 'succeeded' });
    expect(server.requests).toHaveLength(2);
  });

  it('a dropped connection is retried', async () => {
    server = await startServer((_r, index, res) => (index === 0 ? void res.socket?.destroy() : json(200, workspaceBody('SUCCESS'))));
    await expect(clientFor('workspace', server.url).waitForJob(FOLLOWED[1].handle, FAST)).resolves.toMatchObject({ state: 'succeeded' });
  });

  it('gives up after `retries` transient failures in a row, with the last ApiError', async () => {
    server = await startServer(replies(json(503, { error_code: 'X', error_msg: 'down' })));
    const error = await clientFor('servicestage', server.url).waitForJob(FOLLOWED[3].handle, { ...FAST, retries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, operation: 'ShowJobDetail' });
    expect(server.requests).toHaveLength(3);
  });

  it('a 404 is not retried', async () => {
    server = await startServer(replies(json(404, { error_code: 'SVCSTG.00100404', error_msg: 'Job not found.' })));
    await expect(clientFor('servicestage', server.url).waitForJob(FOLLOWED[3].handle, FAST)).rejects.toMatchObject({ status: 404 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('abort and timeout', () => {
  it('abort during a wait: rejects with the signal reason and polls no more', async () => {
    server = await startServer(replies(json(200, cseBody('Executing'))));
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const wait = clientFor('cse', server.url).waitForJob(FOLLOWED[0].handle, { interval: 10_000, signal: controller.signal, onProgress: () => controller.abort(reason) });
    await expect(wait).rejects.toBe(reason);
    const count = server.requests.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(count).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('abort during a request in flight also ends it', async () => {
    server = await startServer(() => undefined); // never answers
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(clientFor('cse', server.url).waitForJob(FOLLOWED[0].handle, { signal: controller.signal })).rejects.toThrow('stop');
  });

  it('timeout: a JobTimeoutError (a TimeoutError) carrying the handle and the last status', async () => {
    server = await startServer(replies(json(200, workspaceBody('RUNNING'))));
    // 1 s, not less: under the full suite's load a first poll could take longer than a shorter
    // timeout, and then there is no last status to report (seen once with 200 ms in CI).
    const started = Date.now();
    const error = await clientFor('workspace', server.url).waitForJob(FOLLOWED[1].handle, { interval: 20, timeout: 1_000 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(4_000);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ job: FOLLOWED[1].handle, timeout: 1_000, lastStatus: 'RUNNING', operation: 'ShowJob' });
    expect(server.requests.length).toBeGreaterThan(1);
  });

  it('timeout while the server does not answer, and while waiting out a long Retry-After', async () => {
    server = await startServer(() => undefined);
    await expect(clientFor('cse', server.url).waitForJob(FOLLOWED[0].handle, { timeout: 100 })).rejects.toBeInstanceOf(JobTimeoutError);
    await server.close();
    server = await startServer(replies(json(429, { error_code: 'APIGW.0308', error_msg: 't' }, { 'Retry-After': '3600' })));
    await expect(clientFor('cse', server.url).waitForJob(FOLLOWED[0].handle, { timeout: 100 })).rejects.toBeInstanceOf(JobTimeoutError);
  });

  it('the interval is respected: polls at least 0.8 x interval apart', async () => {
    server = await startServer(replies(json(200, cseBody('Executing')), json(200, cseBody('Executing')), json(200, cseBody('Finished'))));
    await clientFor('cse', server.url).waitForJob(FOLLOWED[0].handle, { interval: 100 });
    const gaps = server.requests.slice(1).map((r, i) => r.at - server!.requests[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(75);
  });
});

describe('handles that are not what they claim', () => {
  it('a handle of another service is a TypeError naming both, and nothing is sent', async () => {
    server = await startServer(replies(json(200, {})));
    const c = clients(server.url);
    await expect(c.workspace.waitForJob(FOLLOWED[0].handle as never)).rejects.toThrow(
      new TypeError('waitForJob: this is the Workspace client, but the handle is a CSE job ("UpgradeEngine"); use the CSE client'),
    );
    await expect(c.cse.getJob(FOLLOWED[3].handle as never)).rejects.toThrow(/this is the CSE client, but the handle is a ServiceStage job/);
    expect(server.requests).toHaveLength(0);
  });

  const base = FOLLOWED[1].handle;
  it.each([
    ['not an object', '"job"', /expects a job handle/],
    ['null', null, /expects a job handle/],
    ['service from the prototype', { ...base, service: 'toString' }, /handle's service is "toString"/],
    ['unknown operation', { ...base, operation: 'DeleteEverything' }, /handle.operation must be one of/],
    ['jobId a number', { ...base, jobId: 42 }, /handle.jobId must be 1 to 128 visible ASCII characters/],
    ['jobId empty', { ...base, jobId: '' }, /handle.jobId/],
    ['jobId a dot segment', { ...base, jobId: '..' }, /handle.jobId/],
    ['jobId with a slash', { ...base, jobId: '../../v3/auth/tokens' }, /handle.jobId/],
    ['jobId with a space', { ...base, jobId: 'job 1' }, /handle.jobId/],
    ['jobId not ASCII', { ...base, jobId: 'jöb' }, /handle.jobId/],
    ['jobId with a control byte', { ...base, jobId: 'job\r\nX-Injected: 1' }, /handle.jobId/],
    ['jobId absurdly long', { ...base, jobId: 'a'.repeat(10_000) }, /handle.jobId/],
    ['projectId missing', { ...base, projectId: undefined }, /handle.projectId/],
    ['projectId a dot segment', { ...base, projectId: '.' }, /handle.projectId/],
  ])('%s: TypeError, nothing sent', async (_, handle, message) => {
    server = await startServer(replies(json(200, {})));
    await expect(clients(server.url).workspace.getJob(handle as never)).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['CSE jobId not digits', { ...FOLLOWED[0].handle, jobId: '18638.0' }, /handle.jobId/],
    ['CSE without engineId', { ...FOLLOWED[0].handle, engineId: undefined }, /handle.engineId/],
    ['CSE engineId a dot segment', { ...FOLLOWED[0].handle, engineId: '..' }, /handle.engineId/],
    ['CSE enterpriseProjectId an object', { ...FOLLOWED[0].handle, enterpriseProjectId: {} }, /handle.enterpriseProjectId/],
  ])('%s: TypeError, nothing sent', async (_, handle, message) => {
    server = await startServer(replies(json(200, {})));
    await expect(clients(server.url).cse.waitForJob(handle as never)).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe('status answers that are not what the spec says', () => {
  it.each([
    ['no status', { id: 1 }],
    ['status a number', { id: 1, status: 3 }],
    ['status empty', { id: 1, status: '' }],
    ['an array', [{ status: 'Finished' }]],
  ])('CSE %s: InvalidResponseError', async (_, body) => {
    server = await startServer(replies(json(200, body)));
    await expect(clients(server.url).cse.getJob(FOLLOWED[0].handle)).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('not JSON: InvalidResponseError naming the operation', async () => {
    server = await startServer(replies({ status: 200, body: '<html>maintenance</html>' }));
    await expect(clients(server.url).servicestage.getJob(FOLLOWED[3].handle)).rejects.toMatchObject({ name: 'InvalidResponseError', operation: 'ShowJobDetail' });
  });

  it('nested 100,000 deep, without a status: an InvalidResponseError that can be printed', async () => {
    server = await startServer(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}` }));
    const error = await clients(server.url).workspace.getJob(FOLLOWED[1].handle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).rawBody).toContain('[NESTED TOO DEEP]');
    expect(JSON.stringify(error)).toContain('the body has no status');
  });

  it('a task list without the task: InvalidResponseError saying so', async () => {
    server = await startServer(replies(json(200, { count: 0, script_tasks: [] })));
    await expect(clients(server.url).workspace.getJob(FOLLOWED[2].handle)).rejects.toThrow(/the body has no task 0000000059071dbc01591661d3990019/);
  });

  it('a failure reason that echoes the credentials is redacted in the JobFailedError', async () => {
    server = await startServer(replies(json(200, workspaceBody('FAILED', { job_error_code: 'X', fail_reason: `token ${TOKEN} rejected` }))));
    const error = await clients(server.url).workspace.waitForJob(FOLLOWED[1].handle, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect((error as Error).message).not.toContain(TOKEN);
    expect((error as JobFailedError).reason).toBe('token [REDACTED] rejected');
  });
});

describe('bad options', () => {
  it.each([
    [{ interval: 0 }, /interval must be a number of milliseconds from 1 to 2147483647/],
    [{ interval: { initial: 100, max: 10 } }, /interval.max must not be below/],
    [{ timeout: -1 }, /timeout must be a number of milliseconds from 1 to 2147483647/],
    [{ retries: 1.5 }, /retries must be a non-negative integer/],
    [{ onProgress: 'yes' }, /onProgress must be a function/],
  ])('%o: TypeError', async (options, message) => {
    server = await startServer(replies(json(200, cseBody('Finished'))));
    await expect(clients(server.url).cse.waitForJob(FOLLOWED[0].handle, options as never)).rejects.toThrow(message);
  });
});

