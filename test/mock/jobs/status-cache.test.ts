/**
 * A job's status body is built again only when what it shows changes (its state, the stages done,
 * and the clock's second where the body shows the clock); the body given out is frozen, and a
 * ShowJobDetail page is a new body, never the remembered one altered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type MockAnswer } from '../../../src/mock/answer.js';
import { DEFAULT_DOCUMENT } from '../../../src/mock/document.js';
import { isDeeplyFrozen } from '../../../src/mock/frozen.js';
import { jobSimulation } from '../../../src/mock/jobs/simulation.js';
import { loadPrism, type Operation, type PrismLibrary } from '../../../src/mock/prism-library.js';

let prism: PrismLibrary;
let operations: Operation[];
beforeAll(async () => {
  prism = loadPrism();
  operations = await prism.operations(DEFAULT_DOCUMENT);
});

const HEADERS = { 'x-auth-token': 't', 'content-type': 'application/json' };

function mock(polls: number) {
  let now = Date.UTC(2026, 10, 29, 12, 0, 0);
  const answer = createAnswerer(prism, operations, jobSimulation({ polls, outcome: 'succeed', limit: 100 }, () => now).afterPrism);
  const send = (method: string, target: string, body?: unknown): Promise<MockAnswer> =>
    answer({ method, target, headers: { ...HEADERS, ...(body !== undefined && { 'content-length': String(JSON.stringify(body).length) }) }, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)), tooLarge: false });
  return { send, tick: (ms: number) => void (now += ms) };
}

describe('status bodies', () => {
  it('a CSE job answers the same frozen body while it stays on a stage, and a new one when a stage ends', async () => {
    const { send, tick } = mock(9);
    const started = await send('PUT', '/v2/p1/enginemgr/engines/e1/actions', { action: 'Retry' });
    const path = `/v2/p1/enginemgr/engines/e1/jobs/${(started.body as { jobId: number }).jobId}`;
    const bodies: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      tick(1_000);
      bodies.push((await send('GET', path)).body);
    }
    // Polls 1-3 see no stage done, 4-6 one, 7-9 two, the 10th the outcome.
    expect(new Set(bodies).size).toBe(4);
    expect(bodies[0]).toBe(bodies[2]);
    expect(bodies[3]).not.toBe(bodies[2]);
    expect(bodies.map((b) => (b as { status: string }).status)).toEqual([...Array(9).fill('Executing'), 'Finished']);
    for (const body of bodies) expect(isDeeplyFrozen(body)).toBe(true);
  });

  it('a ServiceStage job shows the clock (LAST_HEALTH_CHECK): a new body each second, the same within one', async () => {
    const { send, tick } = mock(30);
    const started = await send('POST', '/v2/p1/cas/applications/a1/components/c1/instances/i1/action', { action: 'restart' });
    const path = `/v2/p1/cas/jobs/${(started.body as { job_id: string }).job_id}`;
    const first = (await send('GET', path)).body;
    tick(300);
    const second = (await send('GET', path)).body;
    tick(1_000);
    const third = (await send('GET', path)).body as { tasks: { LAST_HEALTH_CHECK?: string }[] };
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(third.tasks.at(-1)!.LAST_HEALTH_CHECK).toBe('2026-11-29T12:00:01Z');
  });

  it('a ShowJobDetail page is a body of its own: the remembered one is not altered', async () => {
    const { send } = mock(30);
    const started = await send('POST', '/v2/p1/cas/applications/a1/components/c1/instances/i1/action', { action: 'restart' });
    const path = `/v2/p1/cas/jobs/${(started.body as { job_id: string }).job_id}`;
    const whole = (await send('GET', path)).body as { task_count: number };
    const paged = (await send('GET', `${path}?instance_id=other`)).body as { task_count: number; tasks: unknown[] };
    const again = (await send('GET', path)).body as { task_count: number };
    expect([whole.task_count, paged.task_count, paged.tasks.length, again.task_count]).toEqual([1, 0, 0, 1]);
    expect(again).toBe(whole);
  });
});
