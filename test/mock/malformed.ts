/** Seeded generator of malformed requests for the robustness test (replayable by seed and index). */
import { requestBytes } from './raw-http.js';
import { AUTH, JSON_BODY, operations, type Operation } from './fixtures.js';

/** mulberry32: a tiny seeded PRNG, so every run sends the same requests. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** False sends the body without Content-Length (not HTTP for GET, DELETE, OPTIONS). */
  framed: boolean;
}

const CHARS = ['a', 'Z', '0', '-', '_', ' ', '%', '%ZZ', '%E0%A4', '%2F', '/', '?', '#', '"', '\\', '{', '}', 'é', '漢', '😀', '\u0000', '..'];
const CONTENT_TYPES = ['text/plain', 'application/xml', 'json', '', ';;', 'application/json; charset=bogus', 'application/json; charset=utf-16', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/json;;', 'application/*'];
const ACCEPTS = ['foo', 'text/html', '*/*', ',', 'application/json;q=0', 'text/html;level', ' ', 'application/xml, text/plain'];
const PREFERS = ['code=abc', 'example=Nope', 'code=418', 'dynamic=maybe', ';;=,', 'code=', 'example='];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

function randomString(rng: Rng, max = 12): string {
  return Array.from({ length: rng.int(max) }, () => rng.pick(CHARS)).join('');
}

function randomJson(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 6 : 8)) {
    case 0: return null;
    case 1: return rng.next() < 0.5;
    case 2: return rng.pick([0, -1, 1.5, 2 ** 53 + 1, 1e308, -0, 4]);
    case 3: return randomString(rng, 40);
    case 4: return rng.pick(['Retry', 'retry', 'scale', 'rollback', 'start', '', 'x'.repeat(300)]);
    case 5: return rng.pick([{}, []]);
    case 6: return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(5) }, () => [rng.pick(['action', 'version', 'op_type', 'record_id', 'task_id', 'parameters', 'replica', 'hosts', '__proto__', 'constructor', randomString(rng)]), randomJson(rng, depth + 1)]),
      );
  }
}

/** Breaks one thing (or a few) in a valid request of a random operation. */
export function malformed(rng: Rng): RawRequest {
  const op: Operation = rng.pick(operations);
  const request: RawRequest = { method: op.method, path: op.path, headers: { ...JSON_BODY }, body: Buffer.from(JSON.stringify(op.body)), framed: true };
  const segments = () => request.path.split('/');
  const mutations = [
    () => (request.body = Buffer.from(JSON.stringify(randomJson(rng)))),
    () => (request.body = Buffer.from(JSON.stringify({ ...(op.body as object), [rng.pick(['action', 'version', 'op_type', 'parameters', randomString(rng)])]: randomJson(rng) }))),
    () => (request.body = request.body?.subarray(0, rng.int(request.body.length))),
    () => (request.body = Buffer.from(Array.from({ length: rng.int(64) }, () => rng.int(256)))),
    () => (request.body = undefined),
    () => (request.framed = false),
    () => (request.body = Buffer.from('[' .repeat(rng.int(200)))),
    () => delete request.headers['x-auth-token'],
    () => (request.headers['x-auth-token'] = ''),
    () => (request.headers['authorization'] = randomString(rng).replace(/[^\x20-\x7e]/g, '')),
    () => (request.headers['content-type'] = rng.pick(CONTENT_TYPES)),
    () => delete request.headers['content-type'],
    () => (request.headers['accept'] = rng.pick(ACCEPTS)),
    () => (request.headers['prefer'] = rng.pick(PREFERS)),
    () => (request.headers['x-enterprise-project-id'] = encodeURIComponent(randomString(rng))),
    () => (request.method = rng.pick(METHODS)),
    () => {
      const parts = segments();
      parts[2 + rng.int(parts.length - 2)] = rng.pick([encodeURIComponent(randomString(rng)), randomString(rng).replace(/[^\x21-\x7e]/g, ''), 'x'.repeat(300), '']);
      request.path = parts.join('/');
    },
    () => (request.path += rng.pick(['/', '/extra', '?a=%ZZ', '?__code=abc', '?__server=http://elsewhere', '//', '?x=' + encodeURIComponent(randomString(rng))])),
    () => (request.path = rng.pick(['/', '/v2', '/v2/', '/v3' + request.path.slice(3), request.path.toUpperCase(), '//v2' + request.path.slice(3)])),
  ];
  for (let i = 1 + rng.int(3); i > 0; i--) rng.pick(mutations)();
  if (request.body && request.framed) request.headers['content-length'] = String(request.body.length);
  return request;
}

/** A request as bytes on the wire, and how the server is expected to treat its connection. */
export interface RawCase {
  kind: 'json' | 'framing' | 'header' | 'deep' | 'huge' | 'slow-headers' | 'slow-body';
  method: string;
  bytes: Buffer;
  /** Sent in this many pieces, `pauseMs` apart (slow clients); one piece by default. */
  pieces?: number;
  pauseMs?: number;
}

const VALID = (op: Operation) => Buffer.from(JSON.stringify(op.body));

/** A request of `malformed()` as bytes (a body without Content-Length breaks the framing). */
function render(request: RawRequest): Buffer {
  const headers: [string, string][] = [['Host', 'mock'], ...Object.entries(request.headers)];
  return requestBytes(request.method, request.path, headers, request.body);
}

/** Broken HTTP: chunk sizes, Content-Length, header bytes, request lines. */
function framing(rng: Rng, op: Operation): Buffer {
  const body = VALID(op);
  const base: [string, string][] = [['Host', 'mock'], ...Object.entries(JSON_BODY)];
  const head = (extra: string) => Buffer.from(`${op.method} ${op.path} HTTP/1.1\r\n${base.map(([n, v]) => `${n}: ${v}\r\n`).join('')}${extra}`, 'latin1');
  const cases = [
    () => Buffer.concat([head('Transfer-Encoding: chunked\r\n\r\n'), Buffer.from(`${rng.pick(['zz', '-1', '0x10', 'ffffffffffffffffff', ' ', '1;a=\u0000'])}\r\n${body}\r\n0\r\n\r\n`)]),
    () => Buffer.concat([head(`Content-Length: ${rng.pick(['abc', '-1', '1e3', '0x10', '10, 11', ' ', '99999999999999999999'])}\r\n\r\n`), body]),
    () => Buffer.concat([head(`Content-Length: ${body.length}\r\nContent-Length: ${body.length + 1}\r\n\r\n`), body]),
    () => Buffer.concat([head(`Content-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n`), body]),
    () => Buffer.concat([head(`X-Bad: a${rng.pick(['\u0000', '\u0001', '\u007f', '\r', '\u000b'])}b\r\nContent-Length: ${body.length}\r\n\r\n`), body]),
    () => Buffer.concat([head(`${rng.pick(['Bad Name', 'Bad:Name:', '(x)', '', 'X\u0000'])}: 1\r\nContent-Length: ${body.length}\r\n\r\n`), body]),
    () => Buffer.concat([head(`X-Fold: a\r\n  folded\r\nContent-Length: ${body.length}\r\n\r\n`), body]),
    () => Buffer.from(rng.pick([`${op.method}  ${op.path} HTTP/1.1\r\n\r\n`, `${op.method} ${op.path} HTTP/9.9\r\n\r\n`, `${op.method} ${op.path}\r\n\r\n`, 'GARBAGE\r\n\r\n', `${op.method} ${op.path} HTTP/1.1\nHost: x\n\n`, `\u0000\u0001\u0002\r\n\r\n`]), 'latin1'),
    () => Buffer.concat([head(`X-Big: ${'x'.repeat(20_000)}\r\nContent-Length: ${body.length}\r\n\r\n`), body]),
  ];
  return rng.pick(cases)();
}

/** Well-framed requests with odd header values and names. */
function headerGrammar(rng: Rng, op: Operation): Buffer {
  const body = VALID(op);
  const odd: [string, string][] = rng.pick([
    [['Accept', rng.pick(['application/json;a="x\ty"', 'foo', '*/*;q=0', 'application/json;q=2', 'text/*;;', '"', 'application/json, foo', '\u00ff/\u00fe'])]],
    [['Content-Type', rng.pick(['application/json;a="x\ty"', 'application/json; charset="', '\u00ff', 'application/json;;;', 'application/json; charset=latin1', ' application/json '])]],
    [['Prefer', rng.pick(['code=400, code=200', 'example="a b"', 'code=\u00ff', 'dynamic=true', 'dynamic=false', 'example=NotFound', 'code=1000', ','.repeat(50)])]],
    [['X-Auth-Token', rng.pick(['\u00ff\u00fe', ' ', 'a'.repeat(8000)])]],
    Array.from({ length: 100 }, (_, i): [string, string] => [`X-Many-${i}`, String(i)]),
    [['X-Auth-Token', 'second'], ['Content-Type', 'text/plain']],
    [['Authorization', 'SDK-HMAC-SHA256 \u00ff']],
  ]);
  const headers: [string, string][] = [['Host', 'mock'], ...Object.entries(JSON_BODY), ...odd, ['Content-Length', String(body.length)]];
  return requestBytes(op.method, op.path, headers, body);
}

/** JSON nested thousands deep, at the top or under a documented field. */
function deep(rng: Rng, op: Operation): Buffer {
  const depth = rng.pick([1_000, 3_000, 20_000, 100_000]);
  const open = rng.pick(['[', '{"a":']);
  const close = open === '[' ? ']' : '}';
  const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
  const body = rng.pick([nested, `{"action":${nested}}`, `{"parameters":{"hosts":${nested}}}`, `{"x":${nested}}`]);
  const auth: [string, string][] = rng.next() < 0.3 ? [] : Object.entries(AUTH);
  return requestBytes(op.method, op.path, [['Host', 'mock'], ['Content-Type', 'application/json'], ...auth, ['Content-Length', String(Buffer.byteLength(body))]], body);
}

/** One case of the HTTP-level robustness run; `huge` and `slow-*` only when asked (they are few and bounded). */
export function rawCase(rng: Rng, kind?: RawCase['kind']): RawCase {
  const op: Operation = rng.pick(operations);
  const chosen = kind ?? (rng.next() < 0.7 ? 'json' : rng.pick(['framing', 'framing', 'header', 'header', 'deep'] as const));
  switch (chosen) {
    case 'json': {
      const request = malformed(rng);
      // A body without Content-Length is broken framing: its bytes are read as a next request.
      return { kind: request.framed || !request.body?.length ? chosen : 'framing', method: request.method, bytes: render(request) };
    }
    case 'framing':
      return { kind: chosen, method: op.method, bytes: framing(rng, op) };
    case 'header':
      return { kind: chosen, method: op.method, bytes: headerGrammar(rng, op) };
    case 'deep':
      return { kind: chosen, method: op.method, bytes: deep(rng, op) };
    case 'huge': {
      const size = 10 * 1024 * 1024 + 1;
      return { kind: chosen, method: op.method, bytes: requestBytes(op.method, op.path, [['Host', 'mock'], ...Object.entries(JSON_BODY), ['Content-Length', String(size)]], Buffer.alloc(size, 0x20)) };
    }
    case 'slow-headers':
      return { kind: chosen, method: op.method, bytes: requestBytes(op.method, op.path, [['Host', 'mock'], ...Object.entries(JSON_BODY)]), pieces: 40, pauseMs: 100 };
    case 'slow-body': {
      const body = VALID(op);
      return { kind: chosen, method: op.method, bytes: requestBytes(op.method, op.path, [['Host', 'mock'], ...Object.entries(JSON_BODY), ['Content-Length', String(body.length + 40)]], body) };
    }
  }
}

/** A valid request of the first operation, as bytes: it must get 200 after every case. */
export function validBytes(): Buffer {
  const op = operations[0]!;
  const body = VALID(op);
  return requestBytes(op.method, op.path, [['Host', 'mock'], ...Object.entries(JSON_BODY), ['Content-Length', String(body.length)]], body);
}
