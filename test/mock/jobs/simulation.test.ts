/**
 * The job simulation over HTTP, on a mock of its own: many jobs of every kind and outcome, each
 * status body checked against its schema in the bundle (ajv 2020) and read with the client's own
 * readings; jobs run side by side without touching each other; unknown and forgotten jobs get the
 * documented 404; Prefer keeps the documented examples.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../../src/mock/index.js';
import { engineJobReading, scriptTaskReading, serviceStageJobReading, workspaceJobReading, type Reading } from '../../../src/client/job-state.js';
import { AUTH, JSON_BODY, matchesSchema, operation, send } from '../fixtures.js';
import { JOB_IDS } from '../job-ids.js';

const PROJECT = 'p1';
const ENGINE = 'e1';
const INSTANCE = 'i1';

interface Action {
  name: string;
  operationId: string;
  method: 'PUT' | 'POST';
  path: string;
  body: unknown;
  statusOperation: string;
  statusPath(id: string): string;
  read(body: unknown, id: string): Reading | undefined;
}

const ss = (body: unknown): Omit<Action, 'name'> => ({
  operationId: 'UpdateInstanceAction',
  method: 'POST',
  path: `/v2/${PROJECT}/cas/applications/a1/components/c1/instances/${INSTANCE}/action`,
  body,
  statusOperation: 'ShowJobDetail',
  statusPath: (id) => `/v2/${PROJECT}/cas/jobs/${id}`,
  read: serviceStageJobReading,
});

const ACTIONS: Action[] = [
  { name: 'RetryEngine', operationId: 'RetryEngine', method: 'PUT', path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/actions`, body: { action: 'Retry' }, statusOperation: 'ShowEngineJob', statusPath: (id) => `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/jobs/${id}`, read: engineJobReading },
  { name: 'UpgradeEngine', operationId: 'UpgradeEngine', method: 'PUT', path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/upgrade`, body: { version: '2.4.0' }, statusOperation: 'ShowEngineJob', statusPath: (id) => `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/jobs/${id}`, read: engineJobReading },
  { name: 'RetryScriptExecution', operationId: 'RetryScriptExecution', method: 'POST', path: `/v2/${PROJECT}/script-executions/retry`, body: { task_id: 't1' }, statusOperation: 'ListScriptTasks', statusPath: (id) => `/v2/${PROJECT}/script-execution-tasks?task_id=${id}`, read: scriptTaskReading },
  { name: 'RunActionsOnWorkspaceJob', operationId: 'RunActionsOnWorkspaceJob', method: 'POST', path: `/v2/${PROJECT}/workspace-jobs/j1/actions`, body: { op_type: 'retry' }, statusOperation: 'ShowJob', statusPath: (id) => `/v2/${PROJECT}/workspace-jobs/${id}`, read: workspaceJobReading },
  { name: 'UpdateInstanceAction scale', ...ss({ action: 'scale', parameters: { replica: 4 } }) },
  { name: 'UpdateInstanceAction rollback', ...ss({ action: 'rollback', parameters: { version: '1.0.1' } }) },
  { name: 'UpdateInstanceAction start', ...ss({ action: 'start' }) },
  { name: 'UpdateInstanceAction stop', ...ss({ action: 'stop' }) },
  { name: 'UpdateInstanceAction restart', ...ss({ action: 'restart' }) },
];

const CONTROLS = [undefined, 'succeed', 'fail', 'fail; code=ERR.0001', 'fail; code=ERR.0002; message="Quota, exceeded; \\"4\\" > 3"'];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ jobs: { polls: 1, limit: 1_000 } });
});
afterAll(() => mock?.stop());

async function startJob(action: Action, control: string | undefined, polls: number | undefined): Promise<string> {
  const header = [control ?? (polls === undefined ? undefined : 'succeed'), polls === undefined ? undefined : `polls=${polls}`].filter(Boolean).join('; ');
  const answer = await send(mock.url, { method: action.method, path: action.path, headers: { ...JSON_BODY, ...(header && { 'x-mock-job': header }) }, body: action.body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  expect(matchesSchema(operation(action.operationId), 200, answer.json)).toEqual([]);
  const { field, shape } = JOB_IDS[action.operationId]!;
  const id = String(answer.json[field]);
  expect(id).toMatch(shape);
  return id;
}

/** Polls the job until two answers after its end; returns every reading and body. */
async function follow(action: Action, id: string, polls: number) {
  const seen: { reading: Reading; body: any }[] = [];
  for (let i = 0; i < polls + 2; i++) {
    const answer = await send(mock.url, { method: 'GET', path: action.statusPath(id), headers: AUTH });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(matchesSchema(operation(action.statusOperation), 200, answer.json)).toEqual([]);
    const reading = action.read(answer.json, id);
    expect(reading, JSON.stringify(answer.json)).toBeDefined();
    seen.push({ reading: reading!, body: answer.json });
  }
  return seen;
}

describe('every kind of job, every outcome: bodies valid against the bundle, states as chosen', () => {
  // A script task has no field for a message (its refusal is tested below).
  const controls = (action: Action) => CONTROLS.filter((c) => action.statusOperation !== 'ListScriptTasks' || !c?.includes('message='));
  const cases = ACTIONS.flatMap((action) => controls(action).flatMap((control) => [undefined, 0, 3].map((polls) => ({ action, control, polls }))));

  it(`${cases.length} jobs, 16 at a time (each its own pace and outcome)`, async () => {
    // 16 side by side at any time: concurrent enough to show that jobs do not interfere, without
    // queueing hundreds of requests on the process the rest of the suite shares.
    await pool(
      16,
      cases.map(({ action, control, polls }) => async () => {
        const id = await startJob(action, control, polls);
        const running = polls ?? 1;
        const seen = await follow(action, id, running);
        const states = seen.map((s) => s.reading.state);
        const outcome = control?.startsWith('fail') ? 'failed' : 'succeeded';
        expect(states, `${action.name} ${control} ${polls}`).toEqual([...Array(running).fill('running'), outcome, outcome]);
        // Progress never goes back; the end stays as it was first seen.
        const progress = seen.map((s) => s.reading.progress ?? 0);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        expect(seen.at(-1)!.body).toEqual(seen.at(-2)!.body);
        if (outcome === 'succeeded') expect(seen.at(-1)!.reading.progress).toBe(100);
        checkFailure(action, control, seen.at(-1)!.reading);
        checkIdentity(action, id, seen.map((s) => s.body));
      }),
    );
  });
});

/** Runs the tasks with at most `size` in flight. */
async function pool(size: number, tasks: (() => Promise<void>)[]): Promise<void> {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: size }, async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  }));
}

/** The chosen code and message reach the reading (JobFailedError's code and reason) where the service has a place for them. */
function checkFailure(action: Action, control: string | undefined, reading: Reading) {
  if (!control?.startsWith('fail')) return expect(reading.error).toBeUndefined();
  const code = /code=([^;]+)/.exec(control)?.[1];
  const message = control.includes('message=') ? 'Quota, exceeded; "4" > 3' : undefined;
  switch (action.statusOperation) {
    case 'ShowJob':
      expect(reading.error).toEqual({ code: code ?? 'WKS.00010025', message: message ?? 'The desktop agent did not respond.' });
      break;
    case 'ListScriptTasks':
      expect(reading.error!.code).toBe(code ?? 'FAILED');
      break;
    // CSE and ServiceStage have no code field: the mock writes "<code>: <message>", the client takes the code off the front.
    case 'ShowEngineJob':
      expect(reading.error).toEqual({ code: code ?? 'Error', message: message ?? 'Instance 2 of 3 did not become ready within 300 s.' });
      break;
    default:
      expect(reading.error).toEqual({ code: code ?? 'FAILED', message: message ?? 'Insufficient quota: 4 replicas need 8 vCPUs, 6 are free.' });
  }
}

/** Every body names the job, its project, engine or instance; times never go back. */
function checkIdentity(action: Action, id: string, bodies: any[]) {
  for (const body of bodies) {
    switch (action.statusOperation) {
      case 'ShowEngineJob':
        expect(body).toMatchObject({ id: Number(id), engineId: ENGINE, type: action.operationId === 'UpgradeEngine' ? 'Upgrade' : 'Retry' });
        for (const step of body.tasks) for (const task of step.tasks) expect(task.jobId).toBe(Number(id));
        break;
      case 'ShowJob':
        expect(body.id).toBe(id);
        for (const sub of body.sub_jobs) expect(sub).toMatchObject({ job_id: id, project_id: PROJECT });
        break;
      case 'ListScriptTasks':
        expect(body).toMatchObject({ count: 1, script_tasks: [{ id }] });
        break;
      default:
        expect(body.job).toMatchObject({ JOB_ID: id, PROJECT_ID: PROJECT, SERVICE_INSTANCE_ID: INSTANCE, JOB_NAME: (action.body as any).action });
    }
  }
  const times = bodies.flatMap(timesOf);
  expect(times.length).toBeGreaterThan(0);
  for (const t of times) expect(t).toBeGreaterThan(Date.parse('2020-01-01')), expect(t).toBeLessThanOrEqual(Date.now() + 1_000);
  if (action.statusOperation === 'ShowEngineJob') {
    const ends = bodies.map((b) => b.endTime);
    expect(ends.at(-1)).toBeGreaterThanOrEqual(bodies[0].startTime);
  }
}

const TIME_FIELDS = new Set(['startTime', 'endTime', 'createTime', 'updateTime', 'begin_time', 'end_time', 'start_time', 'CREATED_AT', 'LAST_HEALTH_CHECK']);

/** Every time a body gives (epoch ms or ISO 8601), leaving out the unset ones (0, ''). */
function timesOf(node: unknown): number[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    TIME_FIELDS.has(key) && (typeof value === 'number' || typeof value === 'string') ? (value ? [typeof value === 'number' ? value : Date.parse(value)] : []) : timesOf(value),
  );
}

describe('jobs the mock did not start', () => {
  const UNKNOWN: [string, string][] = [
    ['ShowEngineJob', `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/jobs/1`],
    ['ShowJob', `/v2/${PROJECT}/workspace-jobs/0e2dae94-23ff-449a-bb9c-1b808cf2106d`],
    ['ShowJobDetail', `/v2/${PROJECT}/cas/jobs/JOB66761060-f209-407c-a093-4df6f531b9dc`],
  ];
  it.each(UNKNOWN)('%s: an unknown ID (even the example\'s) is the documented 404, asked once or again', async (operationId, path) => {
    for (const _ of [1, 2]) {
      const answer = await send(mock.url, { method: 'GET', path, headers: AUTH });
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual(operation(operationId).responses.find((r) => r.status === 404)!.examples['NotFound']);
      expect(matchesSchema(operation(operationId), 404, answer.json)).toEqual([]);
    }
  });

  it.each(ACTIONS.filter((a) => a.statusOperation !== 'ListScriptTasks').slice(0, 4))('$name: the job under another project or engine is a 404 too', async (action) => {
    const id = await startJob(action, undefined, undefined);
    const elsewhere = action.statusPath(id).replace(`/v2/${PROJECT}/`, '/v2/p2/');
    expect((await send(mock.url, { method: 'GET', path: elsewhere, headers: AUTH })).status).toBe(404);
    if (action.statusOperation === 'ShowEngineJob') {
      expect((await send(mock.url, { method: 'GET', path: action.statusPath(id).replace(`/engines/${ENGINE}/`, '/engines/e2/'), headers: AUTH })).status).toBe(404);
    }
    expect((await send(mock.url, { method: 'GET', path: action.statusPath(id), headers: AUTH })).status).toBe(200);
  });

  it('ListScriptTasks lists the remembered tasks asked for, each once, in the project; unknown ones are not listed', async () => {
    const script = ACTIONS.find((a) => a.statusOperation === 'ListScriptTasks')!;
    const [a, b] = [await startJob(script, undefined, 5), await startJob(script, 'fail', 0)];
    const list = (query: string, project = PROJECT) => send(mock.url, { method: 'GET', path: `/v2/${project}/script-execution-tasks?${query}`, headers: AUTH });
    const both = await list(`task_id=${a}&task_id=nope&task_id=${b}&task_id=${a}`);
    expect(both.json.count).toBe(2);
    expect(both.json.script_tasks.map((t: any) => [t.id, t.status])).toEqual([[a, 'RUNNING'], [b, 'FAILED']]);
    expect(matchesSchema(operation('ListScriptTasks'), 200, both.json)).toEqual([]);
    expect((await list(`task_id=${a}&task_id=${b}&offset=1&limit=1`)).json.script_tasks.map((t: any) => t.id)).toEqual([b]);
    expect((await list('task_id=nope')).json).toEqual({ count: 0, script_tasks: [] });
    expect((await list(`task_id=${a}`, 'p2')).json).toEqual({ count: 0, script_tasks: [] });
    const plain = await list('limit=10');
    expect(plain.json).toEqual(operation('ListScriptTasks').responses.find((r) => r.status === 200)!.examples['Running']);
  });

  it('ShowJobDetail pages and orders the tasks (limit, offset, desc) and keeps to instance_id', async () => {
    const action = ACTIONS.find((a) => a.name === 'UpdateInstanceAction scale')!;
    const id = await startJob(action, 'succeed', 0);
    const detail = (query: string) => send(mock.url, { method: 'GET', path: `${action.statusPath(id)}?${query}`, headers: AUTH });
    expect((await detail('desc=true')).json.tasks.map((t: any) => t.TASK_INDEX)).toEqual([2, 1, 0]);
    expect((await detail('offset=1&limit=1')).json).toMatchObject({ task_count: 3, tasks: [{ TASK_INDEX: 1 }] });
    expect((await detail(`instance_id=${INSTANCE}`)).json.tasks).toHaveLength(3);
    expect((await detail('instance_id=other')).json).toMatchObject({ task_count: 0, tasks: [] });
  });
});

describe('the control header on the wire', () => {
  const upgrade = ACTIONS[1]!;
  const act = (headers: Record<string, string>, body: unknown = upgrade.body) => send(mock.url, { method: 'PUT', path: upgrade.path, headers: { ...JSON_BODY, ...headers }, body });

  it('a bad value is the operation\'s 400, naming the header and why; no job is started', async () => {
    const answer = await act({ 'x-mock-job': 'fail; polls=1000000' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error_code: 'SVCSTG.00500400', error_msg: 'Invalid request: header.x-mock-job: polls must be a whole number from 0 to 10000 (got "1000000")' });
    expect(matchesSchema(operation('UpgradeEngine'), 400, answer.json)).toEqual([]);
  });

  it('sent twice (two header lines), it is refused: one action starts one job', async () => {
    const headers = new Headers({ ...JSON_BODY });
    headers.append('x-mock-job', 'succeed');
    headers.append('x-mock-job', 'fail');
    const response = await fetch(mock.url + upgrade.path, { method: 'PUT', headers, body: JSON.stringify(upgrade.body) });
    expect(response.status).toBe(400);
    expect((await response.json()).error_msg).toContain('header.x-mock-job: given more than once');
  });

  it('with an invalid body, its reason joins the others; without credentials the gateway\'s 401 comes first', async () => {
    const invalid = await act({ 'x-mock-job': 'later' }, { version: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error_msg).toMatch(/^Invalid request: body\.version: .*; header\.x-mock-job: must start with succeed or fail/);
    const anonymous = await send(mock.url, { method: 'PUT', path: upgrade.path, headers: { 'content-type': 'application/json', 'x-mock-job': 'later' }, body: upgrade.body });
    expect(anonymous.json.error_code).toBe('APIGW.0301');
  });

  it('with Prefer it is refused (a Prefer answer starts no job); Prefer alone gives the documented job', async () => {
    const both = await act({ 'x-mock-job': 'fail', prefer: 'code=200' });
    expect(both.status).toBe(400);
    expect(both.json.error_msg).toContain('header.x-mock-job: cannot be combined with Prefer');
    const documented = await act({ prefer: 'code=200' });
    expect(documented.json.jobId).toBe(17655);
  });

  it.each(['code=200', 'code=500', 'code=429', 'code=401', 'example=InternalError', 'example=UpgradeStarted'])(
    'with a Prefer that picks an answer (%s) it is refused with the 400, whatever code is picked; nothing starts',
    async (prefer) => {
      const both = await act({ 'x-mock-job': 'succeed; polls=0', prefer });
      expect(both.status, JSON.stringify(both.json)).toBe(400);
      expect(both.json).toEqual({ error_code: 'SVCSTG.00500400', error_msg: expect.stringContaining('header.x-mock-job: cannot be combined with Prefer code= or example=') });
    },
  );

  it("with Prism's __code / __example query forms it is refused too", async () => {
    for (const query of ['__code=500', '__example=InternalError']) {
      const answer = await send(mock.url, { method: 'PUT', path: `${upgrade.path}?${query}`, headers: { ...JSON_BODY, 'x-mock-job': 'fail' }, body: upgrade.body });
      expect(answer.status, query).toBe(400);
      expect(answer.json.error_msg).toContain('cannot be combined with Prefer');
    }
  });

  it('with a picking Prefer and no credentials, the gateway\'s 401 comes first; with an invalid body, its reason joins the others', async () => {
    const anonymous = await send(mock.url, { method: 'PUT', path: upgrade.path, headers: { 'content-type': 'application/json', 'x-mock-job': 'fail', prefer: 'code=500' }, body: upgrade.body });
    expect(anonymous.status).toBe(401);
    const invalid = await act({ 'x-mock-job': 'fail', prefer: 'code=500' }, { version: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error_msg).toMatch(/^Invalid request: body\.version: .*; header\.x-mock-job: cannot be combined with Prefer/);
  });

  it('on a status operation it is checked too, and otherwise has no effect', async () => {
    const id = await startJob(upgrade, 'succeed', 0);
    expect((await send(mock.url, { method: 'GET', path: upgrade.statusPath(id), headers: { ...AUTH, 'x-mock-job': 'fail; polls=x' } })).status).toBe(400);
    const answer = await send(mock.url, { method: 'GET', path: upgrade.statusPath(id), headers: { ...AUTH, 'x-mock-job': 'fail' } });
    expect(answer.json.status).toBe('Finished');
  });

  it('RetryScriptExecution refuses a message (ListScriptTasks has no field for one) and takes a code as the task\'s status', async () => {
    const script = ACTIONS.find((a) => a.statusOperation === 'ListScriptTasks')!;
    const refused = await send(mock.url, { method: 'POST', path: script.path, headers: { ...JSON_BODY, 'x-mock-job': 'fail; message=why' }, body: script.body });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error_code: 'WKS.00010001', error_msg: expect.stringContaining('message cannot be shown for this job') });
  });

  it('status operations with Prefer give the documented examples, as without jobs', async () => {
    const answer = await send(mock.url, { method: 'GET', path: upgrade.statusPath('1'), headers: { ...AUTH, prefer: 'example=Failed' } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(operation('ShowEngineJob').responses.find((r) => r.status === 200)!.examples['Failed']);
  });
});

describe('Prefer that picks no answer is ignored (RFC 7240): jobs run as without it', () => {
  const OTHERS = ['return=minimal', 'return=representation', 'respond-async', 'wait=5', 'respond-async, wait=5', 'handling=lenient', 'dynamic=false', 'x-unknown'];

  it.each(OTHERS)('Prefer: %s on the action and on every poll: a fresh job, followed to its end', async (prefer) => {
    const upgrade = ACTIONS.find((a) => a.name === 'UpgradeEngine')!;
    const started = await send(mock.url, { method: 'PUT', path: upgrade.path, headers: { ...JSON_BODY, prefer, 'x-mock-job': 'fail; code=ERR.0001; polls=1' }, body: upgrade.body });
    expect(started.status, JSON.stringify(started.json)).toBe(200);
    expect(started.json.jobId).not.toBe(17655); // the documented example's
    const poll = async () => (await send(mock.url, { method: 'GET', path: upgrade.statusPath(String(started.json.jobId)), headers: { ...AUTH, prefer } })).json;
    expect((await poll()).status).toBe('Executing');
    expect((await poll()).status).toBe('Error');
  });

  it("Prism's __code and __example query forms pick the documented answer: no job", async () => {
    const upgrade = ACTIONS.find((a) => a.name === 'UpgradeEngine')!;
    for (const query of ['__code=200', '__example=UpgradeStarted']) {
      const answer = await send(mock.url, { method: 'PUT', path: `${upgrade.path}?${query}`, headers: JSON_BODY, body: upgrade.body });
      expect(answer.json.jobId, query).toBe(17655);
    }
  });
});

describe('a Workspace job: one sub-job per desktop, run one after another', () => {
  const workspace = ACTIONS.find((a) => a.statusOperation === 'ShowJob')!;
  const states = async (control: string) => {
    const id = await startJob(workspace, control, undefined);
    const seen: string[][] = [];
    for (let poll = 0; poll < 5; poll++) {
      const body = (await send(mock.url, { method: 'GET', path: workspace.statusPath(id), headers: AUTH })).json;
      expect(body.sub_jobs_total).toBe(body.sub_jobs.length);
      seen.push([body.status, ...body.sub_jobs.map((sub: any) => `${sub.status} ${sub.process}${sub.begin_time ? ' begun' : ''}${sub.end_time ? ' ended' : ''}`)]);
    }
    return seen;
  };

  it('succeeding: each desktop waits, runs, then succeeds while the next one starts', async () => {
    expect(await states('succeed; polls=3')).toEqual([
      ['RUNNING', 'RUNNING 50 begun', 'WAITING 0', 'WAITING 0'],
      ['RUNNING', 'SUCCESS 100 begun ended', 'RUNNING 50 begun', 'WAITING 0'],
      ['RUNNING', 'SUCCESS 100 begun ended', 'SUCCESS 100 begun ended', 'RUNNING 50 begun'],
      ['SUCCESS', 'SUCCESS 100 begun ended', 'SUCCESS 100 begun ended', 'SUCCESS 100 begun ended'],
      ['SUCCESS', 'SUCCESS 100 begun ended', 'SUCCESS 100 begun ended', 'SUCCESS 100 begun ended'],
    ]);
  });

  it('failing: the desktop running fails with the code and reason; the ones after it never start', async () => {
    const late = await states('fail; code=WKS.00010025; polls=3');
    expect(late.at(-1)).toEqual(['FAILED', 'SUCCESS 100 begun ended', 'SUCCESS 100 begun ended', 'FAILED 50 begun ended']);
    const early = await states('fail; polls=0');
    expect(early.at(-1)).toEqual(['FAILED', 'FAILED 50 begun ended', 'WAITING 0', 'WAITING 0']);
  });
});

describe('jobs started one after another keep what is their own', () => {
  // Jobs of one engine are kept side by side: each must still show its own version, its own stage ends and end time.
  it('UpgradeEngine to 2.4.0, 2.4.1, 2.4.0 on one engine: each job describes its version; polled in turn, each ends on its own', async () => {
    const upgrade = ACTIONS.find((a) => a.name === 'UpgradeEngine')!;
    const ids: string[] = [];
    for (const version of ['2.4.0', '2.4.1', '2.4.0']) {
      const answer = await send(mock.url, { method: upgrade.method, path: upgrade.path, headers: { ...JSON_BODY, 'x-mock-job': 'succeed; polls=2' }, body: { version } });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      ids.push(String(answer.json.jobId));
    }
    const poll = async (id: string) => (await send(mock.url, { method: 'GET', path: upgrade.statusPath(id), headers: AUTH })).json;
    const first = await poll(ids[0]!);
    expect(first.description).toBe(`Upgrade engine ${first.tasks[0].tasks[0].engineName} to 2.4.0`);
    expect((await poll(ids[1]!)).description).toMatch(/ to 2\.4\.1$/);
    expect((await poll(ids[2]!)).description).toMatch(/ to 2\.4\.0$/);
    // The first job runs to its end; the others, polled once each, are still running with no step ended.
    await poll(ids[0]!);
    const ended = await poll(ids[0]!);
    expect(ended.status).toBe('Finished');
    expect(ended.endTime).toBeGreaterThan(0);
    for (const id of ids.slice(1)) {
      const running = await poll(id);
      expect(running.status).toBe('Executing');
      expect(running.endTime).toBe(0);
      // Its steps not yet finished show no end (the first job's ends are not theirs).
      const unfinished = running.tasks.filter((step: { status: string }) => step.status !== 'Finished');
      expect(unfinished.length).toBeGreaterThan(0);
      expect(unfinished.map((step: { endTime: number }) => step.endTime)).toEqual(unfinished.map(() => 0));
    }
  });
});

describe('memory is bounded: the oldest job is forgotten first', () => {
  let small: RunningMock;
  beforeAll(async () => {
    small = await startMock({ jobs: { polls: 0, limit: 3 } });
  });
  afterAll(() => small?.stop());

  it('the fourth job makes the mock forget the first (404); the others are still followed', async () => {
    const action = ACTIONS[3]!; // RunActionsOnWorkspaceJob → ShowJob
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await send(small.url, { method: action.method, path: action.path, headers: JSON_BODY, body: action.body });
      ids.push(answer.json.job_id);
    }
    const statuses = await Promise.all(ids.map(async (id) => (await send(small.url, { method: 'GET', path: action.statusPath(id), headers: AUTH })).status));
    expect(statuses).toEqual([404, 200, 200, 200]);
  });
});

describe('startMock({ jobs: false })', () => {
  let stateless: RunningMock;
  beforeAll(async () => {
    stateless = await startMock({ jobs: false });
  });
  afterAll(() => stateless?.stop());

  it('answers the documented examples, as before jobs existed, and ignores X-Mock-Job', async () => {
    const upgrade = ACTIONS[1]!;
    const started = await send(stateless.url, { method: 'PUT', path: upgrade.path, headers: { ...JSON_BODY, 'x-mock-job': 'fail' }, body: upgrade.body });
    expect(started.json.jobId).toBe(17655);
    const status = await send(stateless.url, { method: 'GET', path: upgrade.statusPath('17655'), headers: AUTH });
    expect(status.json).toEqual(operation('ShowEngineJob').responses.find((r) => r.status === 200)!.examples['Running']);
  });
});
