/** The job store: fresh IDs of each service's shape, keyed by the ID alone, a job found only as its own kind. */
import { describe, expect, it } from 'vitest';
import { JobStore, tokenOf, type Job, type JobKind } from '../../../src/mock/jobs/store.js';

const KINDS: JobKind[] = ['ShowEngineJob', 'ShowJob', 'ListScriptTasks', 'ShowJobDetail'];
const SHAPES: Record<JobKind, RegExp> = {
  ShowEngineJob: /^[0-9]{6,10}$/,
  ShowJob: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  ListScriptTasks: /^[0-9a-f]{32}$/,
  ShowJobDetail: /^JOB[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

function job(store: JobStore, kind: JobKind): Job {
  return { kind, id: store.freshId(kind), action: 'a', projectId: 'p', detail: {}, polls: 1, outcome: 'succeed', startedAt: 0, seen: 0, stageEnds: [] };
}

describe('JobStore', () => {
  it('gives IDs of each kind its own shape, which no other kind can take', () => {
    const store = new JobStore(100);
    for (const kind of KINDS) {
      const id = store.freshId(kind);
      expect(id).toMatch(SHAPES[kind]);
      for (const other of KINDS) if (other !== kind) expect(id).not.toMatch(SHAPES[other]);
    }
  });

  it('finds a job only as the kind it is: its ID under another status operation is unknown', () => {
    const store = new JobStore(100);
    const jobs = KINDS.map((kind) => job(store, kind));
    for (const j of jobs) store.add(j);
    for (const j of jobs) for (const kind of KINDS) expect(store.get(kind, j.id)).toBe(kind === j.kind ? j : undefined);
    expect(store.get('ShowEngineJob', '')).toBeUndefined();
  });

  it('derives each job\'s token from its ID: eight hex digits, the same for the job every time, different between jobs', () => {
    const store = new JobStore(10);
    for (const kind of KINDS) {
      const tokens = new Set<string>();
      for (let i = 0; i < 1_000; i++) {
        const j = job(store, kind);
        expect(tokenOf(j)).toMatch(/^[0-9a-f]{8}$/);
        expect(tokenOf({ ...j })).toBe(tokenOf(j));
        tokens.add(tokenOf(j));
      }
      expect(tokens.size, kind).toBe(1_000);
    }
  });

  it('forgets the oldest job first', () => {
    const store = new JobStore(3);
    const jobs = Array.from({ length: 4 }, () => job(store, 'ShowJob'));
    for (const j of jobs) store.add(j);
    expect([store.size, store.get('ShowJob', jobs[0]!.id), store.get('ShowJob', jobs[3]!.id)]).toEqual([3, undefined, jobs[3]]);
  });

  it('keeps each job until `limit` newer ones came, in a ring its ID points into', () => {
    for (const kind of KINDS) {
      const store = new JobStore(5);
      const jobs = Array.from({ length: 12 }, () => job(store, kind));
      for (const [i, j] of jobs.entries()) {
        store.add(j);
        expect(store.get(kind, j.id)).toBe(j);
        if (i >= 5) expect(store.get(kind, jobs[i - 5]!.id)).toBeUndefined();
      }
      expect(store.size).toBe(5);
      expect(jobs.slice(7).map((j) => store.get(kind, j.id))).toEqual(jobs.slice(7));
    }
  });

  it('finds nothing for an ID it did not give: another random part, leading zeros, hostile bytes, absurd numbers', () => {
    const store = new JobStore(100);
    const jobs = KINDS.map((kind) => job(store, kind));
    for (const j of jobs) store.add(j);
    const [engine, workspace, script, serviceStage] = jobs.map((j) => j.id) as [string, string, string, string];
    const forged: [JobKind, string][] = [
      ['ShowEngineJob', `0${engine}`],
      ['ShowEngineJob', `${engine}.0`],
      ['ShowEngineJob', String(Number(engine) + 100)], // the same slot, a number not given yet
      ['ShowEngineJob', '9'.repeat(400)],
      ['ShowEngineJob', '-1'],
      ['ShowEngineJob', '1e3'],
      ['ShowJob', `ffffffff${workspace.slice(8)}`], // the same number, another random part
      ['ShowJob', workspace.toUpperCase()],
      ['ListScriptTasks', `${script.slice(0, 20)}${'z'.repeat(12)}`],
      ['ShowJobDetail', serviceStage.slice(3)],
      ['ShowJobDetail', `JOB../../${serviceStage.slice(-12)}`],
      ['ShowJob', `\u0000${workspace.slice(1)}`],
      ['ShowJob', ''],
    ];
    for (const [kind, id] of forged) expect(store.get(kind, id), `${kind} ${id}`).toBeUndefined();
    expect(() => store.add({ ...jobs[1]!, id: 'not-from-this-store' })).toThrow(RangeError);
    expect(() => new JobStore(0)).toThrow(RangeError);
  });
});
