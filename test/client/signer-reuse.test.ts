/**
 * A client's signer lives as long as the client and derives what it can once (the HMAC key). Nothing
 * it keeps may leak into a request it does not fit: over a sequence that changes one thing at a time,
 * and back, every signature equals a fresh signer's for the same request and date. (One-entry memos of
 * the last URL and body hash were tried and measured: ~2 µs of a ~50 µs signature in place, for 175 B
 * gzip; not kept, nor a string split of the usual URL, within noise in place for 127 B. The module
 * keeps the X-Sdk-Date of the current second. This test caught subtle mistakes of such memos.)
 */
import { describe, expect, it } from 'vitest';
import { nodeSha256, webSha256, type Sha256 } from '../../src/client/sha256.js';
import { akskSigner, type SignableRequest } from '../../src/client/signer.js';
import { AKSK } from './fixtures.js';

const PATHS: [string, Sha256][] = [
  ['node:crypto', nodeSha256()!],
  ['Web Crypto', webSha256],
];
const ORIGIN = 'https://cse.cn-north-4.myhuaweicloud.com';
const BASE: SignableRequest = {
  method: 'PUT',
  url: `${ORIGIN}/v2/p/enginemgr/engines/e/actions`,
  headers: { 'Content-Type': 'application/json' },
  body: '{"action":"Retry"}',
};
const T = Date.UTC(2026, 10, 29, 3, 20, 0);

/** One change at a time, and back again, with the date moving within a second and across seconds. */
const SEQUENCE: [SignableRequest, Date][] = [
  [BASE, new Date(T)],
  [BASE, new Date(T + 999)], // same second
  [BASE, new Date(T + 1000)], // next second
  [{ ...BASE, url: `${ORIGIN}/v2/p/enginemgr/engines/e/upgrade` }, new Date(T + 1000)],
  [{ ...BASE, url: `${ORIGIN}/v2/p/enginemgr/engines/e/upgrade?b=2&a=1` }, new Date(T + 1000)],
  [BASE, new Date(T + 1000)],
  [{ ...BASE, body: '{"version":"2.4.0"}' }, new Date(T + 1000)],
  [{ ...BASE, body: new TextEncoder().encode('{"version":"2.4.0"}') }, new Date(T + 1000)],
  [BASE, new Date(T + 1000)],
  [{ ...BASE, headers: { ...BASE.headers, 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } }, new Date(T + 1000)], // same body
  [BASE, new Date(T + 1000)], // the body's hash again, not UNSIGNED-PAYLOAD
  [{ ...BASE, method: 'GET', body: undefined }, new Date(T + 1000)],
  [BASE, new Date(T - 1)], // an earlier second
  [{ ...BASE, url: `${ORIGIN.replace('cn-north-4', 'cn-east-3')}/v2/p/enginemgr/engines/e/actions` }, new Date(T - 1)],
];

describe.each(PATHS)('%s', (_, sha) => {
  it.each([
    ['permanent credentials', { accessKey: AKSK.accessKey, secretKey: AKSK.secretKey }],
    ['temporary credentials', AKSK],
  ])('%s: a long-lived signer signs each request of a changing sequence as a fresh one does', async (_name, creds) => {
    const longLived = akskSigner(creds, { sha256: sha });
    for (const [request, date] of SEQUENCE) {
      expect(await longLived(request, date)).toEqual(await akskSigner(creds, { sha256: sha })(request, date));
    }
  });
});
