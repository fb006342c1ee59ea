import type { MockAnswer } from '../prism/answer.js';
import { mockError } from '../provider-error.js';

/**
 * The request target as the path and query the operations are matched on (RFC 9112 §3.2). The
 * origin-form (`/v2/...`) as it is; the absolute-form (`http://127.0.0.1:4010/v2/...`, which a
 * client set to use the mock as its HTTP proxy sends) when it names this mock, read as its path and
 * query exactly as sent. Anything else is answered here: an absolute-form naming another origin 421
 * (the mock is no proxy), the asterisk-form (`*`) 400, and so is any other form.
 */
export function originForm(target: string, port: number | undefined): string | MockAnswer {
  if (target.startsWith('/')) return target;
  if (target === '*') return refuse(400, "request target: '*' asks about the server as a whole; the mock answers the operations' paths only (/v2/...)");
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) return refuse(400, `request target: ${shown(target)} is neither a path (/v2/...) nor an http URL`);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refuse(400, `request target: ${shown(target)} is not a valid URL`);
  }
  // RFC 9110 §4.2.4: userinfo in an http URI is refused (and never repeated: it may hold a password).
  if (url.username || url.password) return refuse(400, 'request target: a URL with user:password@ is not accepted');
  const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`].map((origin) => new URL(origin).origin);
  if (!own.includes(url.origin)) {
    return refuse(421, `request target: ${url.origin} is not this mock (${own[0]}); the mock is no proxy: send it requests for its own address`);
  }
  const rest = target.slice(target.indexOf('//') + 2);
  const at = rest.search(/[/?#]/);
  return at < 0 ? '/' : rest[at] === '/' ? rest.slice(at) : `/${rest.slice(at)}`;
}

function refuse(status: number, message: string): MockAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: mockError(status, message) };
}

function shown(target: string): string {
  return JSON.stringify(target.length > 100 ? `${target.slice(0, 100)}…` : target);
}
