/** Reading Prism's sl-violations header and wording each violation as "where: why". */
import { describe, expect, it } from 'vitest';
import { describeViolation, parseViolations, requestErrors, type Violation } from '../../src/mock/violations.js';

const v = (location: string[], code: string | number, message: string, severity = 'Error'): Violation => ({ location, severity, code, message });

describe('parseViolations', () => {
  it('reads the JSON list', () => {
    const list = [v(['request', 'body', 'action'], 'enum', 'Request body property action must be equal to one of the allowed values: Retry')];
    expect(parseViolations(JSON.stringify(list))).toEqual({ violations: list, truncated: false });
  });

  it('keeps the complete entries of a list Prism cut at 8 KiB, and says it was cut', () => {
    const list = Array.from({ length: 3 }, (_, i) => v(['request', 'body'], 'additionalProperties', `Request body must NOT have additional properties; found 'k${i}'`));
    const cut = `Too many violations! ${JSON.stringify(list).slice(0, -40)}`;
    expect(parseViolations(cut)).toEqual({ violations: list.slice(0, 2), truncated: true });
  });

  it('gives nothing for an absent or unreadable header', () => {
    expect(parseViolations(undefined)).toEqual({ violations: [], truncated: false });
    expect(parseViolations('not json')).toEqual({ violations: [], truncated: false });
  });
});

describe('requestErrors', () => {
  it('keeps errors about the request, not warnings or response checks', () => {
    const error = v(['request', 'body'], 'type', 'Request body must be object');
    expect(requestErrors([error, { ...error, severity: 'Warning' }, { ...error, location: ['response', 'body'] }])).toEqual([error]);
  });
});

describe('describeViolation', () => {
  it.each([
    [v(['request', 'body', 'parameters'], 'required', "Request body property parameters must have required property 'replica'"), 'body.parameters.replica: required'],
    [v(['request', 'body'], 'additionalProperties', "Request body must NOT have additional properties; found 'force'"), 'body.force: unknown field, not allowed'],
    [v(['request', 'body', 'parameters', 'hosts', '0'], 'type', 'Request body property parameters.hosts.0 must be string'), 'body.parameters.hosts[0]: must be string'],
    [v(['request', 'path', 'engine_id'], 'pattern', 'Request path parameter engine_id must match pattern "^[a-z]+$"'), 'path.engine_id: must match pattern "^[a-z]+$"'],
    [v(['request', 'header', 'x-enterprise-project-id'], 'maxLength', 'Request header parameter x-enterprise-project-id must NOT have more than 64 characters'), 'header.x-enterprise-project-id: must NOT have more than 64 characters'],
    [v(['request'], 'required', 'Body parameter is required'), 'body: required'],
  ])('%#: %s', (violation, expected) => {
    expect(describeViolation(violation)).toBe(expected);
  });

  it('names the Content-Type that was sent when Prism answers 415', () => {
    expect(describeViolation(v(['request'], 415, 'Supported content types: application/json'), 'text/plain')).toBe(
      "header.content-type: 'text/plain' is not supported; supported content types: application/json",
    );
  });

  it('adds the condition to a requirement that depends on it', () => {
    const missing = v(['request', 'body', 'parameters'], 'required', "Request body property parameters must have required property 'version'");
    expect(describeViolation(missing, undefined, 'when action is rollback')).toBe('body.parameters.version: required when action is rollback');
  });
});
