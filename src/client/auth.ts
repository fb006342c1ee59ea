/**
 * The two ways to authenticate: an IAM token, or an AK/SK pair that signs every request.
 * Auth headers are added at the very last moment (in the transport, after every middleware), so
 * a signature covers exactly the request that goes out, and each retry is signed afresh.
 */
import { headerValue } from './check.js';
import { akskSigner } from './signer.js';

/** An IAM user token, sent as `X-Auth-Token`. */
export interface TokenAuth {
  token: string;
  accessKey?: never;
  secretKey?: never;
  securityToken?: never;
}

/**
 * An access key pair: every request is signed (`Authorization: SDK-HMAC-SHA256 ...` and
 * `X-Sdk-Date`) as the official SDKs do. With temporary credentials, add their security token:
 * it is sent as `X-Security-Token` and signed too.
 */
export interface AkSkAuth {
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
  token?: never;
}

export type Auth = TokenAuth | AkSkAuth;

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | ArrayBuffer | undefined;
}

/** The headers that authenticate one outgoing request: at once for a token, a promise for a signature. */
export type Authenticate = (request: OutgoingRequest) => Record<string, string> | Promise<Record<string, string>>;

/** Headers the runtime may rewrite on the way out, so they are sent but not signed. */
const UNSIGNED = ['user-agent'];

/**
 * Checks `auth` and returns how to authenticate requests with it. Error messages name the
 * missing, extra or unsendable fields, never their values.
 */
export function authenticator(auth: unknown, where: string): Authenticate {
  const a = (auth ?? {}) as Record<string, unknown>;
  const given = ['token', 'accessKey', 'secretKey', 'securityToken'].filter((k) => a[k] !== undefined);
  const bad = given.filter((k) => typeof a[k] !== 'string' || a[k] === '');
  if (typeof auth !== 'object' || auth === null || given.length === 0 || bad.length > 0) {
    throw new TypeError(
      `${where}: auth must be { token } or { accessKey, secretKey, securityToken? } with non-empty strings` +
        (bad.length ? ` (check ${bad.join(', ')})` : ''),
    );
  }
  // Each is sent in a header (the AK inside Authorization; the SK only in the signature, but a
  // line break there is the same copy-paste mistake): refuse what fetch would refuse, by name.
  for (const key of given) headerValue(a[key], `${where}: auth.${key}`);
  if (a['token'] !== undefined) {
    if (given.length > 1) throw new TypeError(`${where}: auth takes either token or accessKey/secretKey, not both`);
    const headers = Object.freeze({ 'X-Auth-Token': a['token'] as string });
    return () => headers;
  }
  if (a['accessKey'] === undefined || a['secretKey'] === undefined) {
    throw new TypeError(`${where}: auth with AK/SK needs both accessKey and secretKey`);
  }
  // Read once here (the HMAC key is derived once too), so a caller mutating its options object
  // later cannot change what gets signed.
  const { accessKey, secretKey, securityToken } = a as unknown as AkSkAuth;
  return akskSigner({ accessKey, secretKey, securityToken }, { unsigned: UNSIGNED });
}

/** The values that must never appear in an error or a log. */
export function secretsOf(auth: Auth): string[] {
  return [auth.token, auth.accessKey, auth.secretKey, auth.securityToken].filter((s): s is string => !!s);
}
