/**
 * Keeps credentials out of errors. A client knows its own token, AK, SK and security token, and
 * every string it puts into an error goes through its redactor first: a gateway or proxy may echo
 * request headers into an error page, and a custom fetch may throw with the request in its message.
 */

export type Redact = (text: string) => string;

export const REDACTED = '[REDACTED]';

/** Below this length a "secret" (say the mock's `{ token: 't' }`) also occurs inside ordinary words. */
const SHORT = 8;

/**
 * A function that replaces every occurrence of any of `secrets` with `[REDACTED]`. Secrets shorter
 * than 8 characters are replaced where they stand alone (not inside a longer run of letters and
 * digits), so a placeholder token cannot garble every message; real tokens, AKs and SKs are longer.
 */
export function redactor(secrets: readonly (string | undefined)[]): Redact {
  // Longest first, so a secret that contains another is replaced whole.
  const known = secrets.filter((s): s is string => !!s).sort((a, b) => b.length - a.length);
  const patterns = known.map((secret) => {
    const literal = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(secret.length < SHORT ? `(?<![A-Za-z0-9])${literal}(?![A-Za-z0-9])` : literal, 'g');
  });
  return (text) => patterns.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

/** A JSON value with every string (keys included) redacted. */
export function redactJson(value: unknown, redact: Redact): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const clean = redact(text);
  return clean === text ? value : JSON.parse(clean);
}

const COPIED = ['code', 'errno', 'syscall', 'address', 'port'] as const;
const MAX_DEPTH = 8;

/**
 * A redacted copy of a thrown value, to use as an error's `cause`. Only the name, message, stack,
 * the usual system-error fields and the cause chain are kept: anything else attached to the
 * original (a Request, its headers, a config object) is left behind.
 */
export function sanitized(thrown: unknown, redact: Redact, depth = 0): Error {
  if (!(thrown instanceof Error)) return new Error(redact(String(thrown)));
  const deeper = depth < MAX_DEPTH;
  const cause = deeper && thrown.cause !== undefined ? sanitized(thrown.cause, redact, depth + 1) : undefined;
  const copy = new Error(redact(thrown.message), cause && { cause }) as Error & Record<string, unknown>;
  copy.name = thrown.name;
  copy.stack = thrown.stack === undefined ? undefined : redact(thrown.stack);
  const source = thrown as Error & Record<string, unknown>;
  for (const key of COPIED) {
    const value = source[key];
    if (typeof value === 'string') copy[key] = redact(value);
    else if (typeof value === 'number') copy[key] = value;
  }
  if (deeper && thrown instanceof AggregateError) {
    copy.errors = thrown.errors.map((e: unknown) => sanitized(e, redact, depth + 1));
  }
  return copy;
}
