/**
 * `npm run docs`: renders one Redoc page per service from its published bundle in generated/ (the
 * bundles carry the code samples) with Redocly's build-docs, then writes the landing page.
 * Every page is self-contained (`--inlineBundle`) and has telemetry off. Redoc's options are in
 * redocly.yaml (`openapi:`).
 *
 * Usage: tsx scripts/docs.ts [out-dir]   (default generated/docs; the tests build into a temp dir)
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderLanding } from './docs-landing.js';
import { loadServices } from './docs-services.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const redocly = join(root, 'node_modules', '.bin', 'redocly');

async function buildPage(bundle: string, output: string): Promise<void> {
  try {
    await promisify(execFile)(redocly, ['build-docs', bundle, '--inlineBundle', '--output', output], {
      cwd: root,
      // Off for the CLI, and (build-docs reads the same switch) for the rendered page, which
      // would otherwise send telemetry from the reader's browser.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    // Drop the CLI's boxed notices (Node 20, Redoc 3) so the actual error stands out.
    const output = (stderr || stdout || String(error)).replace(/^\s*[╔║╚].*\n?/gm, '').trim();
    throw new Error(`redocly build-docs ${bundle} failed:\n${output}`);
  }
}

async function main(outDir: string): Promise<void> {
  const { overview, services } = await loadServices(root);
  await mkdir(outDir, { recursive: true });
  // Pages of services that no longer exist must not linger.
  for (const file of await readdir(outDir)) if (file.endsWith('.html')) await rm(join(outDir, file));
  for (const { name, bundle } of services) {
    const page = join(outDir, `${name}.html`);
    await buildPage(bundle, page);
    console.log(`${bundle} -> ${page}`);
  }
  await writeFile(join(outDir, 'index.html'), renderLanding(overview, services));
  console.log(`landing page -> ${join(outDir, 'index.html')}`);
}

main(resolve(process.argv[2] ?? join(root, 'generated', 'docs'))).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
