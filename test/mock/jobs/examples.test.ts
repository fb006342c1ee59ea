/**
 * pathParameters reads the values of the segments the operation's template names, decoded, for
 * every operation and for odd paths.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT } from '../../../src/mock/launch.js';
import { pathParameters } from '../../../src/mock/jobs/examples.js';
import { loadPrism, type Operation } from '../../../src/mock/prism/library.js';

let operations: Operation[];
beforeAll(async () => {
  operations = await loadPrism().operations(DEFAULT_DOCUMENT);
});

/** The reading by split, as the simulation did it before. */
function bySplit(operation: Operation, path: string): Record<string, string> {
  const values = path.split('/');
  const found: Record<string, string> = {};
  operation.path.split('/').forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    const value = values[i];
    if (name === undefined || value === undefined) return;
    try {
      found[name] = value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      found[name] = value;
    }
  });
  return found;
}

describe('pathParameters', () => {
  it('reads every operation path the way a split of the path does, for ordinary and odd values', () => {
    const values = ['p1', 'a%2Fb', '%E4%B8%AD', '%', '%zz', '', '..', 'x y'];
    let compared = 0;
    for (const operation of operations) {
      for (const value of values) {
        const path = operation.path.replace(/\{[^}]+\}/g, value);
        for (const variant of [path, `${path}/`, `${path}/extra/segments`, path.slice(0, path.lastIndexOf('/')), '', '/', '//']) {
          expect(pathParameters(operation, variant), `${operation.iid} ${variant}`).toEqual(bySplit(operation, variant));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(operations.length * 50);
  });

  it('names the values of a real job poll', () => {
    const operation = operations.find((o) => o.iid === 'ShowEngineJob')!;
    expect(pathParameters(operation, '/v2/p1/enginemgr/engines/e%2D1/jobs/123')).toEqual({ project_id: 'p1', engine_id: 'e-1', job_id: '123' });
  });
});
