/**
 * Every operation against a real 127.0.0.1 server, driven by its OpenAPI bundle: the documented
 * 200 example is a success with the right body and job handle; every documented error status and
 * example becomes an ApiError carrying the example's fields.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, USER_AGENT } from '../../src/index.js';
import { clients, documentedResponses, OPERATIONS, TOKEN } from './fixtures.js';
import { json, REQUEST_ID, replies, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(OPERATIONS)('$operationId', (op) => {
  const responses = documentedResponses(op);
  const successes = responses.filter((r) => r.status === 200);
  const failures = responses.filter((r) => r.status >= 400);

  it('documents a success and at least one error (so the cases below are not empty)', () => {
    expect(successes.length).toBeGreaterThan(0);
    expect(failures.map((f) => f.status)).toContain(401);
  });

  it.each(successes)('200 $example: sends the documented request and returns body and job handle', async ({ body }) => {
    server = await startServer(replies(json(200, body)));
    const result = await op.call(clients(server.url));

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe(op.method);
    expect(request!.url).toBe(op.path);
    expect(JSON.parse(request!.body)).toEqual(op.requestBody);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-auth-token']).toBe(TOKEN);
    expect(request!.headers['user-agent']).toBe(USER_AGENT);

    expect(result.body).toEqual(body);
    expect(result.requestId).toBe(REQUEST_ID);
    expect(result.job).toEqual({
      service: op.service,
      operation: op.operationId,
      jobId: String(body[op.jobIdField]),
      ...op.handleExtras,
    });
    expect(typeof result.job.jobId).toBe('string');
  });

  it.each(failures)('$status $example: rejects with an ApiError carrying the body', async ({ status, body }) => {
    server = await startServer(replies(json(status, body)));
    const error = await op.call(clients(server.url)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e).toMatchObject({
      operation: op.operationId,
      status,
      errorCode: body.error_code,
      errorMsg: body.error_msg,
      detail: body.detail,
      encodedAuthorizationMessage: body.encoded_authorization_message,
      requestId: REQUEST_ID,
      body,
      rawBody: undefined,
    });
    expect(e.message).toContain(`${op.operationId}: HTTP ${status}`);
    expect(e.message).toContain(body.error_code);
    expect(e.message).toContain(REQUEST_ID);
    expect(server.requests).toHaveLength(1);
  });
});
