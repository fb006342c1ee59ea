/**
 * The client against the project's Prism mock (started once per run by test/global-setup.ts):
 * every operation succeeds with the spec's example, with either auth mode, and an invalid request
 * is an ApiError with the provider's error body.
 */
import { describe, expect, inject, it } from 'vitest';
import { ApiError } from '../../src/index.js';
import { AKSK, clients, documentedResponses, OPERATIONS, TOKEN } from './fixtures.js';

const mockUrl = inject('mockUrl');

describe.each([
  ['token', { token: TOKEN }],
  ['AK/SK', AKSK],
] as const)('with %s', (_name, auth) => {
  it.each(OPERATIONS)('$operationId returns the documented job', async (op) => {
    const [success] = documentedResponses(op).filter((r) => r.status === 200);
    const { body, job } = await op.call(clients(mockUrl, auth));
    expect(body).toEqual(success!.body);
    expect(job).toEqual({ service: op.service, operation: op.operationId, jobId: String(success!.body[op.jobIdField]), ...op.handleExtras });
  });
});

describe.each(OPERATIONS)('$operationId documented errors', (op) => {
  const errors = documentedResponses(op).filter((r) => r.status >= 400);
  it.each(errors)('Prefer code=$status example=$example is an ApiError with that body', async ({ status, example, body }) => {
    const prefer = { onRequest: ({ request }: { request: Request }) => void request.headers.set('Prefer', `code=${status}, example=${example}`) };
    const error = await op.call(clients(mockUrl, { token: TOKEN }, { middleware: [prefer] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, operation: op.operationId, body, errorCode: body.error_code, errorMsg: body.error_msg });
  });
});

describe('invalid requests', () => {
  it('scale without replica (forced past the types) is a 400 ApiError', async () => {
    const { servicestage } = clients(mockUrl);
    const error = await servicestage
      .runInstanceAction({ applicationId: 'a', componentId: 'c', instanceId: 'i', action: 'scale', parameters: {} } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, operation: 'UpdateInstanceAction' });
    expect((error as ApiError).errorCode).toMatch(/^SVCSTG\./);
  });
});
