import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

export interface UpstreamRequest {
  method: string;
  /** Path and query, exactly as received. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Headers that belong to one connection, not to the request (RFC 9110 §7.6.1), or that the
// body's new length replaces.
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'expect', 'host', 'content-length'];

/**
 * Sends a request to Prism and buffers its answer. Rejects when Prism is unreachable or stays
 * silent for `timeoutMs` (TOOLCHAIN.md: some Prism releases never answer some requests), so the
 * caller can answer instead of hanging.
 */
export function forward(baseUrl: string, request: UpstreamRequest, agent: http.Agent, timeoutMs: number): Promise<UpstreamResponse> {
  const target = new URL(baseUrl);
  const headers: OutgoingHttpHeaders = { ...request.headers };
  for (const name of HOP_BY_HOP) delete headers[name];
  if (request.body) headers['content-length'] = request.body.length;
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.path, headers, agent, timeout: timeoutMs },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: Buffer.concat(chunks) }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`Prism did not answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
