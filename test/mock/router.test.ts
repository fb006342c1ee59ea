/**
 * The remembering router: the same answer as Prism's own router for each method and path, Prism
 * asked once per method and path, and a bounded memory (hostile paths cannot grow it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT } from '../../src/mock/document.js';
import { loadPrism, type Operation, type PrismInput, type PrismLibrary } from '../../src/mock/prism-library.js';
import { createRouter } from '../../src/mock/router.js';

const ENGINE = '/v2/2a473356cca5487f8373be891bffc1cf/enginemgr/engines/4a1bc63d-4719-4bd3-b1ad-5ee590b05e87/actions';

let prism: PrismLibrary;
let operations: Operation[];
beforeAll(async () => {
  prism = loadPrism();
  operations = await prism.operations(DEFAULT_DOCUMENT);
});

function input(method: string, path: string): PrismInput {
  return { method: method as PrismInput['method'], url: { path, query: {} }, headers: {} };
}

/** Prism's library with its router counted. */
function counted(): { library: PrismLibrary; calls: string[] } {
  const calls: string[] = [];
  const library = { ...prism, route: (ops: Operation[], request: PrismInput) => (calls.push(`${request.method} ${request.url.path}`), prism.route(ops, request)) };
  return { library, calls };
}

describe('createRouter', () => {
  it("answers as Prism's router does: the operation, 404 for no path, 405 for the wrong method, the slash rule", () => {
    const route = createRouter(prism, operations);
    for (const request of [input('put', ENGINE), input('put', '/v2/nothing'), input('get', ENGINE), input('put', 'v2/no-slash')]) {
      const ours = route(request);
      const prisms = prism.route(operations, request);
      expect(ours._tag).toBe(prisms._tag);
      if (ours._tag === 'Right' && prisms._tag === 'Right') expect(ours.right.id).toBe(prisms.right.id);
      if (ours._tag === 'Left' && prisms._tag === 'Left') expect([ours.left.name, ours.left.message]).toEqual([prisms.left.name, prisms.left.message]);
    }
  });

  it("answers as Prism's router given every operation, for each operation's path and odd variants of it, by every method", () => {
    const route = createRouter(prism, operations);
    const paths = new Set(['', '/', '//', '/v2', 'v2', '/%2F', '/v2/nothing/at/all']);
    for (const operation of operations) {
      const filled = operation.path.replace(/\{[^}]+\}/g, 'v1');
      for (const path of [filled, `${filled}/`, filled.replace('/', '//'), filled.replace(/v1/, 'a%2Fb'), filled.replace(/v1/, ''), filled.slice(1), `${filled}/extra`, filled.replace(/\/[^/]+$/, '')]) paths.add(path);
    }
    let compared = 0;
    for (const path of paths) {
      for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
        const ours = route(input(method, path));
        const prisms = prism.route(operations, input(method, path));
        const shown = (r: typeof ours) => (r._tag === 'Right' ? r.right.id : `${r.left.name} ${r.left.message}`);
        expect(`${method} ${path} → ${shown(ours)}`).toBe(`${method} ${path} → ${shown(prisms)}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('asks Prism once per method and path, and keeps methods apart', () => {
    const { library, calls } = counted();
    const route = createRouter(library, operations);
    for (let i = 0; i < 3; i++) {
      expect(route(input('put', ENGINE))._tag).toBe('Right');
      expect(route(input('post', ENGINE))._tag).toBe('Left');
    }
    expect(calls).toEqual([`put ${ENGINE}`, `post ${ENGINE}`]);
  });

  it('forgets the oldest path beyond 500, and never remembers a path longer than 1024 characters', () => {
    const { library, calls } = counted();
    const route = createRouter(library, operations);
    route(input('put', ENGINE));
    for (let i = 0; i < 500; i++) route(input('put', `/v2/${i}`));
    route(input('put', ENGINE));
    expect(calls.filter((call) => call === `put ${ENGINE}`)).toHaveLength(2);

    const long = `/v2/${'a'.repeat(1100)}`;
    route(input('put', long));
    route(input('put', long));
    expect(calls.filter((call) => call === `put ${long}`)).toHaveLength(2);
  });
});
