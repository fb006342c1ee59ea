/** An action's documented answer with a job's fields in it, written as text from the example's own text. */
import { randomUUID } from 'node:crypto';
import { isDeeplyFrozen } from '../frozen.js';
import { JsonText } from '../json-text.js';
import type { Json } from './kind.js';

/** Marks the hole while an example is cut: random, so no example's own text can hold it. */
const MARK = `\u0000${randomUUID()}`;
const HOLE = JSON.stringify(MARK);

/** The example's text with the request's fields written in, cut where the job's own field goes. */
interface Cut {
  example: Json;
  /** The request's values (all but the last of `names`) the text holds. */
  fixed: readonly unknown[];
  /** The text before and after the job's field; undefined when the example cannot be cut. */
  parts: readonly [string, string] | undefined;
}

/**
 * `(example, ...values)` → the text of `{ ...example, [names[0]]: values[0], ... }`, exactly as
 * JSON.stringify writes it. The last name is the job's own field (its fresh ID); the others come
 * from the request (an engine's ID), the same from one job to the next while a test repeats a
 * request. So the example is written once with them, cut at the job's field, and each job's answer
 * is that text with the job's value in the cut: no object built, no JSON written, for each action.
 * An example that is not deeply frozen (it could change) or a value JSON cannot write gives the
 * object itself.
 */
export function answerTemplate(names: readonly string[]): (example: Json, ...values: unknown[]) => Json | JsonText {
  const cuts = new WeakMap<object, Cut>();
  let last: Cut | undefined;
  const cutOf = (example: Json, values: unknown[]): Cut => {
    const known = last?.example === example ? last : cuts.get(example);
    if (known && names.every((_, i) => i === names.length - 1 || known.fixed[i] === values[i])) return known;
    const marked: Json = { ...example };
    names.forEach((name, i) => (marked[name] = i === names.length - 1 ? MARK : values[i]));
    const [before, after, ...more] = JSON.stringify(marked).split(HOLE);
    const parts = isDeeplyFrozen(example) && after !== undefined && more.length === 0 ? ([before!, after] as const) : undefined;
    const cut: Cut = { example, fixed: values.slice(0, -1), parts };
    cuts.set(example, cut);
    return cut;
  };
  return (example, ...values) => {
    last = cutOf(example, values);
    const own = textOf(values[names.length - 1]);
    if (last.parts === undefined || own === undefined) return object(example, names, values);
    return new JsonText(last.parts[0] + own + last.parts[1]);
  };
}

/** JSON's text of a value; a finite number's without JSON.stringify's set-up (it writes numbers as String does). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return JSON.stringify(value);
}

function object(example: Json, names: readonly string[], values: unknown[]): Json {
  const filled: Json = { ...example };
  names.forEach((name, i) => (filled[name] = values[i]));
  return filled;
}
