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
  const route = narrowed(prism, operations);
  return (input) => {
    if (input.url.path.length > LONGEST_REMEMBERED_PATH) return route(input);
    const key = `${input.method} ${input.url.path}`;
    let routed = remembered.get(key);
    if (routed === undefined) {
      routed = route(input);
      remembered.set(key, routed);
    }
    return routed;
  };
}

/**
 * Prism's router, given only the operations whose path has as many segments as the request's:
 * Prism's `matchPath` rejects every other one (it compares the segments one by one, after checking
 * their number), so its answer is the same, for a fraction of the cost of scoring every operation
 * (a path not seen before cost ~70 µs with the nine paths of our bundle). A request no operation
 * has the length of goes to Prism with all of them, for Prism's own 404.
 */
function narrowed(prism: PrismLibrary, operations: Operation[]): Route {
  const bySegments = new Map<number, Operation[]>();
  for (const operation of operations) {
    const segments = segmentCount(operation.path);
    bySegments.set(segments, [...(bySegments.get(segments) ?? []), operation]);
  }
  return (input) => prism.route(bySegments.get(segmentCount(input.url.path)) ?? operations, input);
}

/** How many segments Prism's matchPath sees in a path (`path.split('/').slice(1)`). */
function segmentCount(path: string): number {
  let count = 0;
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) count++;
  return count;
}
