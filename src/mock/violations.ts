/** One entry of Prism's `sl-violations` response header. */
export interface Violation {
  /** `['request', 'body', 'parameters', 'replica']`, `['request', 'header', 'x-auth-token']`, ... */
  location: string[];
  severity: string;
  /** The JSON Schema keyword that failed (`required`, `type`, ...), or an HTTP status (415, 401). */
  code: string | number;
  message: string;
}

export interface ParsedViolations {
  violations: Violation[];
  /** Prism cuts the header near 8 KiB; only the complete entries before the cut are listed then. */
  truncated: boolean;
}

const TRUNCATED = 'Too many violations! ';

/** Parses the `sl-violations` header; an absent or unreadable header gives no violations. */
export function parseViolations(header: string | undefined): ParsedViolations {
  if (!header) return { violations: [], truncated: false };
  if (!header.startsWith(TRUNCATED)) return { violations: asViolations(tryJson(header)), truncated: false };
  const cut = header.slice(TRUNCATED.length);
  // Back off to the last complete entry: the cut can fall anywhere, even inside a string.
  for (let end = cut.lastIndexOf('}'); end > 0; end = cut.lastIndexOf('}', end - 1)) {
    const entries = tryJson(`${cut.slice(0, end + 1)}]`);
    if (entries !== undefined) return { violations: asViolations(entries), truncated: true };
  }
  return { violations: [], truncated: true };
}

/** The violations that make Prism reject the request (not warnings, not response checks). */
export function requestErrors(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.location[0] === 'request' && v.severity === 'Error');
}

/** The name Prism quotes at the end of `required` and `additionalProperties` messages (`... property 'replica'`). */
export function quotedName(violation: Violation): string | undefined {
  return /'(.*)'\s*$/.exec(violation.message)?.[1];
}

/**
 * "where: why", as in `body.parameters.replica: required` or `header.content-type: ...`.
 * `when` is appended to requirements that depend on a `oneOf` branch ("when action is scale").
 */
export function describeViolation(violation: Violation, contentType?: string, when?: string): string {
  const [, part, ...steps] = violation.location;
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

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asViolations(value: unknown): Violation[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is Violation =>
      typeof v === 'object' && v !== null && Array.isArray(v.location) && typeof v.message === 'string',
  );
}
