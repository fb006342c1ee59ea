import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnswerer, type AfterPrism } from './prism/answer.js';
import { createMockServer } from './http/server.js';
import { loadPrism } from './prism/library.js';
import type { MockOptions, RunningMock } from './options.js';

const HOST = '127.0.0.1';

/**
 * The combined bundle of all the operations. The same relative path works from `src/mock/`
 * (repository, tsx, vitest) and from `dist/mock/` (the published package, which ships
 * `generated/openapi.json`).
 */
export const DEFAULT_DOCUMENT = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));

/**
 * The mock's parts put together: Prism's library answering from a `node:http` server, with a step
 * over Prism's chosen answer (`afterPrism`: the job simulation, or a test's own) kept out of
 * startMock's published signature.
 */
export async function launchMock(options: MockOptions, afterPrism?: AfterPrism): Promise<RunningMock> {
  const port = parsePort(options.port ?? 0, 'startMock({ port })');
  const headersTimeoutMs = timeout(options.headersTimeoutMs, 'headersTimeoutMs');
  const bodyTimeoutMs = timeout(options.bodyTimeoutMs, 'bodyTimeoutMs');
  const prism = loadPrism();
  const documentPath = resolve(options.document ?? DEFAULT_DOCUMENT);
  const operations = await prism.operations(documentPath).catch((error: unknown) => {
    throw new Error(`Prism cannot read ${documentPath}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (operations.length === 0) throw new Error(`${documentPath} has no operations to serve`);

  const server = createMockServer(createAnswerer(prism, operations, afterPrism), prism.serialize, { headersTimeoutMs, bodyTimeoutMs });
  const url = await listen(server, port);
  const stop = () => close(server);
  try {
    await answers(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

function timeout(value: number | undefined, name: string): number {
  if (value === undefined) return 10_000;
  if (!Number.isInteger(value) || value < 1 || value > 3_600_000) throw new RangeError(`startMock({ ${name} }) must be whole milliseconds from 1 to 3600000, not ${value}`);
  return value;
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${HOST} is in use; pick another one`) : error),
    );
    server.listen(port, HOST, () => resolve(`http://${HOST}:${(server.address() as AddressInfo).port}`));
  });
}

/** One round trip; any HTTP answer will do. */
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

/**
 * A TCP port from `PORT` or `startMock({ port })`: a decimal integer from 0 to 65535 (0 picks a free
 * port), given as a number or as digits only. Anything else (`'80abc'`, `'0x50'`, `1e3` as text,
 * `-1`, `8080.5`, `' 80'`) is refused with an error naming `what` and the value, before anything starts.
 */
export function parsePort(value: unknown, what: string): number {
  const port = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    const shown = typeof value === 'string' ? `'${value}'` : String(value);
    throw new RangeError(`${what} must be a port number from 0 to 65535 (decimal digits), not ${shown}`);
  }
  return port;
}
