/**
 * Prism's answers remembered per identical request: Prism asked once for a request sent again,
 * again for any byte it sees that differs, never for a document with callbacks, a bounded memory,
 * and a remembered answer nobody can change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT } from '../../src/mock/document.js';
import { loadPrism, type MockConfig, type Operation, type PrismInput, type PrismLibrary } from '../../src/mock/prism-library.js';
import { rememberAnswers } from '../../src/mock/remembered-answers.js';

const ENGINE = '/v2/2a473356cca5487f8373be891bffc1cf/enginemgr/engines/4a1bc63d-4719-4bd3-b1ad-5ee590b05e87/actions';
const STATIC: MockConfig = { dynamic: false };

let prism: PrismLibrary;
let operations: Operation[];
let retryEngine: Operation;
beforeAll(async () => {
  prism = loadPrism();
  operations = await prism.operations(DEFAULT_DOCUMENT);
  retryEngine = operations.find((o) => o.iid === 'RetryEngine')!;
});

function counted(): { library: PrismLibrary; calls: () => number } {
  let calls = 0;
  return { library: { ...prism, request: (...args) => (calls++, prism.request(...args)) }, calls: () => calls };
}

/** A RetryEngine request as answer.ts gives it to Prism: the parsed body, and its bytes. */
function request(body: string, headers: Record<string, string> = {}, query: Record<string, string> = {}): [PrismInput, Buffer] {
  const bytes = Buffer.from(body);
  const input: PrismInput = {
    method: 'put',
    url: { path: ENGINE, query },
    headers: { 'x-auth-token': 't', 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers },
    body: JSON.parse(body),
  };
  return [input, bytes];
}

describe('rememberAnswers', () => {
  it('asks Prism once for a request sent again, and answers it the same', async () => {
    const { library, calls } = counted();
    const ask = rememberAnswers(library, operations);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ask(retryEngine, ...withConfig(request('{"action":"Retry"}'))));
    expect(calls()).toBe(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ _tag: 'Right', right: { output: { statusCode: 200 } } });
  });

  it('asks Prism again when anything it sees differs: a body byte, a header, the query, the Prefer choice', async () => {
    const { library, calls } = counted();
    const ask = rememberAnswers(library, operations);
    const variants: [PrismInput, MockConfig, Buffer][] = [
      withConfig(request('{"action":"Retry"}')),
      withConfig(request('{"action": "Retry"}')),
      withConfig(request('{"action":"Restart"}')),
      withConfig(request('{"action":"Retry"}', { 'x-auth-token': 'u' })),
      withConfig(request('{"action":"Retry"}', { 'x-enterprise-project-id': 'not valid!' })),
      withConfig(request('{"action":"Retry"}', {}, { a: '1' })),
      [request('{"action":"Retry"}')[0], { dynamic: false, code: 400 }, request('{"action":"Retry"}')[1]],
    ];
    const statuses = [];
    for (const [input, config, bytes] of variants) {
      const answer = await ask(retryEngine, input, config, bytes);
      statuses.push(answer._tag === 'Right' ? answer.right.output.statusCode : answer._tag);
    }
    expect(calls()).toBe(variants.length);
    expect(statuses).toEqual([200, 200, 400, 200, 400, 200, 400]);
  });

  it('gives out answers that cannot be changed, so what runs after Prism cannot alter the next one', async () => {
    const ask = rememberAnswers(prism, operations);
    await ask(retryEngine, ...withConfig(request('{"action":"Retry"}')));
    const again = await ask(retryEngine, ...withConfig(request('{"action":"Retry"}')));
    if (again._tag !== 'Right') throw new Error('expected an answer');
    const body = again.right.output.body as Record<string, unknown>;
    expect(() => {
      body['jobId'] = 1;
    }).toThrow(TypeError);
    expect(Object.isFrozen(again.right.output.headers)).toBe(true);
  });

  it('keeps at most 500 answers, and none for a request over 16 KiB (body or headers)', async () => {
    const { library, calls } = counted();
    const ask = rememberAnswers(library, operations);
    for (let i = 0; i < 501; i++) await ask(retryEngine, ...withConfig(request('{"action":"Retry"}', {}, { i: String(i) })));
    await ask(retryEngine, ...withConfig(request('{"action":"Retry"}', {}, { i: '0' }))); // the oldest: forgotten
    await ask(retryEngine, ...withConfig(request('{"action":"Retry"}', {}, { i: '500' }))); // the newest: remembered
    expect(calls()).toBe(502);
    const big = `{"action":"Retry","pad":"${'x'.repeat(17 * 1024)}"}`;
    await ask(retryEngine, ...withConfig(request(big)));
    await ask(retryEngine, ...withConfig(request(big)));
    expect(calls()).toBe(504);
    // Headers count too: a small body with 17 KiB of headers is not kept either.
    const padded = Object.fromEntries(Array.from({ length: 170 }, (_, i) => [`x-pad-${i}`, 'v'.repeat(100)]));
    await ask(retryEngine, ...withConfig(request('{"action":"Retry"}', padded)));
    await ask(retryEngine, ...withConfig(request('{"action":"Retry"}', padded)));
    expect(calls()).toBe(506);
  });

  it('remembers nothing for a document with callbacks (Prism calls them back on every answer)', async () => {
    const { library, calls } = counted();
    const withCallback = { ...retryEngine, callbacks: [{ ...retryEngine, callbackName: 'onDone', id: 'cb', method: 'post' as const, path: '{$request.body#/url}' }] } as unknown as Operation;
    const ask = rememberAnswers(library, [withCallback]);
    await ask(withCallback, ...withConfig(request('{"action":"Retry"}')));
    await ask(withCallback, ...withConfig(request('{"action":"Retry"}')));
    expect(calls()).toBe(2);
  });
});

function withConfig([input, bytes]: [PrismInput, Buffer]): [PrismInput, MockConfig, Buffer] {
  return [input, STATIC, bytes];
}
