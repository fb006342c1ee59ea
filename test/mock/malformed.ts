/** Seeded generator of malformed requests for the robustness test (replayable by seed and index). */
import http from 'node:http';
import { JSON_BODY, operations, type Operation } from './fixtures.js';

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

/** Sends exactly these bytes; 'hang' when no answer comes within 10 s. */
export function sendRaw(baseUrl: string, request: RawRequest): Promise<{ status: number; body: string } | 'hang'> {
  const target = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.path, headers: request.headers, timeout: 10_000, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy();
      resolve('hang');
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
