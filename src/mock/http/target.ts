import type { MockAnswer } from '../prism/answer.js';
import { mockError } from '../provider-error.js';

/**
 * The request target as the path and query the operations are matched on (RFC 9112 §3.2): the
 * origin-form (`/v2/...`) as it is; the absolute-form naming this mock (`http://127.0.0.1:4010/v2/...`,
 * what a client set to use the mock as its HTTP proxy sends) as its path and query, exactly as sent.
 * Anything else is answered here: another origin 421 (the mock is no proxy), other forms 400.
 */
/** A target as an error repeats it: JSON-escaped, cut at 100 characters, never with a user:password@ part. */
export function shownTarget(target: string): string {
  if (target.includes('@')) return '(a target with user:password@, not repeated)';
  return JSON.stringify(target.length > 100 ? `${target.slice(0, 100)}…` : target);
}

export function originForm(target: string, port: number | undefined): string | MockAnswer {
  if (target.startsWith('/')) return target;
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target) && URL.canParse(target) ? new URL(target) : undefined;
  if (!url) return refuse(400, `request target: ${shownTarget(target)} is neither a path (/v2/...) nor a URL of this mock`);
  // RFC 9110 §4.2.4: userinfo in an http URI is refused, and never repeated (it may hold a password).
  if (url.username || url.password) return refuse(400, 'request target: a URL with user:password@ is not accepted');
  const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`].map((origin) => new URL(origin).origin);
  if (!own.includes(url.origin)) return refuse(421, `request target: ${url.origin} is not this mock (${own[0]}); the mock is no proxy: send it requests for its own address`);
  const rest = target.slice(target.indexOf('//') + 2);
  const at = rest.search(/[/?#]/);
  return at < 0 ? '/' : rest[at] === '/' ? rest.slice(at) : `/${rest.slice(at)}`;
}

function refuse(status: number, message: string): MockAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: mockError(status, message) };
}
