/** Prism's request violations worded as the provider's error messages: "where: why". */
import type { Diagnostic, Operation } from './library.js';

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

/** The name Prism quotes at the end of `required` and `additionalProperties` messages (`... property 'replica'`). */
function quotedName(violation: Diagnostic): string | undefined {
  return /'(.*)'\s*$/.exec(violation.message)?.[1];
}

/**
 * "where: why", as in `body.parameters.replica: required` or `header.content-type: ...`.
 * `contentType` is the request's (undefined when it had none); `when` is appended to requirements
 * that depend on a `oneOf` branch ("when action is scale").
 */
export function describeViolation(violation: Diagnostic, contentType?: string, when?: string): string {
  const [part, ...steps] = violation.path ?? [];
  let where = part ? [part, ...steps].reduce((path, step) => path + (/^\d+$/.test(step) ? `[${step}]` : `.${step}`)) : 'body';
  let why = reason(violation.message);
  if (violation.code === 415) {
    where = 'header.content-type';
    why = `${contentType ? `'${contentType}' is not supported` : 'missing'}; ${violation.message.toLowerCase()}`;
  } else if (violation.code === 'required') {
    const name = quotedName(violation);
    if (name !== undefined) where += `.${name}`;
    why = when ? `required ${when}` : 'required';
  } else if (violation.code === 'additionalProperties') {
    const name = quotedName(violation);
    if (name !== undefined) where += `.${name}`;
    why = 'unknown field, not allowed';
  }
  return `${where}: ${why}`;
}

/** Prism's messages repeat the location ("Request body property action must ..."); keep the rest. */
function reason(message: string): string {
  const must = message.indexOf(' must ');
  return must >= 0 ? message.slice(must + 1) : message;
}

export type Schema = { [keyword: string]: unknown };

/**
 * Prism validates a `oneOf` body against every branch and reports the errors of all of them:
 * `{"action": "scale", "parameters": {}}` gets "must have required property 'version'" from the
 * rollback branch too. When the body schema is a `oneOf` with a `discriminator` (which Prism
 * ignores), the branch the discriminator value selects is the one the client meant, so only the
 * violations that this branch's schema can produce are reported. Nothing is validated here: each
 * violation Prism found is only kept or dropped by looking up its keyword in the chosen branch.
 * Only the schema is walked (to the depth of a violation's path), never the request's data.
 *
 * @param root what local `$ref`s (`#/...`) point into; Prism inlines all but recursive ones.
 * @returns the described body violations, or undefined when the schema is no discriminated oneOf.
 */
export function describeOneOfBody(bodySchema: unknown, body: unknown, violations: Diagnostic[], root: unknown = {}): string[] | undefined {
  const deref = resolver(root);
  const schema = deref(bodySchema);
  const discriminator = schema && isObject(schema['discriminator']) ? schema['discriminator'] : undefined;
  const branches = Array.isArray(schema?.['oneOf']) ? schema['oneOf'].map(deref) : [];
  const property = discriminator?.['propertyName'];
  if (typeof property !== 'string' || branches.length === 0) return undefined;

  const own = violations.filter((v) => v.code !== 'oneOf');
  // A body that is not an object fails every branch the same way ("must be object").
  if (!isObject(body)) return [...new Set(own.map((v) => describeViolation(v)))];

  const value = body[property];
  const branch = branches.find((b) => allowedValues(deref, b, property).includes(value));
  if (!branch) {
    const allowed = branches.flatMap((b) => allowedValues(deref, b, property));
    return [`body.${property}: ${value === undefined ? 'required' : `must be one of ${allowed.join(', ')}`}`];
  }
  const when = `when ${property} is ${String(value)}`;
  const kept = own.filter((v) => v.path?.[1] !== property && producedBy(deref, branch, v));
  // Never answer "invalid" without saying why: fall back to every violation Prism listed.
  return (kept.length > 0 ? kept : own).map((v) => describeViolation(v, undefined, when));
}

type Deref = (schema: unknown) => Schema | undefined;

/** The `const`/`enum` values a branch accepts for the discriminating property. */
function allowedValues(deref: Deref, branch: Schema | undefined, property: string): unknown[] {
  const schema = deref(deref(branch?.['properties'])?.[property]);
  if (!schema) return [];
  if ('const' in schema) return [schema['const']];
  return Array.isArray(schema['enum']) ? schema['enum'] : [];
}

/** Could `branch` have produced this violation? Looks up the failed keyword where it points. */
function producedBy(deref: Deref, branch: Schema, violation: Diagnostic): boolean {
  let schema: Schema | undefined = branch;
  for (const step of violation.path?.slice(1) ?? []) {
    const properties = deref(schema?.['properties']);
    schema = properties && Object.hasOwn(properties, step) ? deref(properties[step]) : /^\d+$/.test(step) ? deref(schema?.['items']) : undefined;
  }
  if (!schema) return false;
  const name = quotedName(violation);
  switch (violation.code) {
    case 'required':
      return Array.isArray(schema['required']) && schema['required'].includes(name);
    case 'additionalProperties':
      return schema['additionalProperties'] === false && !(name !== undefined && Object.hasOwn(deref(schema['properties']) ?? {}, name));
    default:
      return typeof violation.code === 'string' && Object.hasOwn(schema, violation.code);
  }
}

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s (at most 32 hops, so a ref cycle cannot loop). */
function resolver(root: unknown): Deref {
  return (schema) => {
    let current = schema;
    for (let hops = 0; isObject(current) && typeof current['$ref'] === 'string' && hops < 32; hops++) {
      const ref: string = current['$ref'];
      current = ref.startsWith('#/')
        ? ref.slice(2).split('/').map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~')).reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root)
        : undefined;
    }
    return isObject(current) ? current : undefined;
  };
}
