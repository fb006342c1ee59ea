import { BoundedMap } from './bounded-map.js';
import type { Either, Operation, PrismInput, PrismLibrary, PrismProblem } from './prism-library.js';

/** How many routes are remembered; the oldest is forgotten first. */
const REMEMBERED = 500;
/** Longer paths are routed every time (a remembered path is kept as a key: its memory is bounded). */
const LONGEST_REMEMBERED_PATH = 1024;

export type Route = (input: PrismInput) => Either<PrismProblem, Operation>;

/**
 * Prism's router, remembering its answers. Prism's `route` depends only on the method and the
 * raw path (the mock gives Prism no `baseUrl`) and scores every operation each time, which cost
 * about as much as the rest of the mock's own work per request; test suites send the same few
 * paths over and over. Errors (no path, wrong method) are Prism's own objects, remembered too.
 */
export function createRouter(prism: PrismLibrary, operations: Operation[]): Route {
  const remembered = new BoundedMap<string, Either<PrismProblem, Operation>>(REMEMBERED);
  return (input) => {
    if (input.url.path.length > LONGEST_REMEMBERED_PATH) return prism.route(operations, input);
    const key = `${input.method} ${input.url.path}`;
    let routed = remembered.get(key);
    if (routed === undefined) {
      routed = prism.route(operations, input);
      remembered.set(key, routed);
    }
    return routed;
  };
}
