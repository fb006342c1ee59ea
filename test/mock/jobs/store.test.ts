/** The job store: fresh IDs of each service's shape, a job found only as its own kind, the oldest forgotten first. */
import { describe, expect, it } from 'vitest';
import { bytesOf, JobStore, tokenOf, type Job, type JobKind } from '../../../src/mock/jobs/store.js';

const KINDS: JobKind[] = ['ShowEngineJob', 'ShowJob', 'ListScriptTasks', 'ShowJobDetail'];
const SHAPES: Record<JobKind, RegExp> = {
  ShowEngineJob: /^[0-9]{6,10}$/,
  ShowJob: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  ListScriptTasks: /^[0-9a-f]{32}$/,
  ShowJobDetail: /^JOB[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

/** Starts a job of this kind (a fresh ID, kept at once); its ID. */
function job(store: JobStore, kind: JobKind, startedAt = 0, message?: string): string {
  const id = store.freshId(kind);
  const started: Job = { kind, id, action: 'a', projectId: 'p', resourceId: undefined, detail: {}, polls: 1, outcome: 'succeed', code: undefined, message, startedAt, seen: 0, stageEnds: [] };
  store.add(started);
  return id;
}

describe('JobStore', () => {
  it('gives IDs of each kind its own shape, which no other kind can take, and never the same twice', () => {
    const store = new JobStore(100);
    for (const kind of KINDS) {
      const ids = new Set(Array.from({ length: 1_000 }, () => store.freshId(kind)));
      expect(ids.size).toBe(1_000);
      for (const id of ids) {
        expect(id).toMatch(SHAPES[kind]);
        for (const other of KINDS) if (other !== kind) expect(id).not.toMatch(SHAPES[other]);
      }
    }
  });

  it('finds a job only as the kind it is: its ID under another status operation is unknown', () => {
    const store = new JobStore(100);
    const ids = KINDS.map((kind) => job(store, kind));
    for (const [i, id] of ids.entries()) for (const kind of KINDS) expect(store.get(kind, id)?.id).toBe(kind === KINDS[i] ? id : undefined);
    expect(store.get('ShowEngineJob', '')).toBeUndefined();
  });

  it('derives each job\'s token from its ID: eight hex digits, the same for the job every time, different between jobs', () => {
    const store = new JobStore(10);
    for (const kind of KINDS) {
      const tokens = new Set<string>();
      for (let i = 0; i < 1_000; i++) {
        const j = store.get(kind, job(store, kind))!;
        expect(tokenOf(j)).toMatch(/^[0-9a-f]{8}$/);
        expect(tokenOf({ ...j })).toBe(tokenOf(j));
        tokens.add(tokenOf(j));
      }
      expect(tokens.size, kind).toBe(1_000);
    }
  });

  it('keeps each job until `limit` newer ones came, the oldest forgotten first, polled or not', () => {
    for (const kind of KINDS) {
      const store = new JobStore(5);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push(job(store, kind, i));
        expect(store.get(kind, ids[i]!)?.startedAt).toBe(i);
        if (i >= 5) expect(store.get(kind, ids[i - 5]!)).toBeUndefined();
      }
      expect(store.size).toBe(5);
      expect(ids.slice(7).map((id) => store.get(kind, id)?.startedAt)).toEqual([7, 8, 9, 10, 11]);
    }
  });

  it('keeps no more than maxBytes of jobs by bytesOf, the oldest forgotten first, however few that is', () => {
    const store = new JobStore(1_000, 20_000);
    const ids = Array.from({ length: 40 }, (_, i) => job(store, 'ShowJob', i, 'm'.repeat(i % 2 ? 1_024 : 1)));
    const kept = ids.filter((id) => store.get('ShowJob', id)).map((id) => store.get('ShowJob', id)!);
    expect(kept.map((j) => j.id)).toEqual(ids.slice(ids.length - kept.length)); // the newest, without a gap
    expect(store.bytes).toBe(kept.reduce((sum, j) => sum + bytesOf(j), 0));
    expect(store.bytes).toBeLessThanOrEqual(20_000);
    // The one forgotten last would not have fitted.
    const older = { ...kept[0]!, message: 'm'.repeat((ids.length - kept.length - 1) % 2 ? 1_024 : 1) };
    expect(store.bytes + bytesOf(older)).toBeGreaterThan(20_000);
  });

  it('finds nothing for an ID it did not give: another random part, leading zeros, hostile bytes, absurd numbers', () => {
    const store = new JobStore(100);
    const [engine, workspace, script, serviceStage] = KINDS.map((kind) => job(store, kind)) as [string, string, string, string];
    const forged: [JobKind, string][] = [
      ['ShowEngineJob', `0${engine}`],
      ['ShowEngineJob', `${engine}.0`],
      ['ShowEngineJob', String(Number(engine) + 100)],
      ['ShowEngineJob', '9'.repeat(400)],
      ['ShowEngineJob', '-1'],
      ['ShowEngineJob', '1e3'],
      ['ShowJob', `ffffffff${workspace.slice(8)}`],
      ['ShowJob', workspace.toUpperCase()],
      ['ListScriptTasks', `${script.slice(0, 20)}${'z'.repeat(12)}`],
      ['ShowJobDetail', serviceStage.slice(3)],
      ['ShowJobDetail', `JOB../../${serviceStage.slice(-12)}`],
      ['ShowJob', `\u0000${workspace.slice(1)}`],
      ['ShowJob', ''],
    ];
    for (const [kind, id] of forged) expect(store.get(kind, id), `${kind} ${id}`).toBeUndefined();
    expect(() => new JobStore(0)).toThrow(RangeError);
  });
});
