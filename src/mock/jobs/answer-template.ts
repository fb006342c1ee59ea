/** An action's documented answer with a job's fields in it, written as text from the example's own text. */
import { randomUUID } from 'node:crypto';
import { isDeeplyFrozen } from '../frozen.js';
import { JsonText } from '../json-text.js';
import type { Json } from './kind.js';

/** Marks the holes while an example is cut: random, so no example's own text can hold one. */
const MARK = `\u0000${randomUUID()}:`;

/**
 * `(example, ...values)` → the text of `{ ...example, [names[0]]: values[0], ... }`, exactly as
 * JSON.stringify writes it. An example is cut at those fields once (examples are Prism's remembered,
 * deeply frozen answers, the same object for a repeated request), and each job's values are written
 * into the cuts. An example that is not frozen (it could change) or a value JSON cannot write gives
 * the object itself.
 */
export function answerTemplate(names: readonly string[]): (example: Json, ...values: unknown[]) => Json | JsonText {
  const cuts = new WeakMap<object, Cut | undefined>();
  const cut = (example: Json): Cut | undefined => {
    if (cuts.has(example)) return cuts.get(example);
    const marked: Json = { ...example };
    names.forEach((name, i) => (marked[name] = `${MARK}${i}`));
    const whole = JSON.stringify(marked);
    // Where each hole is (in the example's order of keys, not in the order of `names`); each once.
    const holes = names.map((_, i) => {
      const mark = JSON.stringify(`${MARK}${i}`);
      const at = whole.indexOf(mark);
      return { value: i, at, end: at + mark.length, again: whole.indexOf(mark, at + 1) };
    });
    let found: Cut | undefined;
    if (holes.every((hole) => hole.at >= 0 && hole.again < 0)) {
      holes.sort((a, b) => a.at - b.at);
      const parts = holes.map((hole, i) => whole.slice(i === 0 ? 0 : holes[i - 1]!.end, hole.at));
      found = { parts: [...parts, whole.slice(holes.at(-1)?.end ?? 0)], values: holes.map((hole) => hole.value) };
    }
    cuts.set(example, found);
    return found;
  };
  const object = (example: Json, values: unknown[]): Json => {
    const filled: Json = { ...example };
    names.forEach((name, i) => (filled[name] = values[i]));
    return filled;
  };
  return (example, ...values) => {
    const found = isDeeplyFrozen(example) ? cut(example) : undefined;
    if (found === undefined) return object(example, values);
    const { parts, values: order } = found;
    let text = parts[0]!;
    for (let i = 0; i < order.length; i++) {
      const value = JSON.stringify(values[order[i]!]);
      if (value === undefined) return object(example, values);
      text += value + parts[i + 1]!;
    }
    return new JsonText(text);
  };
}

/** The example's text cut at the holes; `values[i]` is the index of the value that goes after `parts[i]`. */
interface Cut {
  parts: readonly string[];
  values: readonly number[];
}
