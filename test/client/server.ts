/**
 * A real HTTP server on 127.0.0.1 for the client tests: it records every request and answers each
 * from a script. Started on a free port; `close` ends it and every open connection.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when the request was complete. */
  at: number;
}

export interface Reply {
  status: number;
  /** The reason phrase; Node's standard one when omitted. */
  reason?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Returns the reply, or handles `res` itself and returns undefined (to hang, stall or cut). */
export type Script = (request: Received, index: number, res: ServerResponse) => Reply | undefined;

export interface TestServer {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

export const REQUEST_ID = '9b3c1e0a6f2d4c8e8a7b5d4c3b2a1f0e';

/** A JSON reply with an X-Request-Id, like the provider's. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': REQUEST_ID, ...headers },
    body: JSON.stringify(body),
  };
}

/** Replies in order; the last one repeats. */
export function replies(...list: Reply[]): Script {
  return (_request, index) => list[Math.min(index, list.length - 1)];
}

export async function startServer(script: Script): Promise<TestServer> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(received);
      const reply = script(received, requests.length - 1, res);
      if (reply) res.writeHead(reply.status, reply.reason, reply.headers).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A 127.0.0.1 URL where nothing listens: a port that was free a moment ago. */
export async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
