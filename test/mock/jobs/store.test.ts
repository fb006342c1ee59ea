/** The job store: fresh IDs of each service's shape, keyed by the ID alone, a job found only as its own kind. */
import { describe, expect, it } from 'vitest';
import { JobStore, tokenOf, type Detail, type JobKind, type JobOrder } from '../../../src/mock/jobs/store.js';

const KINDS: JobKind[] = ['ShowEngineJob', 'ShowJob', 'ListScriptTasks', 'ShowJobDetail'];
const SHAPES: Record<JobKind, RegExp> = {
  ShowEngineJob: /^[0-9]{6,10}$/,
  ShowJob: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  ListScriptTasks: /^[0-9a-f]{32}$/,
  ShowJobDetail: /^JOB[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

const BASE_DETAIL: Detail = { engineName: 'e', version: '1', instanceAction: 'restart', replica: 1 };
const ORDER: Omit<JobOrder, 'kind'> = { action: 'a', projectId: 'p', resourceId: undefined, detail: {}, polls: 1, outcome: 'succeed', code: undefined, message: undefined };

/** Starts a job of this kind (a fresh ID, kept at once); its ID. */
function job(store: JobStore, kind: JobKind, order: Partial<JobOrder> = {}, startedAt = 0): string {
  const id = store.freshId(kind);
  store.add({ ...ORDER, kind, ...order }, id, startedAt);
  return id;
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
    const ids = KINDS.map((kind) => job(store, kind));
    for (const [i, id] of ids.entries()) for (const kind of KINDS) expect(store.get(kind, id)?.id).toBe(kind === KINDS[i] ? id : undefined);
    expect(store.get('ShowEngineJob', '')).toBeUndefined();
  });

  it('gives back what the action asked for, and one job object from the first poll on (its progress stays with it)', () => {
    const store = new JobStore(100);
    const id = job(store, 'ShowJobDetail', { action: 'UpdateInstanceAction', projectId: 'p1', resourceId: 'i1', detail: { instanceAction: 'scale', replica: 3 }, polls: 7, outcome: 'fail', code: 'C.1', message: 'm' }, 1_234);
    const found = store.get('ShowJobDetail', id)!;
    expect(found).toMatchObject({ kind: 'ShowJobDetail', id, action: 'UpdateInstanceAction', projectId: 'p1', resourceId: 'i1', detail: { instanceAction: 'scale', replica: 3 }, polls: 7, outcome: 'fail', code: 'C.1', message: 'm', startedAt: 1_234, seen: 0, stageEnds: [] });
    found.seen = 2;
    expect(store.get('ShowJobDetail', id)).toBe(found);
  });

  it('jobs of one order share it; a job whose order differs in any field keeps its own', () => {
    const store = new JobStore(100);
    const version = (v: string) => job(store, 'ShowEngineJob', { detail: { engineName: 'e', version: v } });
    const [a, b, c, d] = [version('1'), version('1'), version('2'), version('1')].map((id) => store.get('ShowEngineJob', id)!);
    expect(b!.detail).toBe(a!.detail);
    expect([a, b, c, d].map((j) => j!.detail.version)).toEqual(['1', '1', '2', '1']);
    // One other value for every field of an order and of its detail (typed exhaustively: a field added to JobOrder or
    // Detail without one here fails to compile, and then this test, if the store does not compare it).
    const other: { [K in Exclude<keyof JobOrder, 'kind' | 'detail'>]-?: NonNullable<JobOrder[K]> } = { action: 'b', projectId: 'q', resourceId: 'r', polls: 2, outcome: 'fail', code: 'X', message: 'y' };
    const otherDetail: Required<Detail> = { engineName: 'f', version: '9', instanceAction: 'scale', replica: 3 };
    const changes: Partial<JobOrder>[] = [
      ...Object.entries(other).map(([field, value]) => ({ [field]: value })),
      ...Object.entries(otherDetail).map(([field, value]) => ({ detail: { ...BASE_DETAIL, [field]: value } })),
    ];
    for (const change of changes) {
      // The job before asked for the base order; had the store taken this one for the same, it would show the base.
      job(store, 'ListScriptTasks', { detail: BASE_DETAIL });
      expect(store.get('ListScriptTasks', job(store, 'ListScriptTasks', { detail: BASE_DETAIL, ...change })), JSON.stringify(change)).toMatchObject(change);
    }
  });

  it('an order is copied and frozen when kept: changing the caller\'s object later changes no job', () => {
    const store = new JobStore(10);
    const detail = { engineName: 'e', version: '1' };
    const order: JobOrder = { ...ORDER, kind: 'ShowEngineJob', detail };
    const id = store.freshId('ShowEngineJob');
    store.add(order, id, 0);
    order.polls = 99;
    detail.version = '9';
    expect(store.get('ShowEngineJob', id)).toMatchObject({ polls: 1, detail: { version: '1' } });
    expect(Object.isFrozen(store.get('ShowEngineJob', id)!.detail)).toBe(true);
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

  it('forgets the oldest job first', () => {
    const store = new JobStore(3);
    const ids = Array.from({ length: 4 }, () => job(store, 'ShowJob'));
    expect([store.size, store.get('ShowJob', ids[0]!), store.get('ShowJob', ids[3]!)?.id]).toEqual([3, undefined, ids[3]]);
  });

  it('keeps each job until `limit` newer ones came, in a ring its ID points into; a polled job is forgotten too', () => {
    for (const kind of KINDS) {
      const store = new JobStore(5);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push(job(store, kind, {}, i));
        expect(store.get(kind, ids[i]!)?.startedAt).toBe(i);
        if (i >= 5) expect(store.get(kind, ids[i - 5]!)).toBeUndefined();
      }
      expect(store.size).toBe(5);
      expect(ids.slice(7).map((id) => store.get(kind, id)?.startedAt)).toEqual([7, 8, 9, 10, 11]);
    }
  });

  it('keeps jobs added out of the order their IDs were given, and as many as the limit when that is large', () => {
    const store = new JobStore(5_000);
    const [first, second] = [store.freshId('ShowJob'), store.freshId('ShowJob')];
    store.add({ ...ORDER, kind: 'ShowJob' }, second, 2);
    store.add({ ...ORDER, kind: 'ShowJob' }, first, 1);
    expect([store.size, store.get('ShowJob', first)?.startedAt, store.get('ShowJob', second)?.startedAt]).toEqual([2, 1, 2]);
    const ids = Array.from({ length: 4_998 }, (_, i) => job(store, 'ShowEngineJob', {}, i));
    expect(store.size).toBe(5_000);
    expect(ids.every((id, i) => store.get('ShowEngineJob', id)?.startedAt === i)).toBe(true);
    expect(store.get('ShowJob', first)?.startedAt).toBe(1);
    job(store, 'ShowEngineJob');
    expect([store.size, store.get('ShowJob', first)]).toEqual([5_000, undefined]);
  });

  it('finds nothing for an ID it did not give: another random part, leading zeros, hostile bytes, absurd numbers', () => {
    const store = new JobStore(100);
    const [engine, workspace, script, serviceStage] = KINDS.map((kind) => job(store, kind)) as [string, string, string, string];
    const forged: [JobKind, string][] = [
      ['ShowEngineJob', `0${engine}`],
      ['ShowEngineJob', `${engine}.0`],
      ['ShowEngineJob', String(Number(engine) + 100)], // the same slot, a number not given yet
      ['ShowEngineJob', String(Number(engine) - 100)], // the same slot, a number before the first
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
    // The ID just given, added as another kind: refused, as any ID of the wrong shape.
    const engineId = store.freshId('ShowEngineJob');
    expect(() => store.add({ ...ORDER, kind: 'ShowJob' }, engineId, 0)).toThrow(RangeError);
    const order = { ...ORDER, kind: 'ShowJob' as const };
    for (const id of ['not-from-this-store', new JobStore(100).freshId('ShowJob'), `${workspace.slice(0, 24)}ffffffffffff`]) {
      expect(() => store.add(order, id, 0), id).toThrow(RangeError);
    }
    expect(() => new JobStore(0)).toThrow(RangeError);
  });
});
