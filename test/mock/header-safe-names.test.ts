/** Property names Prism would copy into a header it cannot send: escaped on the way in, restored on the way out. */
import { describe, expect, it } from 'vitest';
import { escapeUnsafeNames, restoreNames } from '../../src/mock/header-safe-names.js';

describe('escapeUnsafeNames', () => {
  it('leaves a body with printable ASCII names byte for byte', () => {
    const body = Buffer.from('{"action": "Retry", "n": 1.50}');
    expect(escapeUnsafeNames(body)).toEqual({ body, names: new Map() });
  });

  it('leaves a body that is not JSON alone', () => {
    const body = Buffer.from('{"动作": ');
    expect(escapeUnsafeNames(body).body).toBe(body);
  });

  it('JSON-escapes names outside printable ASCII, at any depth, and remembers them', () => {
    const { body, names } = escapeUnsafeNames(Buffer.from(JSON.stringify({ 动作: 1, parameters: { 'a\u0000b': [{ '😀': 2 }] } })));
    expect(JSON.parse(body!.toString())).toEqual({ '\\u52a8\\u4f5c': 1, parameters: { 'a\\u0000b': [{ '\\ud83d\\ude00': 2 }] } });
    expect([...names.values()]).toEqual(['动作', 'a\u0000b', '😀']);
    expect(body!.toString()).toMatch(/^[\x20-\x7e]*$/);
  });

  it('keeps a "__proto__" key a plain key', () => {
    const { body } = escapeUnsafeNames(Buffer.from('{"__proto__": {"x": 1}, "é": 1}'));
    expect(body!.toString()).toContain('"__proto__":{"x":1}');
  });
});

describe('restoreNames', () => {
  it('puts the names as sent back into messages and locations', () => {
    const names = new Map([['\\u52a8\\u4f5c', '动作']]);
    const violation = { location: ['request', 'body', '\\u52a8\\u4f5c'], severity: 'Error', code: 'additionalProperties', message: "Request body must NOT have additional properties; found '\\u52a8\\u4f5c'" };
    expect(restoreNames(violation, names)).toEqual({ ...violation, location: ['request', 'body', '动作'], message: "Request body must NOT have additional properties; found '动作'" });
  });
});
