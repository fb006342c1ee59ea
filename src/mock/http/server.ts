import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { BODY_LIMIT, type MockAnswer, type MockRequest } from '../prism/answer.js';
import { mockError } from '../provider-error.js';
import { originForm, shownTarget } from './target.js';

export interface ServerLimits {
  /** Time from a connection's first byte (or the end of the previous request) to the end of the headers. */
  headersTimeoutMs: number;
  /** Time from the end of the headers to the end of the body. */
  bodyTimeoutMs: number;
}

type Answerer = (request: MockRequest) => Promise<MockAnswer>;
/** Writes a body for its Content-Type (Prism's serialiser). */
export type Serialize = (body: unknown, contentType: string | undefined) => string | undefined;

/**
 * The mock's HTTP server. Node's parser reads the requests; what it cannot parse (bad chunk
 * sizes, bad Content-Length, bad header bytes) is answered 400 and the connection closed, slow
 * headers or bodies 408 and closed, and any exception while answering becomes that request's
 * answer (500 `MOCK.0500`, a defect of the mock) so the next request is served as usual.
 * Pipelined requests are answered in order (Node queues the answers): bytes that break the
 * connection after complete requests are answered after theirs, never instead of them.
 */
export function createMockServer(answer: Answerer, serialize: Serialize, limits: ServerLimits): http.Server {
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: 0, // the body has its own timer below
    requireHostHeader: false, // Node would answer a request without Host itself, with an empty 400
    // How often Node checks the headers timeout: often enough for small limits in tests.
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  });
  // The last request read on each socket, and the sockets whose bytes broke: Node reports their later bytes again.
  const last = new WeakMap<Socket, ServerResponse>();
  const broken = new WeakSet<Socket>();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    last.set(req.socket, res);
    void receive(req, limits.bodyTimeoutMs, res)
      .then(async (request) => {
        if (!request) return;
        const target = originForm(request.target, req.socket.localPort);
        let reply: MockAnswer;
        try {
          reply = typeof target === 'string' ? await answer({ ...request, target }) : target;
        } catch (error) {
          reply = failure(error);
        }
        write(res, req.method, reply, serialize);
      })
      .catch((error: unknown) => write(res, req.method, failure(error), serialize));
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (broken.has(socket)) return;
    broken.add(socket);
    const [status, message] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, `request: headers not received within ${limits.headersTimeoutMs} ms`]
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'request: headers larger than the limit of 16 KiB']
          : [400, `request: malformed HTTP (${error.code ?? 'parse error'}: ${error.message})`];
    const res = last.get(socket);
    // The broken bytes are the body of the request being read: the error is its answer.
    if (res && !res.req.complete) return void (res.headersSent ? res.once('finish', () => socket.destroy()) : closeWith(res, status, message, serialize));
    // They came after complete requests: their answers first, then the error, then the connection closes.
    if (res && !res.writableFinished) return void res.once('close', () => closeSocket(socket, status, message));
    closeSocket(socket, status, message);
  });

  // CONNECT (authority-form, `host:port`) asks for a tunnel, which Node leaves to us: the mock is no proxy.
  server.on('connect', (req: IncomingMessage, socket: Socket) =>
    closeSocket(socket, 400, `request target: CONNECT ${shownTarget(req.url ?? '')} asks for a tunnel; the mock is no proxy: send each request to it with its path (/v2/...)`),
  );
  return server;
}

/** Reads the body within the time limit; answers (408, or 400 for a broken body) and resolves undefined when it cannot. */
function receive(req: IncomingMessage, timeoutMs: number, res: ServerResponse): Promise<MockRequest | undefined> {
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (request: MockRequest | undefined) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      resolve(request);
    };
    const timer = setTimeout(() => {
      closeWith(res, 408, `body: not received within ${timeoutMs} ms`);
      done(undefined);
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.once('end', () =>
      done({ method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body: hasBody ? Buffer.concat(chunks) : undefined, tooLarge: size > BODY_LIMIT }),
    );
    // The connection broke or the parser gave up mid-body (the clientError handler answers that).
    req.once('error', () => done(undefined));
    req.once('close', () => done(undefined));
  });
}

/** A fresh request ID, as the provider gives each request its own: 32 hex digits, the shape of the documented ones. */
const requestId = () => randomUUID().replace(/-/g, '');

function write(res: ServerResponse, method: string | undefined, reply: MockAnswer, serialize: Serialize) {
  if (res.headersSent || res.destroyed) return;
  let body: string | undefined;
  try {
    body = serialize(reply.body, reply.headers['content-type']);
  } catch (error) {
    return write(res, method, failure(error), serialize);
  }
  const headers: Record<string, string | number> = { ...reply.headers, 'content-length': body === undefined ? 0 : Buffer.byteLength(body) };
  headers['x-request-id'] ??= requestId();
  res.writeHead(reply.status, headers);
  // A string, not its bytes: Node then sends the head and the body in one write.
  res.end(method === 'HEAD' ? undefined : body);
}

/** Answers in the provider's shape and closes the connection: its remaining bytes cannot be trusted. */
function closeWith(res: ServerResponse, status: number, message: string, serialize: Serialize = (body) => JSON.stringify(body)) {
  if (res.headersSent || res.destroyed) return;
  res.shouldKeepAlive = false;
  res.once('finish', () => res.socket?.destroy());
  write(res, res.req.method, { status, headers: { 'content-type': 'application/json', connection: 'close' }, body: mockError(status, message) }, serialize);
}

/** The same on a socket no request owns (Node could not read one), written by hand. */
function closeSocket(socket: Socket, status: number, message: string) {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify(mockError(status, message));
  const head = `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId()}\r\nConnection: close\r\n\r\n`;
  socket.end(head + body, () => socket.destroy());
}

function failure(error: unknown): MockAnswer {
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, headers: { 'content-type': 'application/json' }, body: mockError(500, `The mock failed (a defect of the mock): ${message}`) };
}
