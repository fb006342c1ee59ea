/**
 * Deeply frozen answer bodies. The mock gives out some bodies again and again (Prism's remembered
 * answers, a job's status while it does not change): frozen, nothing after can alter them, and
 * serialize.ts keeps the text they serialise to.
 */

/** Every object deepFreeze has frozen, with all it holds. */
const deeplyFrozen = new WeakSet<object>();

/** Freezes `value` and everything it holds (iteratively: no recursion on data from outside). */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || deeplyFrozen.has(next)) continue;
    Object.freeze(next);
    deeplyFrozen.add(next);
    for (const child of Object.values(next)) pending.push(child);
  }
  return value;
}

export function isDeeplyFrozen(value: unknown): value is object {
  return typeof value === 'object' && value !== null && deeplyFrozen.has(value);
}
