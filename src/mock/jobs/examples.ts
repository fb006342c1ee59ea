/** The documented examples the simulated bodies are built from, read from Prism's operations. */
import { deepFreeze } from '../frozen.js';
import type { Operation } from '../prism-library.js';

type Json = Record<string, any>; // documented examples: the spec's tests check their shapes

const cache = new WeakMap<Operation, Map<string, Json | undefined>>();

/**
 * A JSON example documented under status `code` (the one `name` chooses, or the first), read once per
 * operation and deeply frozen: the status operations read them on every poll, so they are not copied,
 * and builders copy what they change.
 */
function documented(operation: Operation, code: string, name: string | undefined): Json | undefined {
  let seen = cache.get(operation);
  if (!seen) cache.set(operation, (seen = new Map()));
  const key = name === undefined ? code : `${code} ${name}`;
  if (!seen.has(key)) {
    const contents = operation.responses.find((r) => r.code === code)?.contents ?? [];
    const examples = contents.flatMap((c) => c.examples ?? []);
    const found = name === undefined ? examples[0] : examples.find((e) => e.key === name);
    seen.set(key, found && 'value' in found && typeof found.value === 'object' && found.value !== null ? deepFreeze(structuredClone(found.value as Json)) : undefined);
  }
  return seen.get(key);
}

/** The JSON example `name` under status `code` of the operation, or `{}` when there is none. */
export function example(operation: Operation, code: string, name: string): Json {
  return documented(operation, code, name) ?? EMPTY;
}

const EMPTY: Json = Object.freeze({});

/** Each operation's parameter places in its path template, and the last path read (frozen). */
const parameterPlaces = new WeakMap<Operation, { places: [number, string][]; path?: string; found?: Readonly<Record<string, string>> }>();

/**
 * Path parameters by the operation's template (Prism has checked them against their patterns).
 * The last path of each operation is remembered: a test suite, and a client polling one job, sends
 * the same path again and again.
 */
export function pathParameters(operation: Operation, path: string): Readonly<Record<string, string>> {
  let known = parameterPlaces.get(operation);
  if (!known) {
    const places = operation.path.split('/').flatMap((segment, i): [number, string][] => {
      const match = /^\{(.+)\}$/.exec(segment);
      return match ? [[i, match[1]!]] : [];
    });
    parameterPlaces.set(operation, (known = { places }));
  }
  if (known.path === path) return known.found!;
  // Walks to the segments it needs (in order) instead of splitting the whole path.
  const found: Record<string, string> = {};
  let segment = 0;
  let from = 0;
  for (const [i, name] of known.places) {
    for (; segment < i; segment++) {
      const slash = path.indexOf('/', from);
      if (slash < 0) return remember(known, path, found);
      from = slash + 1;
    }
    const end = path.indexOf('/', from);
    const value = end < 0 ? path.slice(from) : path.slice(from, end);
    found[name] = value.includes('%') ? safeDecode(value) : value;
  }
  return remember(known, path, found);
}

function remember(known: { path?: string; found?: Readonly<Record<string, string>> }, path: string, found: Record<string, string>): Readonly<Record<string, string>> {
  known.path = path;
  known.found = Object.freeze(found);
  return known.found;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The first example documented under status `code` (the operation's 400 or 404), or undefined; a client polling a job the mock has forgotten gets it on every poll. */
export function firstExample(operation: Operation, code: string): Readonly<Record<string, unknown>> | undefined {
  return documented(operation, code, undefined);
}
