/**
 * The mock's memory under hostile sizes, measured on the heap after garbage collection: the job
 * store is bounded by bytes as well as by count; a job started by a request at every limit (a
 * target of 15 KB, the longest X-Mock-Job) keeps no more than the store counts for it (no slice of
 * the request holding the whole request alive); and large hostile bodies, with their thousands of
 * violations, leave nothing behind once answered.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, expect, it } from 'vitest';
import { jobSimulation } from '../../src/mock/jobs/simulation.js';
import { bytesOf, JobStore, MAX_BYTES, type Job } from '../../src/mock/jobs/store.js';
import { DEFAULT_DOCUMENT } from '../../src/mock/launch.js';
import { createAnswerer } from '../../src/mock/prism/answer.js';
import { loadPrism, type Operation, type PrismLibrary } from '../../src/mock/prism/library.js';
import { AUTH } from './fixtures.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Heap in use once everything unreachable is collected. */
function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
const MiB = 1024 * 1024;

/** A string of `length` characters in a buffer of its own (never a slice or a repeat of another). */
const text = (length: number, fill: string, i: number) => `${i}${Buffer.alloc(length - String(i).length, fill).toString('latin1')}`;

let prism: PrismLibrary;
let operations: Operation[];
beforeAll(async () => {
  prism = loadPrism();
  operations = await prism.operations(DEFAULT_DOCUMENT);
});

it('the job store keeps at most 64 MiB of jobs by its count, whatever limit allows; the heap agrees', () => {
  const store = new JobStore(1_000_000);
  const before = heapUsed();
  const hostile = (i: number): Job => ({
    kind: 'ShowEngineJob', id: store.freshId('ShowEngineJob'), action: 'UpgradeEngine', projectId: text(64, 'p', i), resourceId: text(64, 'e', i),
    detail: { engineName: 'cse-gve7lg', version: text(24, 'v', i) }, polls: 2, outcome: 'fail', code: text(64, 'C', i), message: text(1_024, 'm', i),
    startedAt: i, seen: 0, stageEnds: [],
  });
  const total = 60_000; // ~3 KB each by the count: 180 MB without the bound
  for (let i = 0; i < total; i++) store.add(hostile(i));
  const perJob = bytesOf(hostile(0));
  expect(store.bytes).toBeLessThanOrEqual(MAX_BYTES);
  expect(store.size).toBe(Math.floor(MAX_BYTES / perJob));
  const grown = heapUsed() - before;
  console.log(`memory: ${store.size} hostile jobs kept of ${total}, ${(store.bytes / MiB).toFixed(1)} MiB by the count, heap +${(grown / MiB).toFixed(1)} MiB`);
  expect(grown).toBeLessThan(MAX_BYTES);
});

it('a job started by a request at every limit keeps no more of it than the store counts', async () => {
  const answer = createAnswerer(prism, operations, jobSimulation({ polls: 2, outcome: 'succeed', limit: 1_000_000 }));
  const body = Buffer.from(JSON.stringify({ version: 'v'.repeat(24) }));
  const request = (i: number) => ({
    method: 'PUT',
    // The path's parameters at their longest, and a 15 KB query the job must not keep a slice of.
    target: `/v2/${text(64, 'p', i)}/enginemgr/engines/${text(64, 'e', i)}/upgrade?${text(15_000, 'q', i)}`,
    headers: { ...AUTH, 'content-type': 'application/json', 'x-mock-job': `fail; code=${text(64, 'C', i)}; message="${text(1_000, 'm', i)}\\"\\\\ ${'x'.repeat(18)}"` },
    body,
    tooLarge: false,
  });
  for (let i = 0; i < 100; i++) await answer(request(i)); // Prism's first requests load and compile what it keeps
  // Per job, in five blocks of 600: the heap moves by more than a job's cost from one collection to
  // the next (V8 drops compiled code it has not run lately), so the median block is the figure.
  const blocks: number[] = [];
  for (let block = 0, before = heapUsed(); block < 5; block++) {
    for (let i = 0; i < 600; i++) {
      const started = await answer(request(1_000 + block * 600 + i));
      expect(started.status, JSON.stringify(started.body)).toBe(200);
    }
    const now = heapUsed();
    blocks.push((now - before) / 600);
    before = now;
  }
  const perJob = blocks.sort((a, b) => a - b)[2]!;
  const counted = bytesOf({ id: '123456789', projectId: 'p'.repeat(64), resourceId: 'e'.repeat(64), code: 'C'.repeat(64), message: 'm'.repeat(1_022), detail: { version: 'v'.repeat(24) } } as Job);
  console.log(`memory: a job at every limit costs ${Math.round(perJob)} bytes of heap (blocks: ${blocks.map(Math.round).join(', ')}); the store counts ${counted}`);
  expect(perJob).toBeLessThan(counted);
});

it('bodies of 1 MiB with 20,000 violations each leave nothing behind once answered', async () => {
  const answer = createAnswerer(prism, operations);
  const fields = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`unknown_${i}_${'x'.repeat(32)}`, i]));
  const body = Buffer.from(JSON.stringify({ version: '2.4.0', ...fields }));
  expect(body.length).toBeGreaterThan(MiB);
  const request = { method: 'PUT', target: '/v2/p1/enginemgr/engines/e1/upgrade', headers: { ...AUTH, 'content-type': 'application/json' }, body, tooLarge: false };
  const first = await answer(request);
  expect(first.status).toBe(400);
  const before = heapUsed();
  for (let i = 0; i < 10; i++) expect((await answer(request)).status).toBe(400);
  const grown = heapUsed() - before;
  console.log(`memory: 10 answers to 1 MiB hostile bodies left heap +${(grown / MiB).toFixed(2)} MiB`);
  // Each body and its answer (every violation named) is over 1 MiB: keeping any would show as
  // 10 MiB or more; the rest is the heap's own movement from one collection to the next.
  expect(grown).toBeLessThan(4 * MiB);
}, 60_000);
