/**
 * The job simulation against a clock of the test's own: a job's times are the clock of the polls
 * that saw its stages end, a running ServiceStage task shows the clock of each poll, and a
 * ShowJobDetail page leaves the job as it was for the next poll.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type MockAnswer } from '../../../src/mock/prism/answer.js';
import { DEFAULT_DOCUMENT } from '../../../src/mock/launch.js';
import { jobSimulation } from '../../../src/mock/jobs/simulation.js';
import { loadPrism, type Operation, type PrismLibrary } from '../../../src/mock/prism/library.js';

let prism: PrismLibrary;
let operations: Operation[];
beforeAll(async () => {
  prism = loadPrism();
  operations = await prism.operations(DEFAULT_DOCUMENT);
});

const HEADERS = { 'x-auth-token': 't', 'content-type': 'application/json' };
const START = Date.UTC(2026, 10, 29, 12, 0, 0);

function mock(polls: number) {
  let now = START;
  const answer = createAnswerer(prism, operations, jobSimulation({ polls, outcome: 'succeed', limit: 100 }, () => now));
  const send = (method: string, target: string, body?: unknown): Promise<MockAnswer> =>
    answer({ method, target, headers: { ...HEADERS, ...(body !== undefined && { 'content-length': String(JSON.stringify(body).length) }) }, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)), tooLarge: false });
  return { send, tick: (ms: number) => void (now += ms) };
}

describe('job times', () => {
  it('a CSE job: each step ends at the clock of the poll that saw it end, and the job at the poll that saw its outcome', async () => {
    const { send, tick } = mock(3);
    const started = await send('PUT', '/v2/p1/enginemgr/engines/e1/actions', { action: 'Retry' });
    const path = `/v2/p1/enginemgr/engines/e1/jobs/${(started.body as { jobId: number }).jobId}`;
    const bodies: { status: string; startTime: number; endTime: number; tasks: { endTime: number }[] }[] = [];
    for (let i = 0; i < 5; i++) {
      tick(1_000);
      bodies.push((await send('GET', path)).body as (typeof bodies)[number]);
    }
    expect(bodies.map((b) => b.status)).toEqual(['Executing', 'Executing', 'Executing', 'Finished', 'Finished']);
    expect(bodies[0]!.startTime).toBe(START);
    // Polls 1-3 see 0, 1 and 2 steps done; the 4th the outcome (at START + 4 s), the 5th the same.
    expect(bodies[3]!.tasks.map((t) => t.endTime)).toEqual([START + 2_000, START + 3_000, START + 4_000]);
    expect([bodies[3]!.endTime, bodies[4]!.endTime]).toEqual([START + 4_000, START + 4_000]);
  });

  it('a ServiceStage job shows the clock of each poll on its running task (LAST_HEALTH_CHECK)', async () => {
    const { send, tick } = mock(30);
    const started = await send('POST', '/v2/p1/cas/applications/a1/components/c1/instances/i1/action', { action: 'restart' });
    const path = `/v2/p1/cas/jobs/${(started.body as { job_id: string }).job_id}`;
    const checks: (string | undefined)[] = [];
    for (const ms of [0, 300, 1_000]) {
      tick(ms);
      checks.push(((await send('GET', path)).body as { tasks: { LAST_HEALTH_CHECK?: string }[] }).tasks.at(-1)!.LAST_HEALTH_CHECK);
    }
    expect(checks).toEqual(['2026-11-29T12:00:00Z', '2026-11-29T12:00:00Z', '2026-11-29T12:00:01Z']);
  });

  it('a ShowJobDetail page leaves the job whole for the next poll', async () => {
    const { send } = mock(30);
    const started = await send('POST', '/v2/p1/cas/applications/a1/components/c1/instances/i1/action', { action: 'restart' });
    const path = `/v2/p1/cas/jobs/${(started.body as { job_id: string }).job_id}`;
    const whole = (await send('GET', path)).body as { task_count: number };
    const paged = (await send('GET', `${path}?instance_id=other`)).body as { task_count: number; tasks: unknown[] };
    const again = (await send('GET', path)).body as { task_count: number };
    expect([whole.task_count, paged.task_count, paged.tasks.length, again.task_count]).toEqual([1, 0, 0, 1]);
  });
});
