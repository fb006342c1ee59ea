/**
 * AK/SK request signing (`SDK-HMAC-SHA256`) for Huawei Cloud APIs.
 *
 * Produces the same `Authorization` value as the official Node.js SDK
 * (`@huaweicloud/huaweicloud-sdk-core` 3.1.211, `auth/AKSKSigner.js`); test/signer.test.ts
 * checks this against the SDK itself. Where the SDK signs something other than what
 * actually goes over the wire (untrimmed header values, already-escaped path characters), we
 * sign the wire form, as API Gateway's reference signers do.
 *
 * Hashing goes through node:crypto where the runtime has it and Web Crypto elsewhere
 * (sha256.ts), so this runs unchanged in Node 20+ and browsers.
 */

import { defaultSha256, type Sha256 } from './sha256.js';

const ALGORITHM = 'SDK-HMAC-SHA256';

export interface AkSkCredentials {
  accessKey: string;
  secretKey: string;
  /** Set for temporary (STS) credentials: it is sent as `X-Security-Token` and signed like the SDK does. */
  securityToken?: string | undefined;
}

export interface SignableRequest {
  method: string;
  /** Absolute URL exactly as it will be fetched: host, path and query are all signed. */
  url: string | URL;
  /**
   * The headers that will be sent. Every header given here is signed, so pass the final set
   * (e.g. `Content-Type: application/json`); headers the runtime adds later (User-Agent,
   * Content-Length, ...) are left unsigned, which the gateway accepts.
   */
  headers?: HeadersInit | undefined;
  /** Exact body bytes; strings are hashed as UTF-8. Omit (or pass null/'') for no body. */
  body?: string | ArrayBuffer | ArrayBufferView | null | undefined;
}

/** The headers that authenticate one request: `Authorization`, `X-Sdk-Date`, maybe `X-Security-Token`. */
export type SignedHeaders = Record<string, string>;

/**
 * Signs a request and returns the headers to add to it: `Authorization`, `X-Sdk-Date`, and
 * `X-Security-Token` when the credentials are temporary. The request is not modified.
 *
 * @param date signing time (now when omitted); the gateway rejects signatures more than ~15 minutes off its clock.
 */
export async function signRequest(
  req: SignableRequest,
  creds: AkSkCredentials,
  date?: Date,
): Promise<SignedHeaders> {
  return akskSigner(creds)(req, date);
}

export interface SignerOptions {
  /** The hash implementation; by default node:crypto where the runtime has it, else Web Crypto. */
  sha256?: Sha256 | undefined;
  /** Lower-case names of headers that are sent but not signed (the runtime may rewrite them). */
  unsigned?: readonly string[] | undefined;
}

/**
 * A signing function for one set of credentials: what can be derived once (the HMAC key, the
 * checks) is, so each call only hashes. The secret key stays inside the returned closure.
 */
export function akskSigner(
  creds: AkSkCredentials,
  options: SignerOptions = {},
): (req: SignableRequest, date?: Date) => Promise<SignedHeaders> {
  const { accessKey, secretKey, securityToken } = creds;
  if (!accessKey || !secretKey) {
    throw new Error('signRequest: accessKey and secretKey must be non-empty');
  }
  const sha = options.sha256 ?? defaultSha256();
  const hmac = sha.hmac(secretKey);
  const skipped = new Set(['authorization', ...(options.unsigned ?? [])]);

  return async (req, date = new Date()) => {
    const url = new URL(req.url);
    const sdkDate = formatSdkDate(date);
    const added: SignedHeaders = { 'X-Sdk-Date': sdkDate };

    // Headers lower-cases names, trims values and merges duplicates: exactly what fetch will send.
    const signed = new Map<string, string>();
    const headers = req.headers instanceof Headers ? req.headers : new Headers(req.headers);
    headers.forEach((value, name) => skipped.has(name) || signed.set(name, value));
    signed.set('x-sdk-date', sdkDate);
    if (securityToken) {
      // The SDK adds the token before signing, so it is part of the signature.
      signed.set('x-security-token', securityToken);
      added['X-Security-Token'] = securityToken;
    }
    if (!signed.has('host')) signed.set('host', url.host);
    // A multipart boundary is chosen by the runtime after signing, so the SDK leaves it out.
    if (signed.get('content-type')?.includes('multipart/form-data')) signed.delete('content-type');

    // A caller-supplied hash (typically UNSIGNED-PAYLOAD) replaces the body hash, as in the SDK.
    const payloadHash = signed.get('x-sdk-content-sha256') ?? (await sha.hash(req.body ?? ''));
    const { canonical, signedHeaders } = canonicalRequest(req.method, url, signed, payloadHash);
    const signature = await hmac(`${ALGORITHM}\n${sdkDate}\n${await sha.hash(canonical)}`);
    added['Authorization'] = `${ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return added;
  };
}

/** `X-Sdk-Date` form of a date: UTC, `YYYYMMDDTHHMMSSZ`, milliseconds truncated. */
export function formatSdkDate(date: Date): string {
  // YYYY-MM-DDTHH:MM:SS.sssZ
  return date.toISOString().replace(/[-:]|\.\d+/g, '');
}

/**
 * The canonical request that gets hashed and signed. Exported for debugging signature
 * mismatches: the gateway's 401 response describes the canonical request it computed.
 *
 * @param headers lower-case names to values; all of them are signed.
 */
export function canonicalRequest(
  method: string,
  url: URL,
  headers: ReadonlyMap<string, string>,
  payloadHash: string,
): { canonical: string; signedHeaders: string } {
  const names = [...headers.keys()].sort(byCodeUnit);
  let canonicalHeaders = '';
  for (const name of names) canonicalHeaders += `${name}:${headers.get(name)}\n`;
  const signedHeaders = names.join(';');
  // fetch upper-cases standard methods before sending, so sign that form.
  const canonical = `${method.toUpperCase()}\n${canonicalUri(url.pathname)}\n${canonicalQuery(url.searchParams)}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  return { canonical, signedHeaders };
}

/**
 * Each path segment is decoded, then re-encoded strictly; the path always ends with `/`.
 * A `%2F` inside a segment would be signed as `%2F` here, while the official SDK cores sign the
 * decoded `/`. The client cannot send one: its path arguments reject `/` (check.ts, pathSegment),
 * so the two never disagree for requests it makes.
 */
function canonicalUri(pathname: string): string {
  const path = pathname.split('/').map((segment) => rfc3986(decodeSegment(segment))).join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/** Sorted by raw key, then raw value (repeated keys included), each side strictly encoded. */
function canonicalQuery(params: URLSearchParams): string {
  return [...params]
    .sort(([a, x], [b, y]) => byCodeUnit(a, b) || byCodeUnit(x, y))
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
    .join('&');
}

/** Percent-encodes everything but RFC 3986 unreserved characters (`A-Za-z0-9-_.~`), as UTF-8. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray '%' is literal; it gets encoded as %25
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
