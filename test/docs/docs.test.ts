/**
 * The committed pages in generated/docs/ (built by `npm run docs`; CI rebuilds them and fails on
 * any difference): exactly the four pages, each self-contained, with telemetry off.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './bundle.js';

const DOCS = join(ROOT, 'generated', 'docs');

test('generated/docs holds the landing page and one page per service', async () => {
  expect((await readdir(DOCS)).sort()).toEqual(['cse.html', 'index.html', 'servicestage.html', 'workspace.html']);
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
