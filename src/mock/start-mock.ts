import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_DOCUMENT, loadDocument } from './document.js';
import { createFrontServer, type Upstream } from './front-server.js';
import { resolvePrismCli } from './prism-cli.js';
import { spawnPrism, type PrismProcess } from './prism-process.js';

export interface MockOptions {
  /** Port on 127.0.0.1; a free one when omitted or 0. */
  port?: number;
  /** OpenAPI document (JSON) to serve; the package's bundle of all five operations by default. */
  document?: string;
  /** How long Prism may take to start, in milliseconds (default 30 000). */
  startTimeoutMs?: number;
}

export interface RunningMock {
  /** Base URL to give the client, e.g. `http://127.0.0.1:4010`; operations are at `/v2/...`. */
  url: string;
  /** Closes the server and ends the Prism process; resolves once both are gone. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Starts the mock: Prism (`prism mock`, a child process) serving the bundle, behind a small
 * server that puts Prism's validation findings into the provider's error bodies. Resolves once
 * the mock has answered a request; rejects with Prism's own output when Prism cannot start, and
 * with a message naming `@stoplight/prism-cli` when it is not installed.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const cli = resolvePrismCli();
  const documentPath = resolve(options.document ?? DEFAULT_DOCUMENT);
  let ready!: (upstream: Upstream) => void;
  let failed!: (error: unknown) => void;
  const upstream = new Promise<Upstream>((res, rej) => ((ready = res), (failed = rej)));
  upstream.catch(() => undefined); // requests racing a failed start are answered 502 by the server
  // Take the port first: a busy one fails at once, before Prism is spawned.
  const server = createFrontServer(upstream);
  const url = await listen(server, options.port ?? 0);
  let prism: PrismProcess | undefined;
  const stop = async () => {
    await close(server);
    await prism?.stop();
  };
  try {
    const document = loadDocument(documentPath);
    prism = await spawnPrism(cli, documentPath, options.startTimeoutMs ?? 30_000);
    ready({ prism, document: await document });
    await answers(url);
    return { url, stop };
  } catch (error) {
    failed(error);
    await stop();
    throw error;
  }
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${HOST} is in use; pick another one`) : error),
    );
    server.listen(port, HOST, () => resolve(`http://${HOST}:${(server.address() as AddressInfo).port}`));
  });
}

/** One round trip through both servers; any HTTP answer will do. */
async function answers(url: string): Promise<void> {
  const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
}

function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
