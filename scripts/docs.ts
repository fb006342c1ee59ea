/**
 * `docs:landing` (part of `npm run docs`): writes the landing page (generated/docs/index.html) from
 * the bundles in generated/, the changelog page (changelog.html) from CHANGELOG.md, and copies every
 * bundle (YAML and JSON, per service and combined) beside them for download, so that generated/docs/
 * is the whole site. It removes the pages and bundles of services that redocly.yaml no longer lists.
 * Each service's page is its own build step (`docs:<service>` in package.json), Redocly's
 * `build-docs` on that service's bundle (`--inlineBundle`, telemetry off; Redoc's options are in
 * redocly.yaml's `openapi:`), so an edit to one service renders only that service's page again.
 *
 * Usage: tsx scripts/docs.ts
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChangelog } from './docs-changelog.js';
import { CHANGELOG_PAGE, downloadsOf, renderLanding } from './docs-landing.js';
import { loadServices } from './docs-services.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'generated', 'docs');

async function main(): Promise<void> {
  const { overview, combinedBundle, services } = await loadServices(root);
  await mkdir(outDir, { recursive: true });

  // The downloads: each bundle and its JSON twin, copied from where `npm run bundle` writes them.
  const bundles = [combinedBundle, ...services.map(({ bundle }) => bundle)];
  const downloads = new Set<string>();
  for (const bundle of bundles) {
    const { yaml, json } = downloadsOf(bundle);
    await copyFile(join(root, bundle), join(outDir, yaml));
    await copyFile(join(root, dirname(bundle), json), join(outDir, json));
    downloads.add(yaml).add(json);
  }

  // Pages and bundles of services that no longer exist must not linger (the test of package.json's
  // docs steps keeps one `docs:<service>` step per service in redocly.yaml, and no other).
  const kept = new Set(['index.html', CHANGELOG_PAGE, ...services.map(({ name }) => `${name}.html`), ...downloads]);
  for (const file of await readdir(outDir)) {
    if (!kept.has(file)) {
      await rm(join(outDir, file));
      console.log(`removed ${join(outDir, file)}: not a page or a bundle of a service redocly.yaml lists`);
    }
  }

  await writeFile(join(outDir, 'index.html'), renderLanding(overview, combinedBundle, services));
  const changelog = await readFile(join(root, 'CHANGELOG.md'), 'utf8');
  await writeFile(join(outDir, CHANGELOG_PAGE), renderChangelog(changelog, overview.info.title));
  console.log(`landing page, changelog and ${downloads.size} bundles -> ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
