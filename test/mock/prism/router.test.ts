/** The narrowed router: the same answer as Prism's own router given every operation, for each method and path. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT } from '../../../src/mock/launch.js';
import { loadPrism, type Operation, type PrismInput, type PrismLibrary } from '../../../src/mock/prism/library.js';
import { createRouter } from '../../../src/mock/prism/router.js';

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
});
