/** The documented examples the simulated bodies are built from, and the path's parameters, read from Prism's operations. */
import type { Operation } from '../prism/library.js';

type Json = Record<string, any>; // documented examples: the spec's tests check their shapes

/** The JSON example `name` (the first when none is named) under status `code` of the operation; undefined when there is none. Builders copy what they change. */
export function documented(operation: Operation, code: string, name?: string): Json | undefined {
  const examples = (operation.responses.find((r) => r.code === code)?.contents ?? []).flatMap((c) => c.examples ?? []);
  const found = name === undefined ? examples[0] : examples.find((e) => e.key === name);
  return found && 'value' in found && typeof found.value === 'object' && found.value !== null ? (found.value as Json) : undefined;
}

/** The JSON example `name` under status `code` of the operation, or `{}` when there is none. */
export function example(operation: Operation, code: string, name: string): Json {
  return documented(operation, code, name) ?? {};
}

/** Path parameters by the operation's template (Prism has checked them against their patterns). */
export function pathParameters(operation: Operation, path: string): Record<string, string> {
  const values = path.split('/');
  const found: Record<string, string> = {};
  operation.path.split('/').forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name !== undefined && values[i] !== undefined) found[name] = decoded(values[i]!);
  });
  return found;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
