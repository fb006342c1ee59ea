/**
 * Deeply frozen answer bodies, and their serialisation done once. The mock gives out some bodies
 * again and again (Prism's remembered answers, a job's status while it does not change): frozen,
 * nothing after can alter them, so the text they serialise to is kept beside them.
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

type Serialize = (body: unknown, contentType: string | undefined) => string | undefined;

/** `serialize`, remembering its text for deeply frozen bodies (per body and content type). */
export function serializeFrozenOnce(serialize: Serialize): Serialize {
  const texts = new WeakMap<object, { contentType: string | undefined; text: string | undefined }>();
  return (body, contentType) => {
    if (!isDeeplyFrozen(body)) return serialize(body, contentType);
    const known = texts.get(body);
    if (known && known.contentType === contentType) return known.text;
    const text = serialize(body, contentType);
    texts.set(body, { contentType, text });
    return text;
  };
}
