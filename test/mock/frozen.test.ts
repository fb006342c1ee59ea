/** deepFreeze: iterative, every level, and it knows the bodies it froze. */
import { describe, expect, it } from 'vitest';
import { deepFreeze, isDeeplyFrozen } from '../../src/mock/frozen.js';

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
