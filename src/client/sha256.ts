/**
 * SHA-256 and HMAC-SHA256 in hex, the two primitives of AK/SK signing, done the fastest way the
 * runtime offers: synchronously through `node:crypto` where the runtime hands it out (Node 20.16+
 * and 22.3+; other runtimes that offer `process.getBuiltinModule` and `crypto.hash` alike), else
 * through Web Crypto (browsers, workers, older Node), which is asynchronous only.
 *
 * `node:crypto` is found with `process.getBuiltinModule` (Node 20.16+, 22.3+), not imported: the
 * module then stays loadable unchanged in browsers and by every bundler, with no `exports`
 * condition to keep in step, and a runtime without it (older Node 20) still signs, through Web
 * Crypto. bench/client.ts measures both paths; test/signer.test.ts checks both against the SDK.
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
  /** One-shot digest (Node 20.12+, 21.7+; every Node with getBuiltinModule): no Hash object per call. */
  hash?: {
    (algorithm: 'sha256', data: string | ArrayBufferView, encoding: 'hex' | 'latin1'): string;
    (algorithm: 'sha256', data: string | ArrayBufferView, encoding: 'buffer'): Uint8Array;
  };
}

/** `node:crypto` if the runtime has it. */
function nodeCrypto(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

/** SHA-256's block size in bytes: the HMAC key is padded to it. */
const BLOCK = 64;

/** node:crypto's SHA-256, or undefined where the runtime has no node:crypto (or one without `hash`). */
export function nodeSha256(): Sha256 | undefined {
  const hash = nodeCrypto()?.hash;
  return (
    hash && {
      hash: (data) => hash('sha256', view(data), 'hex'),
      /**
       * HMAC (RFC 2104) from two one-shot digests, the key's two padded blocks made once:
       * H((K ^ opad) || H((K ^ ipad) || message)). `createHmac` builds a stream-capable Hmac object
       * per message, the biggest single cost of a signature in place (~15 µs of ~50); the parity
       * suite checks this against the official signer, which uses createHmac.
       */
      hmac(secret) {
        const encoded = utf8.encode(secret);
        const key = encoded.length > BLOCK ? hash('sha256', encoded, 'buffer') : encoded;
        const outer = padded(key, 0x5c, BLOCK + 32);
        let inner = padded(key, 0x36, BLOCK + 256);
        let message = inner.subarray(BLOCK);
        return (text) => {
          // UTF-8 takes at most 3 bytes per UTF-16 code unit.
          if (message.length < 3 * text.length) {
            inner = padded(key, 0x36, BLOCK + 3 * text.length);
            message = inner.subarray(BLOCK);
          }
          const length = BLOCK + utf8.encodeInto(text, message).written;
          // The inner digest as latin1 (a character a byte): a Buffer result costs an ArrayBuffer each time.
          const digest = hash('sha256', inner.subarray(0, length), 'latin1');
          for (let i = 0; i < 32; i++) outer[BLOCK + i] = digest.charCodeAt(i);
          return hash('sha256', outer, 'hex');
        };
      },
    }
  );
}

/** `size` bytes: the key zero-padded to a block and XORed with `pad`, then room for what follows. */
function padded(key: Uint8Array, pad: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < BLOCK; i++) bytes[i] = (key[i] ?? 0) ^ pad;
  return bytes;
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
