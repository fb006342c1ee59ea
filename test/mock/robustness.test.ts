/**
 * A bounded, seeded, randomised run of malformed requests against a mock of its own: no 5xx, no
 * hang, every error in the provider's shape, and the mock still serves a valid request afterwards.
 * A failure prints the request, so it can be replayed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { JSON_BODY, operations, send } from './fixtures.js';
import { malformed, prng, sendRaw } from './malformed.js';

const SEED = 20_260_101;
const REQUESTS = 2_000;
const CONCURRENCY = 8;

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock?.stop());

it(`${REQUESTS} malformed requests (seed ${SEED}): no 5xx, no hang, provider-shaped errors`, async () => {
  const rng = prng(SEED);
  const requests = Array.from({ length: REQUESTS }, () => malformed(rng));
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index]!;
      const answer = await sendRaw(mock.url, request);
      const describe = () => `#${index} ${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body?.toString('utf8').slice(0, 200)}`;
      if (answer === 'hang') {
        problems.push(`no answer within 10 s: ${describe()}`);
        continue;
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500) problems.push(`${answer.status} ${answer.body}: ${describe()}`);
      if (answer.status >= 400 && request.method !== 'HEAD') {
        const body = parseObject(answer.body);
        if (typeof body?.['error_code'] !== 'string' || typeof body['error_msg'] !== 'string') {
          problems.push(`${answer.status} not provider-shaped: ${answer.body}: ${describe()}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  console.log(`robustness: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  expect(problems.slice(0, 10)).toEqual([]);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);

  const op = operations[0]!;
  const valid = await send(mock.url, { method: op.method, path: op.path, headers: JSON_BODY, body: op.body });
  expect(valid.status).toBe(200);
}, 60_000);
