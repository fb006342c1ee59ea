/**
 * Prism's reading of Prefer, remembered: the same reading as Prism's for each header and query
 * (bad values included), Prism asked once per distinct combination, and a bounded memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rememberPreferences } from '../../src/mock/prefer.js';
import { loadPrism, type PrismInput, type PrismLibrary } from '../../src/mock/prism-library.js';

let prism: PrismLibrary;
beforeAll(() => {
  prism = loadPrism();
});

function input(prefer: string | undefined, query: Record<string, string | string[]> = {}): PrismInput {
  return { method: 'get', url: { path: '/v2/p/x', query }, headers: { 'x-auth-token': 't', ...(prefer !== undefined && { prefer }) } };
}

const shown = (reading: ReturnType<PrismLibrary['preferences']>) =>
  reading._tag === 'Right' ? JSON.stringify(reading.right) : `${reading.left.name} ${(reading.left as { detail?: string }).detail}`;

describe('rememberPreferences', () => {
  const cases: PrismInput[] = [
    input(undefined),
    input(''),
    input('code=404'),
    input('code=4040'),
    input('code=abc'),
    input('example=NotFound'),
    input('code=400, example=BadRequest'),
    input('dynamic=true'),
    input('dynamic=maybe'),
    input('return=minimal'),
    input(undefined, { __code: '404' }),
    input(undefined, { __code: ['404', '500'] }),
    input(undefined, { __example: 'NotFound', other: '1' }),
    input(undefined, { __dynamic: 'yes' }),
    input('code=500', { __code: '404' }),
  ];

  it("reads each as Prism does (bad values included), twice in a row", () => {
    const read = rememberPreferences(prism);
    for (const request of [...cases, ...cases]) expect([request.headers, request.url.query, shown(read(request))]).toEqual([request.headers, request.url.query, shown(prism.preferences(request))]);
  });

  it('asks Prism once per distinct header and query, whatever else the request holds', () => {
    let calls = 0;
    const read = rememberPreferences({ ...prism, preferences: (request) => (calls++, prism.preferences(request)) });
    for (let i = 0; i < 3; i++) for (const request of cases) read({ ...request, url: { ...request.url, path: `/v2/p/${i}` } });
    expect(calls).toBe(cases.length);
  });

  it('reads a header longer than 1 KiB every time, and forgets the oldest beyond 500', () => {
    let calls = 0;
    const read = rememberPreferences({ ...prism, preferences: (request) => (calls++, prism.preferences(request)) });
    const long = input(`example=${'x'.repeat(1100)}`);
    read(long);
    read(long);
    expect(calls).toBe(2);
    read(input('code=200'));
    for (let i = 0; i < 500; i++) read(input(`example=E${i}`));
    read(input('code=200'));
    expect(calls).toBe(2 + 1 + 500 + 1);
  });
});
