/**
 * fastSerializer: the same text as Prism's serialiser for every body and content type, with a
 * deeply frozen body's text kept, and Prism asked once per content type whether it is JSON.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/mock/frozen.js';
import { loadPrism, type PrismLibrary } from '../../src/mock/prism-library.js';
import { fastSerializer, type Serialize } from '../../src/mock/serialize.js';

let prism: PrismLibrary;
beforeAll(() => {
  prism = loadPrism();
});

function counted(): { serialize: Serialize; calls: () => number } {
  let calls = 0;
  return { serialize: fastSerializer((body, type) => (calls++, prism.serialize(body, type))), calls: () => calls };
}

const outcome = (serialize: Serialize, body: unknown, type: string | undefined) => {
  try {
    return serialize(body, type);
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
};

describe('fastSerializer', () => {
  it("writes what Prism's serialiser writes, for JSON, XML, text and odd types and bodies", () => {
    const types = [undefined, 'application/json', 'application/json; charset=utf-8', 'application/problem+json', 'application/xml', 'text/plain', 'text/html', 'application/octet-stream', 'not a type'];
    const bodies = [undefined, '', 'text', 0, null, { a: [1, { b: 'é' }] }, deepFreeze({ frozen: true }), ['x']];
    const ours = fastSerializer(prism.serialize);
    for (const type of types) for (const body of bodies) expect([type, body, outcome(ours, body, type)]).toEqual([type, body, outcome(prism.serialize, body, type)]);
  });

  it('serialises a deeply frozen body once per content type', () => {
    const { serialize, calls } = counted();
    const body = deepFreeze({ a: [1, 2] });
    serialize(body, 'application/xml'); // one probe, one text
    serialize(body, 'application/xml');
    expect(calls()).toBe(2);
    expect(serialize(body, 'application/xml')).toBe(prism.serialize(body, 'application/xml'));
    expect(calls()).toBe(2);
  });

  it('asks Prism once per content type, and serialises JSON itself after that', () => {
    const { serialize, calls } = counted();
    for (let i = 0; i < 5; i++) expect(serialize({ i }, 'application/json')).toBe(`{"i":${i}}`);
    expect(calls()).toBe(1);
  });

  it('serialises every other body each time (it may have changed)', () => {
    const { serialize } = counted();
    const body: Record<string, unknown> = { a: 1 };
    const shallow = Object.freeze({ inner: { n: 1 } });
    expect(serialize(body, 'application/json')).toBe('{"a":1}');
    body['a'] = 2;
    expect(serialize(body, 'application/json')).toBe('{"a":2}');
    serialize(shallow, 'application/json');
    (shallow.inner as { n: number }).n = 2;
    expect(serialize(shallow, 'application/json')).toBe('{"inner":{"n":2}}');
  });
});
