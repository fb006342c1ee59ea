/**
 * Wording Prism's structured violations as "where: why", and narrowing a oneOf body's violations to
 * the branch its discriminator selects (on a small schema of its own).
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/mock/prism/library.js';
import { describeOneOfBody, describeViolation, type Schema } from '../../../src/mock/prism/violations.js';

const v = (path: string[] | undefined, code: string | number, message: string, severity = 0): Diagnostic => ({ ...(path ? { path } : {}), severity, code, message });

describe('describeViolation', () => {
  it.each([
    [v(['body', 'parameters'], 'required', "Request body property parameters must have required property 'replica'"), 'body.parameters.replica: required'],
    [v(['body'], 'additionalProperties', "Request body must NOT have additional properties; found 'force'"), 'body.force: unknown field, not allowed'],
    [v(['body', 'parameters', 'hosts', '0'], 'type', 'Request body property parameters.hosts.0 must be string'), 'body.parameters.hosts[0]: must be string'],
    [v(['path', 'engine_id'], 'pattern', 'Request path parameter engine_id must match pattern "^[a-z]+$"'), 'path.engine_id: must match pattern "^[a-z]+$"'],
    [v(['header', 'x-enterprise-project-id'], 'maxLength', 'Request header parameter x-enterprise-project-id must NOT have more than 64 characters'), 'header.x-enterprise-project-id: must NOT have more than 64 characters'],
    [v(undefined, 'required', 'Body parameter is required'), 'body: required'],
  ])('%#: %s', (violation, expected) => {
    expect(describeViolation(violation)).toBe(expected);
  });

  it('names the Content-Type that was sent when Prism reports 415, or says it is missing', () => {
    const unsupported = v(undefined, 415, 'Supported content types: application/json');
    expect(describeViolation(unsupported, 'text/plain')).toBe("header.content-type: 'text/plain' is not supported; supported content types: application/json");
    expect(describeViolation(unsupported, undefined)).toBe('header.content-type: missing; supported content types: application/json');
  });

  it('adds the condition to a requirement that depends on it', () => {
    const missing = v(['body', 'parameters'], 'required', "Request body property parameters must have required property 'version'");
    expect(describeViolation(missing, undefined, 'when action is rollback')).toBe('body.parameters.version: required when action is rollback');
  });
});

const schemas = {
  Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind' } },
  Cat: { type: 'object', required: ['kind', 'lives'], additionalProperties: false, properties: { kind: { const: 'cat' }, lives: { type: 'integer' } } },
  Dog: { type: 'object', required: ['kind', 'bark'], additionalProperties: false, properties: { kind: { enum: ['dog', 'puppy'] }, bark: { type: 'string' } } },
};
const pet: Schema = { $ref: '#/components/schemas/Pet' };
const b = (path: string[], code: string, message: string): Diagnostic => ({ path: ['body', ...path], severity: 0, code, message });
const root = { components: { schemas } };

// What Prism reports for {"kind": "cat"}: the errors of both branches.
const catWithoutLives = [
  b([], 'required', "Request body must have required property 'lives'"),
  b(['kind'], 'enum', 'Request body property kind must be equal to one of the allowed values: dog, puppy'),
  b([], 'required', "Request body must have required property 'bark'"),
  b([], 'oneOf', 'Request body must match exactly one schema in oneOf'),
];


describe('describeOneOfBody', () => {
  it("keeps only the violations of the branch the discriminator selects, with the condition", () => {
    expect(describeOneOfBody(pet, { kind: 'cat' }, catWithoutLives, root)).toEqual(['body.lives: required when kind is cat']);
  });

  it('finds the branch through an enum as well as a const', () => {
    const violations = [b([], 'additionalProperties', "Request body must NOT have additional properties; found 'lives'"), b([], 'required', "Request body must have required property 'bark'")];
    expect(describeOneOfBody(pet, { kind: 'puppy', lives: 9 }, violations, root)).toEqual([
      'body.lives: unknown field, not allowed',
      'body.bark: required when kind is puppy',
    ]);
  });

  it('lists the allowed values when the discriminator value selects no branch', () => {
    expect(describeOneOfBody(pet, { kind: 'cow' }, catWithoutLives, root)).toEqual(['body.kind: must be one of cat, dog, puppy']);
    expect(describeOneOfBody(pet, {}, catWithoutLives, root)).toEqual(['body.kind: required']);
  });

  it('describes a body that is no object as Prism does, without the oneOf summary', () => {
    const violations = [b([], 'type', 'Request body must be object'), b([], 'oneOf', 'Request body must match exactly one schema in oneOf')];
    expect(describeOneOfBody(pet, [], violations, root)).toEqual(['body: must be object']);
  });

  it('leaves other schemas to the caller', () => {
    expect(describeOneOfBody({ $ref: '#/components/schemas/Cat' }, { kind: 'cat' }, catWithoutLives, root)).toBeUndefined();
  });
});
