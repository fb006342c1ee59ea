/**
 * `npm run docs`: building again gives, byte for byte, what is committed in generated/docs/, so the
 * published docs are current (with the bundles and the samples) and the build is reproducible.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from './bundle.js';

const out = await mkdtemp(join(tmpdir(), 'docs-build-'));
afterAll(() => rm(out, { recursive: true, force: true }));

test('a fresh build equals generated/docs (run npm run docs after changing a bundle or a sample)', async () => {
  await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'docs.ts'), out], { cwd: ROOT });
  const committed = join(ROOT, 'generated', 'docs');
  const files = (await readdir(out)).sort();
  expect(files).toEqual(['cse.html', 'index.html', 'servicestage.html', 'workspace.html']);
  expect((await readdir(committed)).sort()).toEqual(files);
  for (const file of files) {
    const [built, published] = await Promise.all([readFile(join(out, file)), readFile(join(committed, file))]);
    expect(built.equals(published), `${file} differs from a fresh build`).toBe(true);
  }
});

test('every page is self-contained: Redoc inlined, not loaded from its CDN; telemetry off', async () => {
  for (const page of ['cse.html', 'servicestage.html', 'workspace.html']) {
    const html = await readFile(join(out, page), 'utf8');
    // Without --inlineBundle, build-docs preloads Redoc in <head> and imports it from the CDN.
    expect(html.slice(0, html.indexOf('<body>')), page).not.toMatch(/\b(src|href)=/);
    expect(html, page).not.toContain('import { hydrate } from "http');
    expect(html, page).toContain('"disableTelemetry":true');
  }
});
