/** Reading requests and writing responses for the layer in front of Prism. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ProviderError } from './provider-error.js';

/** Prism's own body limit (micri's `10mb`): larger bodies get 413 here, as there. */
export const BODY_LIMIT = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<{ body: Buffer | undefined; tooLarge: boolean }> {
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: hasBody ? Buffer.concat(chunks) : undefined, tooLarge: size > BODY_LIMIT }));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, method: string | undefined, status: number, upstream: IncomingHttpHeaders, error: ProviderError) {
  const body = Buffer.from(JSON.stringify(error));
  const headers = passHeaders(upstream, body.length);
  headers['content-type'] = 'application/json';
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

/** Prism's headers minus the per-connection ones, with a request ID like every real answer has. */
export function passHeaders(upstream: IncomingHttpHeaders, length: number): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...upstream };
  for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'content-length']) delete headers[name];
  headers['content-length'] = length;
  headers['x-request-id'] ??= randomUUID().replace(/-/g, '');
  return headers;
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
