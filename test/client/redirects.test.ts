/**
 * No redirect is followed: a 3xx from the API is an ApiError with its status and (redacted)
 * Location, and no request, with or without credentials, reaches the origin the Location names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError, type Auth } from '../../src/index.js';
import { ANY_JOB, AUTHS, clients, OPERATIONS, SECRETS, TOKEN } from './fixtures.js';
import { json, replies, startServer, type TestServer } from './server.js';


let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The API, answering every request with `status` pointing at a second origin that records all it gets. */
async function redirecting(status: number, location = (target: string) => `${target}/elsewhere`) {
  const target = await startServer(replies(json(200, ANY_JOB)));
  const api = await startServer(replies({ status, headers: { Location: location(target.url), 'X-Request-Id': 'r-1' }, body: 'moved' }));
  servers.push(target, api);
  return { api, target };
}

describe.each(AUTHS)('with %s', (_name, auth) => {
  describe.each(OPERATIONS)('$operationId', (op) => {
    it.each([301, 302, 303, 307, 308])('%i is an ApiError with its Location, and nothing reaches the second origin', async (status) => {
      const { api, target } = await redirecting(status);
      const error = await op.call(clients(api.url, auth, { retry: true })).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status, location: `${target.url}/elsewhere`, operation: op.operationId, requestId: 'r-1' });
      expect((error as Error).message).toContain(`HTTP ${status}`);
      expect((error as Error).message).toContain(`redirect to ${target.url}/elsewhere not followed`);
      expect(api.requests).toHaveLength(1); // and a 3xx is never retried
      expect(api.requests[0]!.method).toBe(op.method);
      expect(target.requests).toHaveLength(0);
    });
  });

  it('a Location that carries the credentials is redacted', async () => {
    const secrets = SECRETS.filter((s) => Object.values(auth).includes(s));
    const { api } = await redirecting(302, (target) => `${target}/?t=${secrets.join('&')}`);
    const error = (await OPERATIONS[0]!.call(clients(api.url, auth)).catch((e: unknown) => e)) as ApiError;
    expect(error.location).toMatch(/\[REDACTED\]/);
    for (const secret of secrets) {
      expect(error.location).not.toContain(secret);
      expect(error.message).not.toContain(secret);
    }
  });

  it('a raw call gets the 3xx as its response, unfollowed', async () => {
    const { api, target } = await redirecting(307);
    const { response } = await clients(api.url, auth).workspace.raw.POST('/v2/{project_id}/script-executions/retry', {
      params: { path: { project_id: 'p' } },
      body: { task_id: 't' },
    });
    expect(response.status).toBe(307);
    expect(target.requests).toHaveLength(0);
  });
});

it('a custom fetch that follows redirects anyway: its answer from the other origin is refused', async () => {
  // 303: undici follows it with a GET (a 302 of a PUT would fail resending the body).
  const { api, target } = await redirecting(303);
  const following = (request: Request) => globalThis.fetch(new Request(request, { redirect: 'follow' }));
  const [retryEngine] = OPERATIONS;
  const error = await retryEngine!.call(clients(api.url, { token: TOKEN }, { fetch: following })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as Error).message).toContain('the fetch followed a redirect');
  expect(target.requests).toHaveLength(1); // that fetch went there: only refusing its answer is in the client's hands
});
