/**
 * readBody: JSON nested deeper than the limit is refused before it is parsed (a hostile body cost
 * a parse, a validation and Prism's log-line stringify), brackets inside strings do not count, and
 * bodies up to the limit still parse.
 */
import { describe, expect, it, vi } from 'vitest';
import { MAX_DEPTH, nestedTooDeep, readBody } from '../../../src/mock/prism/request-body.js';

const JSON_TYPE = 'application/json';
const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}1${close.repeat(depth)}`;

describe('JSON nested too deep', () => {
  it.each([
    ['arrays', '[', ']'],
    ['objects', '{"a":', '}'],
  ])('%s one level over the limit: refused, naming the limit and where', (_, open, close) => {
    const text = nested(MAX_DEPTH + 1, open, close);
    const at = open.length * MAX_DEPTH + 1;
    expect(readBody(Buffer.from(text), JSON_TYPE)).toEqual({ ok: false, reason: `body: JSON nested deeper than ${MAX_DEPTH} levels (at character ${at})` });
  });

  it('at the limit: parsed', () => {
    expect(readBody(Buffer.from(nested(MAX_DEPTH)), JSON_TYPE)).toEqual({ ok: true, value: JSON.parse(nested(MAX_DEPTH)) });
  });

  it('100,000 deep under a documented field, also for a +json type: refused without parsing it', () => {
    // Two objects, then the arrays from character 24: the 63rd array is the 65th level.
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const result = readBody(Buffer.from(`{"parameters":{"hosts":${nested(100_000)}}}`), 'application/problem+json');
      expect(result).toEqual({ ok: false, reason: `body: JSON nested deeper than ${MAX_DEPTH} levels (at character ${24 + MAX_DEPTH - 2})` });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('brackets inside strings, escaped quotes included, do not count', () => {
    const text = JSON.stringify({ action: `"${'['.repeat(1_000)}\\"{`, list: [[['x']]] });
    expect(nestedTooDeep(text)).toBeUndefined();
    expect(readBody(Buffer.from(text), JSON_TYPE)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('closing brackets before any opening one buy no depth: the opening ones after them are still counted', () => {
    const text = `${']}'.repeat(10_000)}${'['.repeat(MAX_DEPTH + 1)}`;
    expect(nestedTooDeep(text)).toBe(20_000 + MAX_DEPTH + 1);
  });

  it('closing brackets bring the depth back: many shallow siblings pass', () => {
    const text = `[${Array.from({ length: 1_000 }, () => nested(MAX_DEPTH - 1)).join(',')}]`;
    expect(nestedTooDeep(text)).toBeUndefined();
  });

  it('a body that is not JSON is not scanned: text stays text', () => {
    expect(readBody(Buffer.from(nested(1_000)), 'text/plain')).toEqual({ ok: true, value: nested(1_000) });
  });

  it('malformed JSON that is not too deep still gets the parser message', () => {
    const result = readBody(Buffer.from('{"action": [1, }'), JSON_TYPE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^body: malformed JSON \(/);
  });
});
