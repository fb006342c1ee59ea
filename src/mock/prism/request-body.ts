import { MIMEType } from 'node:util';

/**
 * The body as Prism's validator takes it: parsed JSON for a JSON media type, text otherwise, as
 * Prism's own server does; or the reason it cannot be read, phrased "where: why".
 */
export type ReadBody = { ok: true; value: unknown } | { ok: false; reason: string };

export function readBody(bytes: Buffer | undefined, contentType: string | undefined): ReadBody {
  if (!bytes || bytes.length === 0) return { ok: true, value: undefined };
  const type = mediaType(contentType);
  let text: string;
  try {
    text = new TextDecoder(type?.params.get('charset') ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const charset = type?.params.get('charset') ?? 'utf-8';
    return { ok: false, reason: error instanceof RangeError ? `header.content-type: unknown charset '${charset}'` : `body: not valid ${charset}` };
  }
  if (!type || !(type.essence === 'application/json' || type.subtype.endsWith('+json'))) return { ok: true, value: text };
  const tooDeep = nestedTooDeep(text);
  if (tooDeep !== undefined) return { ok: false, reason: `body: JSON nested deeper than ${MAX_DEPTH} levels (at character ${tooDeep})` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `body: malformed JSON (${(error as Error).message})` };
  }
}

/**
 * How deep a JSON body may nest. The documented bodies are a few levels deep; a body nested
 * thousands deep can only be an attack or a bug, and parsing it, validating it and the
 * `JSON.stringify` Prism's mocker does of every body (for a log line, even with logging off) cost
 * milliseconds each. Refused before any of that.
 */
export const MAX_DEPTH = 64;

/**
 * Where (the 1-based character) `text` opens its `MAX_DEPTH + 1`th nested array or object, or
 * undefined when it never nests that deep. Brackets inside strings do not count. One pass that stops
 * at the first bracket too deep, so a hostile body costs little; malformed JSON is left to `JSON.parse`.
 */
export function nestedTooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i + 1;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--; // a close before any open buys no depth
  }
  return undefined;
}

/** Node's WHATWG MIME type parser; undefined for a value that is no media type (Prism then says why). */
function mediaType(value: string | undefined): MIMEType | undefined {
  try {
    return value === undefined ? undefined : new MIMEType(value);
  } catch {
    return undefined;
  }
}
