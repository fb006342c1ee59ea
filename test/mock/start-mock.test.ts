/**
 * startMock() as other teams use it: in this process (no child process), a free port, ready when
 * it resolves, strict options, clear errors for a document Prism cannot read, a busy port or a
 * missing Prism, and nothing left listening after stop().
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import { DEFAULT_DOCUMENT, parsePort } from '../../src/mock/launch.js';
import { loadPrism, PRISM_PACKAGES } from '../../src/mock/prism/library.js';
import { JSON_BODY, operation, send } from './fixtures.js';

function children(): string {
  try {
    const listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    return listing.split('\n').filter((line) => line.trim() && !line.includes('ps -o')).join('\n');
  } catch {
    return ''; // ps exits 1 when there is no child at all
  }
}

/** True when a new connection is refused (fetch's pooled keep-alive socket may first report its close). */
async function refuses(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return false;
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED') return true;
      if (code !== 'UND_ERR_SOCKET') return false;
    }
  }
  return false;
}

describe('startMock', () => {
  it('serves on a free port once it resolves, starts no process, and stop() closes it', async () => {
    const before = children();
    const started = performance.now();
    const mock = await startMock();
    console.log(`startMock: ready in ${Math.round(performance.now() - started)} ms at ${mock.url}`);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(children()).toBe(before);
    const op = operation('RetryEngine');
    expect((await send(mock.url, { method: op.method, path: op.path, headers: JSON_BODY, body: op.body })).status).toBe(200);
    await mock.stop();
    expect(await refuses(mock.url)).toBe(true);
  });

  it('listens on the port it is given', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const mock = await startMock({ port: free });
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${free}`);
    } finally {
      await mock.stop();
    }
  });

  it.each([-1, 65_536, 80.5, Number.NaN, '0x50' as unknown as number])('refuses port %s before starting anything', async (port) => {
    await expect(startMock({ port })).rejects.toThrow(/startMock\(\{ port \}\) must be a port number from 0 to 65535/);
  });

  it.each([['headersTimeoutMs', 0], ['bodyTimeoutMs', 1.5]])('refuses %s = %s', async (name, value) => {
    await expect(startMock({ [name]: value })).rejects.toThrow(`startMock({ ${name} }) must be whole milliseconds`);
  });

  describe('when it cannot start', () => {
    let busy: Server | undefined;
    afterAll(() => new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve())));

    it('rejects for a document without operations', async () => {
      const document = join(import.meta.dirname, 'fixtures', 'no-operations.openapi.json');
      await expect(startMock({ document })).rejects.toThrow(`${document} has no operations to serve`);
    });

    it('rejects, naming the file, for a document Prism cannot read', async () => {
      await expect(startMock({ document: '/nonexistent/openapi.json' })).rejects.toThrow(/Prism cannot read \/nonexistent\/openapi\.json/);
    });

    it('rejects when the port is taken', async () => {
      busy = createServer();
      const port = await new Promise<number>((resolve) => busy!.listen(0, '127.0.0.1', () => resolve((busy!.address() as { port: number }).port)));
      await expect(startMock({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is in use`);
    });
  });
});

describe('parsePort (PORT and startMock({ port }))', () => {
  it.each([['0', 0], ['4010', 4010], ['65535', 65_535], [8080, 8080]])('accepts %s', (value, port) => {
    expect(parsePort(value, 'PORT')).toBe(port);
  });

  it.each(['', ' 80', '80 ', '+80', '-1', '0x50', '1e3', '80.0', '65536', '99999', 'http', '８０'])('refuses %j', (value) => {
    expect(() => parsePort(value, 'PORT')).toThrow(`PORT must be a port number from 0 to 65535 (decimal digits), not '${value}'`);
  });
});

describe('loadPrism', () => {
  it("loads Prism's library at the pinned versions, which the mock package's dependencies name", async () => {
    expect(typeof loadPrism().request).toBe('function');
    const pkg = (await import('../../packages/mock/package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toEqual(PRISM_PACKAGES);
  });

  it('names the packages to install when Prism is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-prism-'));
    try {
      expect(() => loadPrism(pathToFileURL(join(empty, 'index.js')))).toThrow(
        'npm install -D @stoplight/prism-http@5.12.0 @stoplight/prism-core@5.8.0 @stoplight/prism-http-server@5.12.2',
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the served document', () => {
  it('is the combined bundle, found relative to the module (src/mock/ here, dist/mock/ when installed)', () => {
    expect(DEFAULT_DOCUMENT).toBe(join(import.meta.dirname, '..', '..', 'generated', 'openapi.json'));
  });
});
