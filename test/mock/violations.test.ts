/** Wording Prism's structured violations as "where: why". */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/mock/prism-library.js';
import { describeViolation, requestErrors } from '../../src/mock/violations.js';

const v = (path: string[] | undefined, code: string | number, message: string, severity = 0): Diagnostic => ({ ...(path ? { path } : {}), severity, code, message });

describe('requestErrors', () => {
  it('keeps errors, not warnings or hints', () => {
    const error = v(['body'], 'type', 'Request body must be object');
    expect(requestErrors([error, { ...error, severity: 1 }, { ...error, severity: 3 }])).toEqual([error]);
  });
});

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
