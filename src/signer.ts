/**
 * AK/SK request signing (`SDK-HMAC-SHA256`) for Huawei Cloud APIs.
 *
 * Produces the same `Authorization` value as the official Node.js SDK
 * (`@huaweicloud/huaweicloud-sdk-core` 3.1.211, `auth/AKSKSigner.js`); test/signer.test.ts
 * checks this against the SDK itself. Where the SDK signs something other than what
 * actually goes over the wire (untrimmed header values, already-escaped path characters), we
 * sign the wire form, as API Gateway's reference signers do.
 *
 * Only Web Crypto is used, so this runs unchanged in Node 20+ and browsers.
 */

const ALGORITHM = 'SDK-HMAC-SHA256';
const utf8 = new TextEncoder();

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

/**
 * Signs a request and returns the headers to add to it: `Authorization`, `X-Sdk-Date`, and
 * `X-Security-Token` when the credentials are temporary. The request is not modified.
 *
 * @param date signing time; the gateway rejects signatures more than ~15 minutes off its clock.
 */
export async function signRequest(
  req: SignableRequest,
  creds: AkSkCredentials,
  date: Date = new Date(),
): Promise<Record<string, string>> {
  if (!creds.accessKey || !creds.secretKey) {
    throw new Error('signRequest: accessKey and secretKey must be non-empty');
  }
  const url = new URL(req.url);
  const sdkDate = formatSdkDate(date);
  const added: Record<string, string> = { 'X-Sdk-Date': sdkDate };

  // Headers lower-cases names, trims values and merges duplicates: exactly what fetch will send.
  const signed = new Map<string, string>();
  new Headers(req.headers).forEach((value, name) => signed.set(name, value));
  signed.delete('authorization');
  signed.set('x-sdk-date', sdkDate);
  if (creds.securityToken) {
    // The SDK adds the token before signing, so it is part of the signature.
    signed.set('x-security-token', creds.securityToken);
    added['X-Security-Token'] = creds.securityToken;
  }
  if (!signed.has('host')) signed.set('host', url.host);
  // A multipart boundary is chosen by the runtime after signing, so the SDK leaves it out.
  if (signed.get('content-type')?.includes('multipart/form-data')) signed.delete('content-type');

  // A caller-supplied hash (typically UNSIGNED-PAYLOAD) replaces the body hash, as in the SDK.
  const payloadHash = signed.get('x-sdk-content-sha256') ?? (await sha256Hex(bodyBytes(req.body)));
  const { canonical, signedHeaders } = canonicalRequest(req.method, url, signed, payloadHash);
  const stringToSign = `${ALGORITHM}\n${sdkDate}\n${await sha256Hex(utf8.encode(canonical))}`;
  const signature = await hmacSha256Hex(creds.secretKey, stringToSign);

  added['Authorization'] =
    `${ALGORITHM} Access=${creds.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return added;
}

/** `X-Sdk-Date` form of a date: UTC, `YYYYMMDDTHHMMSSZ`, milliseconds truncated. */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
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
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name)}\n`).join('');
  const signedHeaders = names.join(';');
  const canonical = [
    // fetch upper-cases standard methods before sending, so sign that form.
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
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
  const byKey = new Map<string, string[]>();
  for (const [key, value] of params) {
    const values = byKey.get(key);
    if (values) values.push(value);
    else byKey.set(key, [value]);
  }
  return [...byKey]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .flatMap(([key, values]) => values.sort(byCodeUnit).map((v) => `${rfc3986(key)}=${rfc3986(v)}`))
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

function bodyBytes(body: SignableRequest['body']): Uint8Array<ArrayBuffer> {
  if (body == null) return new Uint8Array(0);
  if (typeof body === 'string') return utf8.encode(body);
  // Copy so Web Crypto never sees a view over a SharedArrayBuffer.
  if (ArrayBuffer.isView(body)) {
    return new Uint8Array(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  }
  return new Uint8Array(body);
}

async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', data));
}

async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toHex(await crypto.subtle.sign('HMAC', key, utf8.encode(message)));
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}
