/**
 * A static file server for the rendered docs, bound to 127.0.0.1 only. The preview script and the
 * browser tests share it so that what a reader previews is exactly what the tests check.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A malformed escape decodes to a name no file has, so it ends in a 404 like any missing file. */
function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return '/\0';
  }
}

export interface DocsServer {
  /** Base URL ending in `/`, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the files under `root` on 127.0.0.1. `port` 0 (the default) picks a free port.
 * `/` and directory-like paths serve `index.html`; paths that escape `root` get 404.
 */
export function serveDocs(root: string, port = 0): Promise<DocsServer> {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = resolve(base, `.${safeDecode(pathname).replace(/\/$/, '/index.html')}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!file.startsWith(base + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolveServer({
        url: `http://127.0.0.1:${bound}/`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}
