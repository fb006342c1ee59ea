/**
 * SHA-256 and HMAC-SHA256 in hex, the two primitives of AK/SK signing: synchronously through
 * `node:crypto` where the runtime hands it out (Node 20.16+ and 22.3+; other runtimes that offer
 * `process.getBuiltinModule` and `crypto.hash` alike), else through Web Crypto (browsers, workers,
 * older Node), which is asynchronous only.
 *
 * `node:crypto` is found with `process.getBuiltinModule` (Node 20.16+, 22.3+), not imported: the
 * module then stays loadable unchanged in browsers and by every bundler, with no `exports`
 * condition to keep in step, and a runtime without it (older Node 20) still signs, through Web
 * Crypto. test/client/signer.test.ts checks both against the official SDK.
 */

/** Bytes to hash: strings are UTF-8. */
export type HashInput = string | ArrayBuffer | ArrayBufferView;

/** A result now (node:crypto) or later (Web Crypto). */
export type Maybe<T> = T | Promise<T>;

export interface Sha256 {
  /** Lower-case hex SHA-256. */
  hash(data: HashInput): Maybe<string>;
  /** Imports `key` (UTF-8) once and returns its HMAC-SHA256: the key never leaves the closure. */
  hmac(key: string): (message: string) => Maybe<string>;
}

/** The slice of `node:crypto` used here, typed locally so the package needs no Node types. */
interface NodeCrypto {
  /** One-shot digest (Node 20.12+, 21.7+; every Node with getBuiltinModule). */
  hash?: (algorithm: 'sha256', data: string | ArrayBufferView, encoding: 'hex') => string;
  createHmac(algorithm: 'sha256', key: string): { update(data: string): { digest(encoding: 'hex'): string } };
}

/** `node:crypto` if the runtime has it. */
function nodeCrypto(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

/** node:crypto's SHA-256 and HMAC, or undefined where the runtime has no node:crypto (or one without `hash`). */
export function nodeSha256(): Sha256 | undefined {
  const crypto = nodeCrypto();
  const hash = crypto?.hash;
  return (
    hash && {
      hash: (data) => hash('sha256', view(data), 'hex'),
      hmac: (key) => (message) => crypto.createHmac('sha256', key).update(message).digest('hex'),
    }
  );
}

const utf8 = new TextEncoder();

/** Web Crypto's SHA-256: every runtime with `crypto.subtle` (browsers, workers, Node, Deno, Bun). */
export const webSha256: Sha256 = {
  hash: async (data) => hex(await crypto.subtle.digest('SHA-256', copy(data))),
  hmac(secret) {
    const key = crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    // Until first use, a failed import would be an unhandled rejection; it surfaces on each call.
    key.catch(() => {});
    return async (message) => hex(await crypto.subtle.sign('HMAC', await key, utf8.encode(message)));
  },
};

let chosen: Sha256 | undefined;

/**
 * The one every client uses, chosen on first use rather than at import: loading node:crypto costs
 * a fresh Node process ~3 ms, which a program that only uses tokens never needs to pay.
 */
export const defaultSha256 = (): Sha256 => (chosen ??= nodeSha256() ?? webSha256);

function view(data: HashInput): string | ArrayBufferView {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** Web Crypto takes no views over a SharedArrayBuffer, so bytes are copied into a fresh buffer. */
function copy(data: HashInput): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return utf8.encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return new Uint8Array(data);
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}
