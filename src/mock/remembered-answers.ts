import { BoundedMap } from './bounded-map.js';
import { deepFreeze } from './frozen.js';
import type { MockConfig, Operation, PrismInput, PrismLibrary, PrismResult } from './prism-library.js';

/** How many answers are remembered; the oldest is forgotten first. */
const REMEMBERED = 500;
/** Requests whose key is longer (a big body, many headers) go to Prism every time: memory stays bounded. */
const LONGEST_KEY = 16 * 1024;

export type Ask = (operation: Operation, input: PrismInput, mock: MockConfig, rawBody: Buffer | undefined) => ReturnType<PrismLibrary['request']>;

/**
 * Prism's `request`, remembering its answers to identical requests. With examples only (the mock
 * refuses dynamic responses), Prism's answer depends on nothing but the request: the operation
 * (method and path), the query, the headers, the body's bytes and the `Prefer` choice. Prism's
 * request costs about 60% of the mock's CPU per request, and test suites send the same requests
 * over and over. A request that differs in any byte Prism sees is a new request. Not remembered:
 * Prism's errors and throws, bodies over the limit, and every request of a document with callbacks
 * (Prism makes the callback's HTTP request on each answer).
 *
 * A remembered answer is a frozen copy: what runs after Prism cannot change it for the next request.
 */
export function rememberAnswers(prism: PrismLibrary, operations: Operation[]): Ask {
  if (operations.some((operation) => (operation.callbacks?.length ?? 0) > 0)) {
    return (operation, input, mock) => prism.request(operation, input, mock);
  }
  const remembered = new BoundedMap<string, PrismResult>(REMEMBERED);
  return async (operation, input, mock, rawBody) => {
    const key = keyOf(operation, input, mock, rawBody);
    const known = key === undefined ? undefined : remembered.get(key);
    if (known) return { _tag: 'Right', right: known };
    const result = await prism.request(operation, input, mock);
    if (key !== undefined && result._tag === 'Right') {
      const copy = frozenCopy(result.right);
      if (copy) remembered.set(key, copy);
    }
    return result;
  };
}

function keyOf(operation: Operation, input: PrismInput, mock: MockConfig, rawBody: Buffer | undefined): string | undefined {
  if ((rawBody?.length ?? 0) > LONGEST_KEY) return undefined;
  const key = `${JSON.stringify([operation.id, mock, input.method, input.url.path, input.url.query, input.headers])}\n${rawBody?.toString('latin1') ?? ''}`;
  return key.length > LONGEST_KEY ? undefined : key;
}

/** A deeply frozen copy, or undefined when the answer holds something that cannot be copied. */
function frozenCopy(result: PrismResult): PrismResult | undefined {
  try {
    return deepFreeze(structuredClone(result));
  } catch {
    return undefined;
  }
}
