/** ServiceStage specifics: each action's body is sent as given, with nothing else in it. */
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceStageClient, type InstanceAction } from '../../src/index.js';
import { PROJECT, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const actions: InstanceAction[] = [
  { action: 'start' },
  { action: 'stop' },
  { action: 'restart' },
  { action: 'scale', parameters: { replica: 4 } },
  { action: 'scale', parameters: { replica: 2, hosts: ['ecs-1', 'ecs-2'] } },
  { action: 'rollback', parameters: { version: '1.0.2' } },
];

describe('runInstanceAction', () => {
  it.each(actions)('%o', async (action) => {
    server = await startServer(replies(json(200, { job_id: 'JOB66761060-f209-407c-a093-4df6f531b9dc' })));
    const ss = createServiceStageClient({ baseUrl: server.url, projectId: PROJECT, auth: { token: TOKEN } });
    const { job } = await ss.runInstanceAction({ applicationId: 'app', componentId: 'comp', instanceId: 'inst', ...action, timeout: 5_000 });
    expect(server.requests[0]!.url).toBe(`/v2/${PROJECT}/cas/applications/app/components/comp/instances/inst/action`);
    expect(JSON.parse(server.requests[0]!.body)).toEqual(action);
    expect(job).toEqual({ service: 'servicestage', operation: 'UpdateInstanceAction', jobId: 'JOB66761060-f209-407c-a093-4df6f531b9dc', projectId: PROJECT });
  });

  it.each(['applicationId', 'componentId', 'instanceId'])('an empty %s is a TypeError', async (name) => {
    const ss = createServiceStageClient({ baseUrl: 'http://127.0.0.1:9', projectId: PROJECT, auth: { token: TOKEN } });
    const args = { applicationId: 'a', componentId: 'c', instanceId: 'i', action: 'start' as const, [name]: '' };
    await expect(ss.runInstanceAction(args)).rejects.toThrow(new TypeError(`runInstanceAction: ${name} must be a non-empty string (got "")`));
  });
});
