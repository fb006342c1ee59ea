/**
 * The committed pages in generated/docs/ (built by `npm run docs`; CI rebuilds them and fails on
 * any difference): exactly the five pages and the eight bundles, each page self-contained, with telemetry off.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './bundle.js';

const DOCS = join(ROOT, 'generated', 'docs');

const BUNDLES = ['openapi', 'cse.openapi', 'workspace.openapi', 'servicestage.openapi'].flatMap((name) => [`${name}.yaml`, `${name}.json`]);

test('generated/docs holds the landing page, the changelog page, one page per service and the bundles to download', async () => {
  expect((await readdir(DOCS)).sort()).toEqual(['changelog.html', 'cse.html', 'index.html', 'servicestage.html', 'workspace.html', ...BUNDLES].sort());
});

test('the bundles to download are the bundles in generated/, byte for byte', async () => {
  for (const file of BUNDLES) expect(await readFile(join(DOCS, file), 'utf8'), file).toBe(await readFile(join(ROOT, 'generated', file), 'utf8'));
});

test('every page is self-contained: Redoc inlined, not loaded from its CDN; telemetry off', async () => {
  for (const page of ['cse.html', 'servicestage.html', 'workspace.html']) {
    const html = await readFile(join(DOCS, page), 'utf8');
    // Without --inlineBundle, build-docs preloads Redoc in <head> and imports it from the CDN.
    expect(html.slice(0, html.indexOf('<body>')), page).not.toMatch(/\b(src|href)=/);
    expect(html, page).not.toContain('import { hydrate } from "http');
    expect(html, page).toContain('"disableTelemetry":true');
  }
});
