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
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `body: malformed JSON (${(error as Error).message})` };
  }
}

/** Node's WHATWG MIME type parser; undefined for a value that is no media type (Prism then says why). */
function mediaType(value: string | undefined): MIMEType | undefined {
  try {
    return value === undefined ? undefined : new MIMEType(value);
  } catch {
    return undefined;
  }
}
