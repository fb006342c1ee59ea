/** What an error shows of itself, every way it can be printed or walked: for the tests that look for secrets in it. */
import { inspect } from 'node:util';

/** Every string reachable from `root`: own properties (hidden ones too), causes, members, at any depth. */
export function reachableStrings(root: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string') out.push(key);
      visit((value as Record<PropertyKey, unknown>)[key]);
    }
  };
  visit(root);
  return out;
}

/** The error's message, stack, String(), JSON.stringify(), util.inspect() (hidden fields, any depth) and every reachable string. */
export function printed(error: Error): string[] {
  return [error.message, String(error.stack), String(error), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true }), ...reachableStrings(error)];
}
