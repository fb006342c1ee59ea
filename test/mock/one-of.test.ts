/** Narrowing a oneOf body's violations to the branch its discriminator selects, on a small schema of its own. */
import { describe, expect, it } from 'vitest';
import { describeOneOfBody, type Schema } from '../../src/mock/one-of.js';
import type { Diagnostic } from '../../src/mock/prism-library.js';

const schemas = {
  Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind' } },
  Cat: { type: 'object', required: ['kind', 'lives'], additionalProperties: false, properties: { kind: { const: 'cat' }, lives: { type: 'integer' } } },
  Dog: { type: 'object', required: ['kind', 'bark'], additionalProperties: false, properties: { kind: { enum: ['dog', 'puppy'] }, bark: { type: 'string' } } },
};
const pet: Schema = { $ref: '#/components/schemas/Pet' };
const v = (path: string[], code: string, message: string): Diagnostic => ({ path: ['body', ...path], severity: 0, code, message });
const root = { components: { schemas } };

// What Prism reports for {"kind": "cat"}: the errors of both branches.
const catWithoutLives = [
  v([], 'required', "Request body must have required property 'lives'"),
  v(['kind'], 'enum', 'Request body property kind must be equal to one of the allowed values: dog, puppy'),
  v([], 'required', "Request body must have required property 'bark'"),
  v([], 'oneOf', 'Request body must match exactly one schema in oneOf'),
];


describe('describeOneOfBody', () => {
  it("keeps only the violations of the branch the discriminator selects, with the condition", () => {
    expect(describeOneOfBody(pet, { kind: 'cat' }, catWithoutLives, root)).toEqual(['body.lives: required when kind is cat']);
  });

  it('finds the branch through an enum as well as a const', () => {
    const violations = [v([], 'additionalProperties', "Request body must NOT have additional properties; found 'lives'"), v([], 'required', "Request body must have required property 'bark'")];
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
    const violations = [v([], 'type', 'Request body must be object'), v([], 'oneOf', 'Request body must match exactly one schema in oneOf')];
    expect(describeOneOfBody(pet, [], violations, root)).toEqual(['body: must be object']);
  });

  it('leaves other schemas to the caller', () => {
    expect(describeOneOfBody({ $ref: '#/components/schemas/Cat' }, { kind: 'cat' }, catWithoutLives, root)).toBeUndefined();
  });
});
