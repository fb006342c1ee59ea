/**
 * startMock() as other teams use it: a free port, ready when it resolves, Prism's own output when
 * it cannot start, a clear error without Prism, and no process left behind by stop().
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT } from '../../src/mock/document.js';
import { startMock } from '../../src/mock/index.js';
import { resolvePrismCli } from '../../src/mock/prism-cli.js';
import { JSON_BODY, operation, send } from './fixtures.js';

/** PIDs of this process's children that run Prism. */
function prismChildren(): string[] {
  let listing = '';
  try {
    listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when there is no child at all
  }
  return listing
    .split('\n')
    .filter((line) => line.includes('prism-cli'))
    .map((line) => line.trim().split(/\s+/)[0]!);
}

async function refuses(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

describe('startMock', () => {
  it('serves on a free port once it resolves, and stop() leaves no process behind', async () => {
    const before = prismChildren();
    const started = performance.now();
    const mock = await startMock();
    console.log(`startMock: ready in ${Math.round(performance.now() - started)} ms at ${mock.url}`);

    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const spawned = prismChildren().filter((pid) => !before.includes(pid));
    expect(spawned).toHaveLength(1);
    const op = operation('RetryEngine');
    expect((await send(mock.url, { method: op.method, path: op.path, headers: JSON_BODY, body: op.body })).status).toBe(200);

    await mock.stop();
    expect(prismChildren()).toEqual(before);
    expect(() => process.kill(Number(spawned[0]), 0)).toThrow(/ESRCH/);
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

  describe('when it cannot start', () => {
    let busy: Server | undefined;
    afterAll(() => new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve())));

    it("rejects with Prism's own output, and leaves no process", async () => {
      const before = prismChildren();
      const document = join(import.meta.dirname, 'fixtures', 'no-operations.openapi.json');
      await expect(startMock({ document })).rejects.toThrow(/Prism exited \(code 1\) before listening[\s\S]*No operations found in the current file/);
      expect(prismChildren()).toEqual(before);
    });

    it('rejects when the port is taken, and leaves no process', async () => {
      busy = createServer();
      const port = await new Promise<number>((resolve) => busy!.listen(0, '127.0.0.1', () => resolve((busy!.address() as { port: number }).port)));
      const before = prismChildren();
      await expect(startMock({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is in use`);
      expect(prismChildren()).toEqual(before);
    });
  });
});

describe('resolvePrismCli', () => {
  it('finds the installed prism command', () => {
    expect(resolvePrismCli()).toMatch(/node_modules\/@stoplight\/prism-cli\/dist\/index\.js$/);
  });

  it('names the package to install when Prism is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-prism-'));
    try {
      expect(() => resolvePrismCli(pathToFileURL(join(empty, 'index.js')))).toThrow('npm install -D @stoplight/prism-cli@5.14.2');
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
