/**
 * findCulprit: when Prism throws on a request, the part it could not read is named, and Prism is
 * asked again a bounded number of times however many headers the request carries (each ask is a
 * whole Prism request: 2,000 headers made one request cost 2,000).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findCulprit, MAX_PROBES } from '../../../src/mock/prism/culprit.js';
import { DEFAULT_DOCUMENT } from '../../../src/mock/launch.js';
import { loadPrism, type Operation, type PrismInput, type PrismLibrary } from '../../../src/mock/prism/library.js';

const ENGINE = '/v2/2a473356cca5487f8373be891bffc1cf/enginemgr/engines/4a1bc63d-4719-4bd3-b1ad-5ee590b05e87/actions';

let prism: PrismLibrary;
let retryEngine: Operation;
beforeAll(async () => {
  prism = loadPrism();
  retryEngine = (await prism.operations(DEFAULT_DOCUMENT)).find((o) => o.iid === 'RetryEngine')!;
});

/** A RetryEngine request with `padding` headers that no operation declares, sent before the others. */
function request(headers: Record<string, string>, padding: number): PrismInput {
  const pad = Object.fromEntries(Array.from({ length: padding }, (_, i) => [`x-pad-${i}`, 'v']));
  return {
    method: 'put',
    url: { path: ENGINE, query: {} },
    headers: { ...pad, 'x-auth-token': 'secret-token-value', 'content-type': 'application/json', 'content-length': '18', ...headers },
    body: { action: 'Retry' },
  };
}

/** Prism's library with its request() counted; `always` makes every call throw. */
function counted(always?: Error): { library: PrismLibrary; calls: () => number } {
  let calls = 0;
  const library: PrismLibrary = {
    ...prism,
    request: (operation, input, mock) => {
      calls++;
      if (always) throw always;
      return prism.request(operation, input, mock);
    },
  };
  return { library, calls: () => calls };
}

async function thrown(input: PrismInput): Promise<unknown> {
  try {
    await prism.request(retryEngine, input, { dynamic: false });
  } catch (error) {
    return error;
  }
  throw new Error('Prism read the request: the case no longer makes it throw');
}

describe('findCulprit', () => {
  it('names an unreadable Accept behind 1,500 headers Prism does not read, asking Prism only about the headers it reads', async () => {
    const input = request({ accept: 'foo' }, 1_500);
    const { library, calls } = counted();
    const found = await findCulprit(library, retryEngine, input, { dynamic: false }, await thrown(input));
    expect(found.reasons).toEqual([expect.stringMatching(/^header\.accept: 'foo' cannot be read \(/)]);
    expect(calls()).toBe(2); // without Content-Type (still unreadable), then without Accept
  });

  it(`asks Prism at most ${MAX_PROBES} times when no part clears it, and says the request cannot be read`, async () => {
    const { library, calls } = counted(new Error('still unreadable'));
    const found = await findCulprit(library, retryEngine, request({}, 2_000), { dynamic: false }, new Error('first failure'));
    expect(found.reasons).toEqual(['request: cannot be read (first failure)']);
    expect(found.input.body).toBeUndefined();
    expect(calls()).toBe(MAX_PROBES);
  });

  it('never repeats a credential it names', async () => {
    const input = request({}, 3);
    const failing = { ...prism, request: (op: Operation, i: PrismInput, m: Parameters<PrismLibrary['request']>[2]) => ('x-auth-token' in (i.headers ?? {}) ? Promise.reject(new Error('bad token')) : prism.request(op, i, m)) };
    const found = await findCulprit(failing, retryEngine, input, { dynamic: false }, new Error('bad token'));
    expect(found.reasons).toEqual(['header.x-auth-token: cannot be read (bad token)']);
    expect(JSON.stringify(found.reasons)).not.toContain('secret-token-value');
  });
});
