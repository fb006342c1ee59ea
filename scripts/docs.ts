/**
 * `docs:landing` (part of `npm run docs`): writes the landing page, generated/docs/index.html, from
 * the bundles in generated/, and removes the pages of services that redocly.yaml no longer lists.
 * Each service's page is its own build step (`docs:<service>` in package.json), Redocly's
 * `build-docs` on that service's bundle (`--inlineBundle`, telemetry off; Redoc's options are in
 * redocly.yaml's `openapi:`), so an edit to one service renders only that service's page again.
 *
 * Usage: tsx scripts/docs.ts
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLanding } from './docs-landing.js';
import { loadServices } from './docs-services.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'generated', 'docs');

async function main(): Promise<void> {
  const { overview, services } = await loadServices(root);
  await mkdir(outDir, { recursive: true });
  // Pages of services that no longer exist must not linger (the test of package.json's docs steps
  // keeps one `docs:<service>` step per service in redocly.yaml, and no other).
  const pages = new Set(services.map(({ name }) => `${name}.html`));
  for (const file of await readdir(outDir)) {
    if (file.endsWith('.html') && file !== 'index.html' && !pages.has(file)) {
      await rm(join(outDir, file));
      console.log(`removed ${join(outDir, file)}: no such service in redocly.yaml`);
    }
  }
  await writeFile(join(outDir, 'index.html'), renderLanding(overview, services));
  console.log(`landing page -> ${join(outDir, 'index.html')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
