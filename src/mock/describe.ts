import { describeOneOfBody } from './one-of.js';
import type { Diagnostic, Operation } from './prism-library.js';
import { describeViolation } from './violations.js';

/**
 * Prism's request errors as "where: why", each once: path, query and header violations as Prism
 * found them, body violations narrowed to the branch a discriminated `oneOf` body schema selects.
 *
 * @param contentType the request's Content-Type header, undefined when it had none.
 */
export function describeErrors(operation: Operation, body: unknown, errors: Diagnostic[], contentType: string | undefined): string[] {
  const inBody = errors.filter((e) => e.path?.[0] === 'body');
  const rest = errors.filter((e) => e.path?.[0] !== 'body').map((e) => describeViolation(e, contentType));
  const contents = operation.request?.body?.contents ?? [];
  const schema = (contents.find((c) => c.mediaType === 'application/json') ?? contents[0])?.schema;
  const root = (operation as { __bundled__?: unknown }).__bundled__;
  const bodyReasons =
    (inBody.length > 0 ? describeOneOfBody(schema, body, inBody, root) : undefined) ?? inBody.map((e) => describeViolation(e, contentType));
  return [...new Set([...rest, ...bodyReasons])];
}
