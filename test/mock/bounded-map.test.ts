/** BoundedMap: at most `limit` entries, the oldest forgotten first, a replaced entry keeps its place. */
import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/mock/bounded-map.js';

describe('BoundedMap', () => {
  it('forgets the oldest entry first, over many turns of its ring', () => {
    const map = new BoundedMap<number, string>(3);
    for (let i = 0; i < 10; i++) map.set(i, `v${i}`);
    expect(map.size).toBe(3);
    expect([7, 8, 9].map((i) => map.get(i))).toEqual(['v7', 'v8', 'v9']);
    for (let i = 0; i < 7; i++) expect(map.has(i)).toBe(false);
  });

  it('replaces a value in place: the entry is not made newer, and nothing else is forgotten', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3);
    expect([map.size, map.get('a'), map.get('b')]).toEqual([2, 3, 2]);
    map.set('c', 4); // 'a' is still the oldest
    expect([map.has('a'), map.get('b'), map.get('c')]).toEqual([false, 2, 4]);
  });

  it('holds 10,000 entries through 100,000 more, each key findable until its turn comes', () => {
    const map = new BoundedMap<string, number>(10_000);
    for (let i = 0; i < 110_000; i++) map.set(`k${i}`, i);
    expect(map.size).toBe(10_000);
    expect([map.get('k99999'), map.get('k100000'), map.get('k109999')]).toEqual([undefined, 100_000, 109_999]);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => new BoundedMap(limit)).toThrow(RangeError);
  });
});
