/** CSE specifics: X-Enterprise-Project-ID, and the integer jobId as an exact decimal string. */
import { afterEach, describe, expect, it } from 'vitest';
import { createCseClient } from '../../src/index.js';
import { ENGINE, PROJECT, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const started = json(200, { id: ENGINE, name: 'cse-gve7lg', jobId: 18638 });

describe('X-Enterprise-Project-ID', () => {
  it('is absent unless set, sent from the client option, and overridden per call', async () => {
    server = await startServer(replies(started));
    const plain = createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } });
    const scoped = createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN }, enterpriseProjectId: 'ep-client' });
    await plain.retryEngine({ engineId: ENGINE });
    await scoped.retryEngine({ engineId: ENGINE });
    await scoped.upgradeEngine({ engineId: ENGINE, version: '2.4.0', enterpriseProjectId: 'ep-call' });
    await plain.upgradeEngine({ engineId: ENGINE, version: '2.4.0', enterpriseProjectId: '0' });
    expect(server.requests.map((r) => r.headers['x-enterprise-project-id'])).toEqual([undefined, 'ep-client', 'ep-call', '0']);
  });
});

describe('jobId', () => {
  it('becomes its decimal string on the handle and stays a number in the body', async () => {
    server = await startServer(replies(started));
    const { body, job } = await createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } }).retryEngine({
      engineId: ENGINE,
    });
    expect(body.jobId).toBe(18638);
    expect(job).toEqual({ service: 'cse', operation: 'RetryEngine', jobId: '18638', projectId: PROJECT, engineId: ENGINE });
  });

  it('keeps every digit beyond 2^53, which JSON.parse would round', async () => {
    server = await startServer(replies({ status: 200, body: `{"id":"e","name":"n","jobId": 9007199254740993}` }));
    const { job } = await createCseClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } }).upgradeEngine({
      engineId: ENGINE,
      version: '2.4.0',
    });
    expect(job.jobId).toBe('9007199254740993');
  });
});
