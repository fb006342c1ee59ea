import type { Either, MockConfig, Operation, PrismInput, PrismLibrary, PrismProblem } from './library.js';

type Reading = ReturnType<PrismLibrary['preferences']>;

/**
 * What the request asks for with `Prefer` (or Prism's `__code`/`__example` query parameters), from
 * Prism's reading of them (`read`). Two additions: a named example alone (`Prefer: example=NotFound`) is looked up under
 * every status the operation documents, where Prism looks only under the 2xx; and
 * `dynamic=true` (responses generated from the schemas) is refused, since the mock answers with
 * documented examples only.
 */
export function preferences(read: Reading, operation: Operation): Either<PrismProblem, MockConfig> {
  if (read._tag === 'Left') return read;
  const { code, exampleKey, dynamic } = read.right;
  if (dynamic === true) {
    return left('Prefer: dynamic=true is not supported: the mock answers with the documented examples only (use code= or example=)');
  }
  const status = code ?? (exampleKey === undefined ? undefined : statusOfExample(operation, exampleKey));
  return { _tag: 'Right', right: { dynamic: false, ...(status === undefined ? {} : { code: status }), ...(exampleKey === undefined ? {} : { exampleKey }) } };
}

/** The status whose documented response has an example of this name (the first, if several do). */
function statusOfExample(operation: Operation, name: string): number | undefined {
  const response = operation.responses.find((r) => r.contents?.some((c) => c.examples?.some((e) => e.key === name)));
  return response && /^\d{3}$/.test(response.code) ? Number(response.code) : undefined;
}

function left(detail: string): Either<PrismProblem, never> {
  const problem: PrismProblem = Object.assign(new Error('Invalid request'), { name: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY', status: 422, detail });
  return { _tag: 'Left', left: problem };
}
