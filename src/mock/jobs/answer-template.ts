/** An action's documented answer with a job's fields in it, written as text from the example's own text. */
import { randomUUID } from 'node:crypto';
import { isDeeplyFrozen } from '../frozen.js';
import { JsonText } from '../json-text.js';
import type { Json } from './kind.js';

/** Marks the hole while an example is cut: random, so no example's own text can hold it. */
const MARK = `\u0000${randomUUID()}`;
const HOLE = JSON.stringify(MARK);

/** The example's text with the request's field written in, cut where the job's own field goes. */
interface Cut {
  example: Json;
  /** The request's value the text holds. */
  fixed: unknown;
  /** The text before and after the job's field; undefined when the example cannot be cut. */
  parts: readonly [string, string] | undefined;
}

/**
 * `(example, ownJson, fixedValue)` → the text of `{ ...example, [fixed]: fixedValue, [own]: own }`,
 * exactly as JSON.stringify writes it, where `ownJson` is the job's own value (its fresh ID) already
 * written as JSON. The fixed field comes from the request (an engine's ID) and stays the same from
 * one job to the next while a test repeats a request, so the example is written once with it and
 * cut at the job's field; each job's answer is then that text with the job's value in the cut: no
 * object built and no JSON written for each action. An example that is not deeply frozen (it could
 * change) gives the object itself.
 */
export function answerTemplate(own: string, fixed?: string): (example: Json, ownJson: string, fixedValue?: unknown) => Json | JsonText {
  const cuts = new WeakMap<object, Cut>();
  let last: Cut | undefined;
  const cutOf = (example: Json, fixedValue: unknown): Cut => {
    const known = last?.example === example ? last : cuts.get(example);
    if (known && known.fixed === fixedValue) return known;
    const [before, after, ...more] = JSON.stringify(filled(example, MARK, fixedValue)).split(HOLE);
    const parts = isDeeplyFrozen(example) && after !== undefined && more.length === 0 ? ([before!, after] as const) : undefined;
    const cut: Cut = { example, fixed: fixedValue, parts };
    cuts.set(example, cut);
    return cut;
  };
  const filled = (example: Json, ownValue: unknown, fixedValue: unknown): Json => {
    const body: Json = { ...example };
    if (fixed !== undefined) body[fixed] = fixedValue;
    body[own] = ownValue;
    return body;
  };
  return (example, ownJson, fixedValue) => {
    last = cutOf(example, fixedValue);
    if (last.parts === undefined) return filled(example, JSON.parse(ownJson), fixedValue);
    return new JsonText(last.parts[0] + ownJson + last.parts[1]);
  };
}
