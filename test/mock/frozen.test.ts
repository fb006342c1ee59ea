/** deepFreeze (iterative, whole depth) and serializeFrozenOnce (the text of a deeply frozen body, once). */
import { describe, expect, it } from 'vitest';
import { deepFreeze, isDeeplyFrozen, serializeFrozenOnce } from '../../src/mock/frozen.js';

describe('deepFreeze', () => {
  it('freezes every level, also 100,000 deep (no recursion)', () => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < 100_000; i++) at = (at['next'] = { list: [i] }) as Record<string, unknown>;
    deepFreeze(root);
    expect(Object.isFrozen(at) && Object.isFrozen(at['list']) && isDeeplyFrozen(at)).toBe(true);
  });

  it('tells its own frozen bodies from ones frozen only at the top', () => {
    expect(isDeeplyFrozen(Object.freeze({ a: {} }))).toBe(false);
    expect(isDeeplyFrozen(deepFreeze({ a: {} }))).toBe(true);
    expect(isDeeplyFrozen('text')).toBe(false);
  });
});

describe('serializeFrozenOnce', () => {
  function counted() {
    let calls = 0;
    const serialize = serializeFrozenOnce((body, type) => (calls++, `${type}:${JSON.stringify(body)}`));
    return { serialize, calls: () => calls };
  }

  it('serialises a deeply frozen body once per content type', () => {
    const { serialize, calls } = counted();
    const body = deepFreeze({ a: [1, 2] });
    expect([serialize(body, 'application/json'), serialize(body, 'application/json')]).toEqual(['application/json:{"a":[1,2]}', 'application/json:{"a":[1,2]}']);
    expect(calls()).toBe(1);
    expect(serialize(body, 'text/plain')).toBe('text/plain:{"a":[1,2]}');
    expect(calls()).toBe(2);
  });

  it('serialises every other body each time (it may have changed)', () => {
    const { serialize, calls } = counted();
    const body: Record<string, unknown> = { a: 1 };
    const shallow = Object.freeze({ inner: { n: 1 } });
    expect(serialize(body, 'application/json')).toBe('application/json:{"a":1}');
    body['a'] = 2;
    expect(serialize(body, 'application/json')).toBe('application/json:{"a":2}');
    serialize(shallow, 'application/json');
    (shallow.inner as { n: number }).n = 2;
    expect(serialize(shallow, 'application/json')).toBe('application/json:{"inner":{"n":2}}');
    expect(calls()).toBe(4);
  });
});
