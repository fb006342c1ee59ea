import type { Either, Operation, PrismInput, PrismLibrary, PrismProblem } from './library.js';

export type Route = (input: PrismInput) => Either<PrismProblem, Operation>;

/**
 * Prism's router, given only the operations whose path has as many segments as the request's:
 * Prism's `matchPath` rejects every other one (it compares the segments one by one, after checking
 * their number), so its answer is the same. A request no operation has the length of goes to Prism
 * with all of them, for Prism's own 404. Kept for the mock's requests per second under a test
 * suite's load (bench/README.md, "load"): Prism scoring all nine operations costs ~18% more CPU per request.
 */
export function createRouter(prism: PrismLibrary, operations: Operation[]): Route {
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
