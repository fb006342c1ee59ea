/** The docs' static server: 127.0.0.1 only, a free port by default, nothing outside its root. */
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveDocs, type DocsServer } from '../../scripts/docs-server.js';

let dir: string;
let server: DocsServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docs-server-'));
  await mkdir(join(dir, 'site'));
  await writeFile(join(dir, 'site', 'index.html'), '<p>landing</p>');
  await writeFile(join(dir, 'site', 'cse.html'), '<p>cse</p>');
  await writeFile(join(dir, 'secret.txt'), 'outside the root');
  server = await serveDocs(join(dir, 'site'));
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request, so that the path reaches the server exactly as written. */
function get(path: string, method = 'GET'): Promise<{ status: number; type?: string; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', reject).end();
  });
}

test('binds 127.0.0.1 on a free port', () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(new URL(server.url).port).not.toBe('0');
});

test('serves the landing page at / and pages as HTML', async () => {
  expect(await get('/')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<p>landing</p>' });
  expect(await get('/cse.html?x=1#/cse')).toMatchObject({ status: 200, body: '<p>cse</p>' });
});

test('answers 404 for missing files and for paths that leave the root', async () => {
  expect((await get('/nope.html')).status).toBe(404);
  expect((await get('/..%2fsecret.txt')).status).toBe(404);
  expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
  expect((await get('/%E0%A4%A')).status).toBe(404);
});

test('only reads: other methods get 405', async () => {
  expect((await get('/', 'POST')).status).toBe(405);
});

test('a busy port is an error, not a silent switch to another port', async () => {
  const { port } = new URL(server.url);
  await expect(serveDocs(join(dir, 'site'), Number(port))).rejects.toMatchObject({ code: 'EADDRINUSE' });
});
