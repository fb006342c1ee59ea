/** Argument checks for JavaScript callers, whose mistakes the types cannot catch. */

/** A short description of a bad value for an error message. Never pass it a secret. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
}

/** The value, if it is a non-empty string; otherwise a TypeError naming `where`. */
export function nonEmpty(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${where} must be a non-empty string (got ${shown(value)})`);
  }
  return value;
}

/** The value, if it is undefined or a non-empty string. */
export function optionalNonEmpty(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : nonEmpty(value, where);
}

/** The value, if it is undefined or a whole number from 1 to 2^53-1 (attempts, bytes). */
export function optionalCount(value: unknown, where: string): number | undefined {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0)) {
    throw new TypeError(`${where} must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER} (got ${shown(value)})`);
  }
  return value as number | undefined;
}

/** The longest delay a timer can take: beyond it Node and browsers fire at once (a 32-bit overflow). */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The value, if it is undefined or a number of milliseconds a timer can honour: 1 to 2^31-1 (timers
 * have no finer grain, and overflow beyond). NaN, Infinity, 0, negative and fractional values below
 * 1 are refused, so no wait becomes a busy loop and no timeout fires at once.
 */
export function optionalDelay(value: unknown, where: string): number | undefined {
  if (value !== undefined && !(typeof value === 'number' && value >= 1 && value <= MAX_DELAY_MS)) {
    throw new TypeError(`${where} must be a number of milliseconds from 1 to ${MAX_DELAY_MS} (about 24.8 days; got ${shown(value)})`);
  }
  return value;
}

/**
 * A delay the client computed (a jittered interval, a backoff, a Retry-After), as a timer takes it:
 * at most 2^31-1 ms, where setTimeout would otherwise fire after 1 ms. Every timer the client sets
 * goes through this; NaN or a negative delay would be a bug here, not a reason to poll at once.
 */
export function timerDelay(ms: number): number {
  if (!(ms >= 0)) throw new RangeError(`a delay of ${ms} ms cannot be waited`);
  return Math.min(ms, MAX_DELAY_MS);
}

/** Characters a path segment may not hold: separators, and C0/DEL/C1 control characters. */
const NOT_IN_SEGMENT = /[/\\\u0000-\u001f\u007f-\u009f]|[\ud800-\udfff]/u;

/**
 * The value, if it can be sent as exactly one path segment: a non-empty string other than `.` and
 * `..` (URL parsing resolves those, which would move the request to another resource) without `/`,
 * `\`, control characters or unpaired surrogates. Anything else it holds (spaces, `%`, `?`, `#`,
 * non-ASCII) is percent-encoded by openapi-fetch. The TypeError names `label` (`fn: argument`) and
 * describes the offending character by position rather than repeating the value.
 */
export function pathSegment(value: unknown, label: string): string {
  const id = nonEmpty(value, label);
  if (id === '.' || id === '..') throw new TypeError(`${label} must not be "${id}": a dot segment would change the path`);
  const bad = NOT_IN_SEGMENT.exec(id);
  if (bad) throw new TypeError(`${label} must be a single path segment, but has ${describe(bad[0])} at index ${bad.index}`);
  return id;
}

/** Characters fetch refuses in a header value (or that would end it early): controls, and above U+00FF. */
const NOT_IN_HEADER = /[\u0000-\u001f\u007f-\u009f]|[^\u0000-\u00ff]/u;

/**
 * The value, if it is a non-empty string that fetch sends as a header value unchanged: no control
 * characters (a trailing newline read from a file, say), nothing beyond Latin-1, no surrounding
 * spaces (fetch would trim them off). The TypeError names `label` and never contains the value,
 * since header-bound options are mostly credentials.
 */
export function headerValue(value: unknown, label: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${label} must be a non-empty string (got ${typeof value === 'string' ? 'an empty string' : typeof value})`);
  }
  const bad = NOT_IN_HEADER.exec(value);
  if (bad) {
    throw new TypeError(`${label} cannot be sent in an HTTP header: it has ${describe(bad[0])} at index ${bad.index}`);
  }
  if (/^ | $/.test(value)) throw new TypeError(`${label} cannot be sent in an HTTP header: it starts or ends with white space`);
  return value;
}

/** The value, if it is undefined or a valid header value. */
export function optionalHeaderValue(value: unknown, label: string): string | undefined {
  return value === undefined ? undefined : headerValue(value, label);
}

function describe(char: string): string {
  if (char === '/' || char === '\\') return `"${char}"`;
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `an unpaired surrogate ${hex}`;
  return code > 0xff ? `the non-Latin-1 character ${hex}` : `the control character ${hex}`;
}

/** A plain JSON object (not null, not an array): what bodies, handles and options must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The arguments object of an operation function. */
export function argsOf<T>(args: T, fn: string): T {
  if (typeof args !== 'object' || args === null) throw new TypeError(`${fn}: expects an object of arguments`);
  return args;
}
