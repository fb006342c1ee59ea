/**
 * Keeps credentials out of errors. A client knows its own token, AK, SK and security token, and
 * every string it puts into an error goes through its redactor first: a gateway or proxy may echo
 * request headers into an error page, and a custom fetch may throw with the request in its message.
 * An echo need not be verbatim: a JSON body writes `/` as `\/` or `\u002f`, a URL as `%2F`, an HTML
 * page as `&#47;`. The redactor finds a secret in any of those spellings, mixed and nested, and JSON
 * values are redacted after decoding as well (redactJson).
 */

export type Redact = (text: string) => string;

export const REDACTED = '[REDACTED]';

/** Below this length a "secret" (say the mock's `{ token: 't' }`) also occurs inside ordinary words. */
const SHORT = 8;

/**
 * A function that replaces every occurrence of any of `secrets` with `[REDACTED]`, in any spelling
 * (see `spellings`). Secrets shorter than 8 characters are replaced where they stand alone (not
 * inside a longer run of letters and digits), so a placeholder token cannot garble every message;
 * real tokens, AKs and SKs are longer.
 */
export function redactor(secrets: readonly (string | undefined)[]): Redact {
  // Longest first, so a secret that contains another is replaced whole.
  const known = secrets.filter((s): s is string => !!s).sort((a, b) => b.length - a.length);
  const patterns = known.map((secret) => {
    const spelled = secret.split('').map(spellings).join('');
    return new RegExp(secret.length < SHORT ? `(?<![A-Za-z0-9])${spelled}(?![A-Za-z0-9])` : spelled, 'g');
  });
  return (text) => patterns.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/** Hex digits of `n`, at least `width` of them, each letter in either case. */
const hex = (n: number, width: number) =>
  n.toString(16).padStart(width, '0').replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
const HTML_NAMES: Record<string, string> = { '"': 'quot', '&': 'amp', '<': 'lt', '>': 'gt', "'": 'apos', '/': 'sol' };

/**
 * A regular expression for one character of a secret, in each way a server may echo it: as it is;
 * JSON-escaped (`\u00XX` in either case, `\"`, `\\`, `\/`), also inside JSON text that was itself
 * put into a JSON string (so any run of backslashes); percent-encoded (its UTF-8 bytes, or its
 * Latin-1 byte; `+` for a space); and as an HTML character reference (decimal, hex or named).
 */
function spellings(char: string): string {
  const code = char.charCodeAt(0);
  const ways = [`\\\\+u${hex(code, 4)}`, `&#0*${code};`, `&#[xX]0*${hex(code, 1)};`];
  ways.unshift(char === '\\' ? '\\\\+' : '"/'.includes(char) ? `\\\\*${literal(char)}` : literal(char));
  if (code < 0xd800 || code > 0xdfff) {
    ways.push(Array.from(new TextEncoder().encode(char), (byte) => `%${hex(byte, 2)}`).join(''));
    if (code >= 0x80 && code <= 0xff) ways.push(`%${hex(code, 2)}`);
  }
  if (char === ' ') ways.push('\\+');
  if (HTML_NAMES[char]) ways.push(`&${HTML_NAMES[char]};`);
  return `(?:${ways.join('|')})`;
}

/** How deep a redacted JSON value may nest; deeper values are replaced (JSON.stringify would overflow). */
export const MAX_JSON_DEPTH = 64;
export const TOO_DEEP = '[NESTED TOO DEEP]';

/**
 * A JSON value with every string (keys included) redacted, walked value by value: a secret written
 * with JSON escapes (a `"` or `\` in it) is found as well, and a deeply nested body cannot overflow
 * the stack. Values nested deeper than MAX_JSON_DEPTH become `[NESTED TOO DEEP]`. Returns `value`
 * itself when nothing changed.
 */
export function redactJson(value: unknown, redact: Redact): unknown {
  let changed = false;
  const copyOf = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') {
      const clean = redact(item);
      changed ||= clean !== item;
      return clean;
    }
    if (typeof item !== 'object' || item === null) return item;
    if (depth > MAX_JSON_DEPTH) {
      changed = true;
      return TOO_DEEP;
    }
    const copy: Record<string, unknown> | unknown[] = Array.isArray(item) ? [] : {};
    work.push([item, copy, depth]);
    return copy;
  };
  const work: [object, Record<string, unknown> | unknown[], number][] = [];
  const root = copyOf(value, 0);
  for (let next = work.pop(); next; next = work.pop()) {
    const [from, to, depth] = next;
    for (const [key, item] of Object.entries(from)) {
      const name = redact(key);
      changed ||= name !== key;
      // defineProperty: a `__proto__` key from JSON.parse must stay a plain own property.
      Object.defineProperty(to, name, { value: copyOf(item, depth + 1), enumerable: true, writable: true, configurable: true });
    }
  }
  return changed ? root : value;
}

const COPIED = ['code', 'errno', 'syscall', 'address', 'port'] as const;
const MAX_DEPTH = 8;

/**
 * A redacted copy of a thrown value, to use as an error's `cause`. Only the name, message, stack,
 * the usual system-error fields and the cause chain are kept, every string redacted: anything else
 * attached to the original (a Request, its headers, a config object) is left behind.
 */
export function sanitized(thrown: unknown, redact: Redact, depth = 0): Error {
  try {
    return copied(thrown, redact, depth);
  } catch {
    return new Error('[an error whose fields could not be read]'); // a getter that throws
  }
}

function copied(thrown: unknown, redact: Redact, depth: number): Error {
  if (!(thrown instanceof Error)) return new Error(redact(text(thrown)));
  const deeper = depth < MAX_DEPTH;
  const cause = deeper && thrown.cause !== undefined ? sanitized(thrown.cause, redact, depth + 1) : undefined;
  const copy = new Error(redact(text(thrown.message)), cause && { cause }) as Error & Record<string, unknown>;
  // The name is the thrower's choice too (a custom fetch may build it from the request).
  copy.name = redact(text(thrown.name));
  copy.stack = thrown.stack === undefined ? undefined : redact(text(thrown.stack));
  const source = thrown as Error & Record<string, unknown>;
  for (const key of COPIED) {
    const value = source[key];
    if (typeof value === 'string') copy[key] = redact(value);
    else if (typeof value === 'number') copy[key] = value;
  }
  if (deeper && thrown instanceof AggregateError && Array.isArray(thrown.errors)) {
    copy.errors = thrown.errors.map((e: unknown) => sanitized(e, redact, depth + 1));
  }
  return copy;
}

/** String(value), or a placeholder when converting it throws (a hostile toString). */
function text(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[unprintable]';
  }
}
