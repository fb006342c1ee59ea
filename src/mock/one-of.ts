import { isObject, type MockDocument, type Schema } from './document.js';
import { describeViolation, quotedName, type Violation } from './violations.js';

/**
 * Prism validates a `oneOf` body against every branch and reports the errors of all of them:
 * `{"action": "scale", "parameters": {}}` gets "must have required property 'version'" from the
 * rollback branch too. When the body schema is a `oneOf` with a `discriminator` (which Prism
 * ignores), the branch the discriminator value selects is the one the client meant, so only the
 * violations that this branch's schema can produce are reported. Nothing is validated here: each
 * violation Prism found is only kept or dropped by looking up its keyword in the chosen branch.
 *
 * Returns the described body violations, or undefined when the schema is no discriminated oneOf.
 */
export function describeOneOfBody(
  document: MockDocument,
  bodySchema: Schema | undefined,
  body: unknown,
  violations: Violation[],
): string[] | undefined {
  const root = document.deref(bodySchema);
  const discriminator = root && isObject(root['discriminator']) ? root['discriminator'] : undefined;
  const branches = Array.isArray(root?.['oneOf']) ? root['oneOf'].map((s) => document.deref(s)) : [];
  const property = discriminator?.['propertyName'];
  if (typeof property !== 'string' || branches.length === 0) return undefined;

  const own = violations.filter((v) => v.code !== 'oneOf');
  // A body that is not an object fails every branch the same way ("must be object").
  if (!isObject(body)) return own.map((v) => describeViolation(v));

  const value = body[property];
  const branch = branches.find((b) => allowedValues(document, b, property).includes(value));
  if (!branch) {
    const allowed = branches.flatMap((b) => allowedValues(document, b, property));
    return [`body.${property}: ${value === undefined ? 'required' : `must be one of ${allowed.join(', ')}`}`];
  }
  const when = `when ${property} is ${String(value)}`;
  const kept = own.filter((v) => v.location[2] !== property && producedBy(document, branch, v));
  // Never answer "invalid" without saying why: fall back to every violation Prism listed.
  return (kept.length > 0 ? kept : own).map((v) => describeViolation(v, undefined, when));
}

/** The `const`/`enum` values a branch accepts for the discriminating property. */
function allowedValues(document: MockDocument, branch: Schema | undefined, property: string): unknown[] {
  const schema = document.deref(document.deref(branch?.['properties'])?.[property]);
  if (!schema) return [];
  if ('const' in schema) return [schema['const']];
  return Array.isArray(schema['enum']) ? schema['enum'] : [];
}

/** Could `branch` have produced this violation? Looks up the failed keyword where it points. */
function producedBy(document: MockDocument, branch: Schema, violation: Violation): boolean {
  let schema: Schema | undefined = branch;
  for (const step of violation.location.slice(2)) {
    const properties = document.deref(schema?.['properties']);
    schema = properties && Object.hasOwn(properties, step) ? document.deref(properties[step]) : /^\d+$/.test(step) ? document.deref(schema?.['items']) : undefined;
  }
  if (!schema) return false;
  const name = quotedName(violation);
  switch (violation.code) {
    case 'required':
      return Array.isArray(schema['required']) && schema['required'].includes(name);
    case 'additionalProperties':
      return schema['additionalProperties'] === false && !(name !== undefined && Object.hasOwn(document.deref(schema['properties']) ?? {}, name));
    default:
      return typeof violation.code === 'string' && Object.hasOwn(schema, violation.code);
  }
}
