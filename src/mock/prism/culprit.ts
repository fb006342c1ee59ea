import type { MockConfig, Operation, PrismInput, PrismLibrary } from './library.js';

/** A request made readable for Prism, and what was wrong with it ("where: why"). */
export interface Neutralised {
  reasons: string[];
  input: PrismInput;
}

// Values of these headers are credentials: never repeated in an answer.
const SECRET = /auth|token|secret|key|cookie|signature/i;
/** Headers Prism parses whatever the operation (its negotiator and validator): asked about first. */
const READ_BY_PRISM = ['accept', 'content-type', 'prefer'];
/**
 * Prism is asked again at most this often per request: each ask costs a whole Prism request, and
 * a request may carry up to 2,000 headers. The parts Prism reads come first, so the cap can only
 * leave out headers Prism does not read.
 */
export const MAX_PROBES = 24;

/**
 * Prism threw on this request (its parsers throw on some input instead of reporting it). Which
 * part could it not read? Each part is left out in turn (the path gets its stray `%` escaped)
 * and Prism asked again: the first part whose absence makes Prism answer is named. Nothing here
 * predicts what Prism cannot read; it only asks Prism. Credentials come last: without them Prism
 * stops at its 401 and reads nothing else, which would wrongly clear any other part.
 */
export async function findCulprit(prism: PrismLibrary, operation: Operation, input: PrismInput, config: MockConfig, error: unknown): Promise<Neutralised> {
  const why = error instanceof Error ? error.message : String(error);
  for (const { where, value, leaveOut } of parts(input, operation).slice(0, MAX_PROBES)) {
    const without = leaveOut();
    try {
      await prism.request(operation, without, config);
    } catch {
      continue;
    }
    const shown = SECRET.test(where) ? '' : ` '${printable(value)}'`;
    return { reasons: [`${where}:${shown} cannot be read (${why})`], input: without };
  }
  return { reasons: [`request: cannot be read (${why})`], input: { ...input, body: undefined } };
}

/** A part of the request, and the request without it (built only when asked: copies of 2,000 headers add up). */
type Part = { where: string; value: string; leaveOut: () => PrismInput };

/**
 * In the order asked: the path, the headers Prism parses (its own and the operation's), the query,
 * the body, then the credentials, and last the headers Prism does not read.
 */
function parts(input: PrismInput, operation: Operation): Part[] {
  const credentials = credentialHeaders(operation);
  const read = new Set([...READ_BY_PRISM, ...(operation.request?.headers ?? []).map((h) => h.name.toLowerCase())]);
  const sent = Object.keys(input.headers ?? {}).filter((name) => name !== 'content-length');
  const withoutHeader = (name: string): Part => {
    const rest = () => {
      const headers = { ...input.headers };
      delete headers[name];
      return headers;
    };
    return { where: `header.${name}`, value: input.headers?.[name] ?? '', leaveOut: () => ({ ...input, headers: rest() }) };
  };
  const found: Part[] = [];
  const path = input.url.path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
  if (path !== input.url.path) found.push({ where: 'path', value: input.url.path, leaveOut: () => ({ ...input, url: { ...input.url, path } }) });
  found.push(...sent.filter((name) => read.has(name) && !credentials.has(name)).map(withoutHeader));
  if (Object.keys(input.url.query ?? {}).length > 0) {
    found.push({ where: 'query', value: new URLSearchParams(input.url.query as Record<string, string>).toString(), leaveOut: () => ({ ...input, url: { ...input.url, query: {} } }) });
  }
  if (input.body !== undefined) found.push({ where: 'body', value: '…', leaveOut: () => ({ ...input, body: undefined }) });
  found.push(...sent.filter((name) => credentials.has(name)).map(withoutHeader));
  return [...found, ...sent.filter((name) => !read.has(name) && !credentials.has(name)).map(withoutHeader)];
}

/** The headers the operation's security schemes read (lower case), and Authorization. */
function credentialHeaders(operation: Operation): Set<string> {
  const names = new Set(['authorization']);
  for (const scheme of (operation.security ?? []).flat()) {
    if ('in' in scheme && scheme.in === 'header' && typeof scheme.name === 'string') names.add(scheme.name.toLowerCase());
  }
  return names;
}

/** At most 100 characters, control characters escaped as in JSON. */
function printable(value: string): string {
  const escaped = JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value).slice(1, -1);
  return escaped.replace(/\\"/g, '"');
}
