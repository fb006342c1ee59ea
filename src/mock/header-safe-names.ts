import type { Violation } from './violations.js';

/**
 * Prism 5.14.2 copies unknown property names into its `sl-violations` response header
 * ("must NOT have additional properties; found '动作'"). A name with a character that an HTTP
 * header cannot carry (anything outside printable ASCII here, to be safe) makes Node throw inside
 * Prism, and Prism exits. So such names are sent to Prism JSON-escaped (`动作` → `\u52a8\u4f5c`,
 * plain ASCII), and restored in the violations Prism reports. The schemas here name every
 * property in ASCII, so an escaped name is never one Prism would accept.
 */
export interface EscapedBody {
  body: Buffer | undefined;
  /** Escaped name → name as sent; empty when the body was left as it was. */
  names: Map<string, string>;
}

const UNSAFE = /[^\x20-\x7e]/;

export function escapeUnsafeNames(body: Buffer | undefined): EscapedBody {
  const names = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    return { body, names };
  }
  const escaped = escapeKeys(parsed, names);
  return names.size === 0 ? { body, names } : { body: Buffer.from(JSON.stringify(escaped)), names };
}

export function restoreNames(violation: Violation, names: Map<string, string>): Violation {
  if (names.size === 0) return violation;
  let message = violation.message;
  for (const [escaped, name] of names) message = message.split(`'${escaped}'`).join(`'${name}'`);
  return { ...violation, message, location: violation.location.map((step) => names.get(step) ?? step) };
}

function escapeKeys(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => escapeKeys(item, names));
  if (typeof value !== 'object' || value === null) return value;
  // Object.fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (!UNSAFE.test(key)) return [key, escapeKeys(item, names)];
      const safe = JSON.stringify(key).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      names.set(safe, key);
      return [safe, escapeKeys(item, names)];
    }),
  );
}
