import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { findOperation, type MockDocument } from './document.js';
import { escapeUnsafeNames, restoreNames } from './header-safe-names.js';
import { BODY_LIMIT, header, parseJson, passHeaders, readBody, send } from './http-io.js';
import { describeOneOfBody } from './one-of.js';
import { failureReason, isProblemJson, serverFailure } from './prism-answer.js';
import type { PrismProcess } from './prism-process.js';
import { fromProblem, invalidRequest, isProviderError, mockError, type Problem } from './provider-error.js';
import { findUnreadable } from './unreadable.js';
import { forward, type UpstreamRequest, type UpstreamResponse } from './upstream.js';
import { describeViolation, parseViolations, requestErrors } from './violations.js';

const UPSTREAM_TIMEOUT_MS = 10_000;

/** What the layer forwards to; a promise so the port can be taken before Prism starts. */
export interface Upstream {
  prism: PrismProcess;
  document: MockDocument;
}

/**
 * The layer in front of Prism. Prism validates every request and picks every response; this
 * server only forwards, then puts Prism's findings into the provider's error shape:
 * - a 400 whose `sl-violations` header lists request errors: the operation's documented 400
 *   example keeps its `error_code`, and `error_msg` lists each violation ("where: why");
 * - Prism's problem+json errors (no route, wrong method, bad `Prefer`): `{error_code, error_msg}`
 *   with Prism's status;
 * - requests Prism cannot parse (malformed JSON, see also unreadable.ts): 400 with the reason.
 * Everything else (documented examples, 401s) passes through untouched.
 */
export function createFrontServer(upstream: Promise<Upstream>): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  // The response still being prepared on a socket: a parse error there must not answer first.
  const inFlight = new WeakMap<object, ServerResponse>();
  const server = http.createServer((req, res) => {
    inFlight.set(req.socket, res);
    res.once('finish', () => inFlight.delete(req.socket));
    const answered = upstream.then(({ prism, document }) => handle(req, res, prism, document, agent));
    answered.catch(async (error: unknown) => {
      const prism = await upstream.then((u) => u.prism, () => undefined);
      const message = error instanceof Error ? error.message : String(error);
      const status = !prism || prism.exited ? 502 : 504;
      const why = prism?.exited ? `Prism has exited. Its last output:\n${prism.output()}` : message;
      if (!res.headersSent) send(res, req.method, status, {}, mockError(status, `The mock failed: ${why}`));
      else res.destroy();
    });
  });
  // Bytes that are no HTTP request (a body without Content-Length, say) never reach a handler;
  // Node would answer a bare 400. Answer in the provider's shape like everything else.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const pending = inFlight.get(socket);
    if (pending) return void pending.once('finish', () => socket.end());
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify(mockError(status, `Malformed HTTP request (${error.code ?? error.message})`));
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  server.on('close', () => agent.destroy());
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, prism: PrismProcess, document: MockDocument, agent: http.Agent) {
  const { body, tooLarge } = await readBody(req);
  const request: UpstreamRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
  const ask = (r: UpstreamRequest) => forward(prism.url, r, agent, UPSTREAM_TIMEOUT_MS);

  // Ask Prism how it answers the same request without the part it cannot read: that gives the
  // gateway's 401 for a missing credential, 404/405 for no such operation, or the operation's
  // documented 400, whose error_code is kept.
  const answerUnreadable = async (reasons: string[], status: number, path = request.path) => {
    const headers = { ...request.headers, prefer: 'code=400' };
    delete headers['content-type'];
    delete headers.accept;
    const probe = await ask({ method: request.method, path, headers, body: undefined });
    const example = parseJson(probe.body);
    if (probe.status === 400 && isProviderError(example)) {
      return send(res, req.method, status, probe.headers, invalidRequest(example.error_code, reasons));
    }
    // Prism cannot read even the probe, so no operation can be named: answer for the mock.
    if (serverFailure(probe, request.method)) return send(res, req.method, 400, {}, invalidRequest('MOCK.0400', reasons));
    reply(probe);
  };

  const reply = (answer: UpstreamResponse, names = new Map<string, string>()) => {
    const json = parseJson(answer.body);
    if (isProblemJson(answer)) {
      return send(res, req.method, answer.status, answer.headers, fromProblem((json ?? {}) as Problem, answer.status));
    }
    const found = parseViolations(header(answer.headers['sl-violations']));
    const errors = requestErrors(found.violations).map((v) => restoreNames(v, names));
    if (answer.status === 400 && (errors.length > 0 || found.truncated) && isProviderError(json)) {
      const reasons = describeAll(document, request, errors);
      if (found.truncated) reasons.push('… more violations (Prism cut its list at 8 KiB)');
      return send(res, req.method, 400, answer.headers, invalidRequest(json.error_code, reasons));
    }
    res.writeHead(answer.status, passHeaders(answer.headers, answer.body.length));
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  };

  if (tooLarge) return answerUnreadable([`body: larger than Prism's limit of ${BODY_LIMIT} bytes`], 413);
  const unreadable = findUnreadable(request.path, request.headers);
  if (unreadable) return answerUnreadable(unreadable.reasons, 400, unreadable.path);

  const escaped = escapeUnsafeNames(body);
  const answer = await ask({ ...request, body: escaped.body });
  const failure = serverFailure(answer, request.method);
  if (failure) return answerUnreadable([failureReason(failure, body)], answer.status >= 500 ? 400 : answer.status);
  return reply(answer, escaped.names);
}

/** The violations as "where: why", narrowed to the chosen branch for a discriminated oneOf body. */
function describeAll(document: MockDocument, request: UpstreamRequest, errors: ReturnType<typeof requestErrors>): string[] {
  const contentType = header(request.headers['content-type']);
  const inBody = errors.filter((v) => v.location[1] === 'body');
  const rest = errors.filter((v) => v.location[1] !== 'body').map((v) => describeViolation(v, contentType));
  const operation = findOperation(document, request.method, request.path);
  const body = request.body ? parseJson(request.body) : undefined;
  const bodyReasons =
    (operation && inBody.length > 0 ? describeOneOfBody(document, operation.bodySchema, body, inBody) : undefined) ??
    inBody.map((v) => describeViolation(v, contentType));
  return [...new Set([...rest, ...bodyReasons])];
}
