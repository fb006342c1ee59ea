import type { Diagnostic } from './prism-library.js';

/** Prism's severity for a violation that fails the request (`DiagnosticSeverity.Error`). */
const ERROR = 0;

/** The violations that make Prism reject the request (not warnings or hints). */
export function requestErrors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === ERROR);
}

/** The name Prism quotes at the end of `required` and `additionalProperties` messages (`... property 'replica'`). */
export function quotedName(violation: Diagnostic): string | undefined {
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
