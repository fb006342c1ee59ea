import type { IncomingHttpHeaders } from 'node:http';

/**
 * Requests that Prism 5.14.2 cannot parse, found by the robustness test. Two of them crash the
 * whole Prism process (an uncaught URIError / TypeError): a path with a malformed percent-escape
 * (`/v2/p%ZZ/...`) and an `Accept` header with an entry that is no media type (`Accept: foo`).
 * An unparseable `Content-Type` gets a 500. None of this is schema validation; it only keeps
 * Prism alive and answers with what the problem is.
 */
export interface Unreadable {
  /** "where: why" for the error message, one per problem. */
  reasons: string[];
  /** A path Prism can route (every `%` escaped), to learn which operation was meant. */
  path: string;
}

// RFC 9110 token and quoted-string: the grammar of the `content-type` package Prism parses with.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t\\x20-\\x7e\\x80-\\xff])*"';
const MEDIA_TYPE = new RegExp(`^\\s*${TOKEN}/${TOKEN}\\s*(?:; *${TOKEN} *= *(?:${TOKEN}|${QUOTED}) *)*$`);

export function findUnreadable(path: string, headers: IncomingHttpHeaders): Unreadable | undefined {
  const [pathname = '', ...query] = path.split('?');
  const reasons: string[] = [];
  let routable = pathname;
  // Prism reads `//x/...` as a URL whose host is x (a 500); no operation path starts so.
  if (pathname.startsWith('//')) {
    reasons.push(`path: '${pathname}' starts with '//'`);
    routable = routable.replace(/^\/+/, '/');
  }
  if (!decodes(pathname)) {
    reasons.push(`path: malformed percent-encoding in '${pathname}'`);
    routable = routable.replace(/%/g, '%25');
  }
  // Prism splits Accept on commas and gives up (crashing) when no entry parses.
  const accept = headers.accept;
  const badAccept = accept?.split(',').find((entry) => !MEDIA_TYPE.test(entry));
  if (accept && badAccept !== undefined) reasons.push(`header.accept: '${badAccept.trim()}' is not a media type`);
  const contentType = headers['content-type'];
  if (contentType !== undefined && !MEDIA_TYPE.test(contentType)) {
    reasons.push(`header.content-type: '${contentType}' is not a media type`);
  }
  if (reasons.length === 0) return undefined;
  return { reasons, path: [routable, ...query].join('?') };
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
