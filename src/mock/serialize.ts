import { isDeeplyFrozen } from './frozen.js';

export type Serialize = (body: unknown, contentType: string | undefined) => string | undefined;

/** Content types of the answers (they come from the document and the mock, not from requests): bounded. */
const MAX_TYPES = 64;
const PROBE = { p: [1] };

/**
 * Prism's serialiser, with the same output for less work per answer: the text of a deeply frozen
 * body is kept (per content type), and for a content type Prism serialises as JSON (its serialiser
 * is `JSON.stringify` then), `JSON.stringify` is called directly instead of parsing the type again
 * for every answer (~1.6 µs). Which types those are is asked of Prism once per type.
 */
export function fastSerializer(serialize: Serialize): Serialize {
  const texts = new WeakMap<object, { contentType: string | undefined; text: string | undefined }>();
  const json = new Map<string, boolean>();
  const isJson = (contentType: string | undefined): boolean => {
    if (contentType === undefined) return false;
    let known = json.get(contentType);
    if (known === undefined) {
      try {
        known = serialize(PROBE, contentType) === JSON.stringify(PROBE);
      } catch {
        known = false;
      }
      if (json.size < MAX_TYPES) json.set(contentType, known);
    }
    return known;
  };
  const once = (body: unknown, contentType: string | undefined) => (isJson(contentType) && body !== undefined ? JSON.stringify(body) : serialize(body, contentType));
  return (body, contentType) => {
    if (!isDeeplyFrozen(body)) return once(body, contentType);
    const known = texts.get(body);
    if (known && known.contentType === contentType) return known.text;
    const text = once(body, contentType);
    texts.set(body, { contentType, text });
    return text;
  };
}
