/**
 * No word that only makes sense inside the work on this repository (wording.ts) in what users read:
 * the OpenAPI sources, the bundles, the pages the docs build writes itself (the landing and changelog
 * pages), the READMEs (the repository's, the mock package's, the benchmarks'), CHANGELOG.md and the
 * guides in docs/. The Redoc pages' rendered text is checked in Chromium (pages.test.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './bundle.js';
import { internalWords } from './wording.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return (await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)])))).flat();
}

/** The visible text of a page written without scripts: its markup and styles dropped, entities decoded. */
const textOf = (html: string): string =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" })[e]!);

test.each([
  'Not on the seed pages',
  'the fifth session measured it',
  'as issue 12 asked',
  'see #25',
  'as in run K',
  'runs H and I',
  'a later pass',
  'the lead merges it',
  'what a helper wrote',
  'TODO: say more',
  "**Why a cold build is not ≤ 0.7× the serial sum** (issue 13's target)",
  "30.7 s of CPU in this session's run",
])('finds the internal words in %j', (text) => {
  expect(internalWords(text)).not.toEqual([]);
});

test.each([
  "Run an action on a component instance; IAM's POST /v3/auth/tokens issues it in the X-Subject-Token header.",
  'taskExecutorBrief, Retry-After, a run of 3 tasks, step 2 of 3, ServiceStage job SVCSTG.00100400',
])('leaves the reader\'s words alone: %j', (text) => {
  expect(internalWords(text)).toEqual([]);
});

test('none in openapi/ (descriptions, examples, code samples)', async () => {
  const found: string[] = [];
  for (const file of await filesUnder(join(ROOT, 'openapi'))) {
    for (const hit of internalWords(await readFile(file, 'utf8'))) found.push(`${relative(ROOT, file)}: ${hit}`);
  }
  expect(found).toEqual([]);
});

/** The Markdown files users read: in the repository, in the npm packages, or through the README's links. */
async function markdownUsersRead(): Promise<string[]> {
  const docs = (await readdir(join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => join(ROOT, 'docs', name));
  return [join(ROOT, 'README.md'), join(ROOT, 'CHANGELOG.md'), join(ROOT, 'packages', 'mock', 'README.md'), join(ROOT, 'bench', 'README.md'), ...docs];
}

test('the Markdown files checked include every guide in docs/', async () => {
  const files = (await markdownUsersRead()).map((file) => relative(ROOT, file));
  expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'docs/client.md', 'docs/mock.md', 'docs/architecture.md', 'docs/build.md', 'docs/releases.md', 'docs/generating-clients.md']));
});

test('none in the READMEs, the changelog or the guides in docs/', async () => {
  const found: string[] = [];
  for (const file of await markdownUsersRead()) {
    for (const hit of internalWords(await readFile(file, 'utf8'))) found.push(`${relative(ROOT, file)}: ${hit}`);
  }
  expect(found).toEqual([]);
});

test('none in the bundles, the landing page or the changelog page', async () => {
  const found: string[] = [];
  for (const file of await filesUnder(join(ROOT, 'generated', 'docs'))) {
    if (/\.(yaml|json)$/.test(file) || /(index|changelog)\.html$/.test(file)) {
      const text = await readFile(file, 'utf8');
      for (const hit of internalWords(file.endsWith('.html') ? textOf(text) : text)) found.push(`${relative(ROOT, file)}: ${hit}`);
    }
  }
  expect(found).toEqual([]);
});
