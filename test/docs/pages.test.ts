/**
 * The rendered docs in generated/docs/, served on 127.0.0.1 and opened in headless Chromium with
 * no network beyond 127.0.0.1: every operation's summary, method and path, its request and 200
 * examples and its code samples are visible; each page is opened once and checked whole; the overview shows the description, the servers
 * with their regions, and the authentication schemes; the landing page links land on the
 * operations; each action links to the operation that follows its job and back; the request
 * example a reader can pick is the body both code samples send; the copy button covers no line of a
 * sample; every in-page link lands on an element, and every other link is a document the server
 * has; no word of the pages only makes sense inside the work on this repository; no console errors;
 * no request leaves 127.0.0.1 except ALLOWED_EXTERNAL_URLS.
 * With DOCS_SCREENSHOTS=1, full-page screenshots go to test-output/docs/ for a reviewer (they check
 * nothing, and growing each page to its full height and rendering it cost ~3 s of CPU per run).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test, type ExpectStatic } from 'vitest';
import { STATUS_OPERATIONS } from '../../src/client/job.js';
import { CHANGELOG_PAGE, downloadsOf, operationHref, redocSlug } from '../../scripts/docs-landing.js';
import { serveDocs, type DocsServer } from '../../scripts/docs-server.js';
import { launchChromium, openWatchedPage, OUR_DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES, type WatchedPage } from './browser.js';
import { documentedServices, EXPECTED_OPERATIONS, ROOT, type DocumentedOperation } from './bundle.js';
import { followInPageLinks } from './links.js';
import { internalWords } from './wording.js';

const DOCS = join(ROOT, 'generated', 'docs');
const SCREENSHOTS = join(ROOT, 'test-output', 'docs');
const { overview, combinedBundle, services } = await documentedServices();
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

let server: DocsServer;
let browser: Browser;
let browserSession: CDPSession;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  server = await serveDocs(DOCS);
  browser = await launchChromium();
  browserSession = await browser.newBrowserCDPSession();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page with the network watched, runs `check`, then asserts nothing left 127.0.0.1 and nothing logged an error. */
async function withPage(expect: ExpectStatic, check: (watched: WatchedPage) => Promise<void>): Promise<void> {
  const watched = await openWatchedPage(browser);
  try {
    // The page's window has no address-bar popup pages (browser.ts turns them off: a renderer each).
    const { targetInfos } = await browserSession.send('Target.getTargets');
    expect(targetInfos.filter((target) => target.type === 'browser_ui').map((target) => target.url), 'browser UI pages').toEqual([]);
    await check(watched);
    expect(watched.externalRequests(), 'requests that left 127.0.0.1').toEqual([]);
    expect(watched.unexpectedErrors(), 'console errors').toEqual([]);
  } finally {
    await watched.close();
  }
}

const TAKE_SCREENSHOTS = process.env['DOCS_SCREENSHOTS'] === '1';

/** With DOCS_SCREENSHOTS=1, a full-page screenshot with every lazily rendered section on screen: the viewport grows to the page. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!TAKE_SCREENSHOTS) return;
  const viewport = page.viewportSize()!;
  let height = 0;
  for (let round = 0; round < 10; round++) {
    const now = await page.evaluate(() => document.documentElement.scrollHeight);
    if (now === height) break;
    height = now;
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await page.setViewportSize(viewport);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any one of `texts`, whole. */
const exactly = (...texts: string[]): RegExp => new RegExp(`^(?:${texts.map(escapeRegExp).join('|')})$`);

/**
 * A heading by its visible text. (Redoc puts a "link to …" anchor inside its headings, so their
 * accessible names repeat the text.)
 */
const heading = (scope: Page | Locator, level: number, text: string): Locator =>
  scope.locator(`h${level}`).filter({ hasText: exactly(text) });

const operationSection = (page: Page, operation: DocumentedOperation): Locator =>
  page.locator(`[id="${redocSlug(operation.tag)}/${redocSlug(operation.operationId)}"]`);

/** Picks a tab of the request panel's sample switcher (curl, TypeScript, Payload); `expect` is the test's own (the tests run concurrently). */
async function chooseSample(expect: ExpectStatic, page: Page, panel: Locator, label: string): Promise<void> {
  const toggle = panel.getByRole('button', { name: /^(curl|TypeScript|Payload)$/ });
  if ((await toggle.innerText()).trim() === label) return;
  await toggle.click();
  await page.getByRole('menuitem', { name: label, exact: true }).click();
  await expect.poll(async () => (await toggle.innerText()).trim()).toBe(label);
}

const sampleFile = (operationId: string, extension: string): Promise<string> =>
  readFile(join(ROOT, 'openapi', 'code-samples', `${operationId}.${extension}`), 'utf8');

const lines = (text: string): string[] => text.trim().split('\n').map((line) => line.trimEnd());

/** The JSON body a curl sample sends (its `-d '...'`), read from the sample as shown. */
function curlBody(shown: string): unknown {
  const body = /\s-d '([^']*)'/.exec(shown)?.[1];
  return body === undefined ? undefined : JSON.parse(body);
}

/**
 * Whether the code block's copy button covers any of the text of the sample's first line (the button
 * sits over the block's top right corner). The line is measured as rendered, overflowing text included.
 */
async function copyButtonCoversFirstLine(panel: Locator): Promise<boolean> {
  const button = await panel.locator('[data-component-name="CodeBlock/CodeBlockControls"] [data-testid="copy-button"]').boundingBox();
  const line = await panel.getByTestId('source-code').evaluate((code) => {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let started = false;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (!started) {
        range.setStart(node, 0);
        started = true;
      }
      const end = node.data.indexOf('\n');
      range.setEnd(node, end < 0 ? node.data.length : end);
      if (end >= 0) break;
    }
    const { left, right, top, bottom } = range.getBoundingClientRect();
    return { left, right, top, bottom };
  });
  if (!button) throw new Error('the code block has no copy button');
  return button.x < line.right && line.left < button.x + button.width && button.y < line.bottom && line.top < button.y + button.height;
}

/** The actions whose job each status operation follows (the client's own table, from the provider's reference). */
const FOLLOWS: Record<string, string[]> = {};
for (const [action, status] of Object.entries(STATUS_OPERATIONS)) (FOLLOWS[status] ??= []).push(action);

test('the pages cover exactly the nine operations (five actions, four status operations)', () => {
  expect(Object.fromEntries(services.map(({ name, operations }) => [name, operations.map((o) => o.operationId)]))).toEqual(
    EXPECTED_OPERATIONS,
  );
});

test("Chromium reads Playwright's disabled features and ours: its last --disable-features (the only one it reads) holds every feature the earlier ones name", () => {
  // The browser is a child of this process (/usr/bin/chromium execs it); its arguments as it got them.
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' }).trim().split(/\s+/);
  const commandLines = children.flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')];
    } catch {
      return []; // ps itself, gone by now
    }
  });
  const [args] = commandLines.filter(([exe, ...rest]) => exe === '/usr/lib/chromium/chromium' && !rest.some((arg) => arg.startsWith('--type=')));
  const lists = (args ?? []).filter((arg) => arg.startsWith('--disable-features=')).map((arg) => arg.slice('--disable-features='.length).split(','));
  expect(lists.length, 'Playwright passes its own list first').toBeGreaterThanOrEqual(2);
  const earlier = [...new Set(lists.slice(0, -1).flat())].sort();
  expect(earlier, "Playwright's own list: update PLAYWRIGHT_DISABLED_FEATURES in browser.ts").toEqual([...PLAYWRIGHT_DISABLED_FEATURES].sort());
  expect(lists.at(-1)).toEqual([...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES]);
});

/** Moves the open page to a route (`#/tag/operation`) the way a followed link does, without reloading it. */
/**
 * The JSON a viewer shows, or its raw text while it is not JSON yet: Redoc re-renders after
 * "Expand all" or a tab change, and on a busy machine a read can land before it has.
 */
async function shownJson(panel: Locator): Promise<unknown> {
  const text = await panel.getByTestId('json-viewer').innerText();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function route(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
}

// The pages are opened side by side (one context each in the one browser): most of a page's time is
// spent waiting for Redoc to render and re-render, not computing. A page takes 23-34 s here on an idle
// machine (the link walk ~5 s of it); with the machine's two cores shared (load average 14) the
// Workspace page's test ran past 60 s, hence its own limit.
const PAGE_TIMEOUT = 150_000;
test.concurrent.for(services.map((service) => [service.name, service] as const))(
  '%s.html, opened once: overview, every operation (summary, method, path, examples, code samples, where its link lands, its links to and from the operation that follows its job), authentication, servers, every link, the wording; a screenshot when asked',
  { timeout: PAGE_TIMEOUT },
  async ([, service], { expect }) => {
    const { info, servers = [], components } = service.document;
    const schemes = components?.securitySchemes ?? {};
    await withPage(expect, async ({ page }) => {
      await page.goto(`${server.url}${service.name}.html`);
      expect(await page.title()).toBe(info.title);
      expect(info.version, 'the document version is the package version').toBe(version);
      await heading(page, 1, `${info.title} (${version})`).waitFor();
      // The way back to the landing page, and the page's own bundles to download.
      const { yaml, json } = downloadsOf(service.bundle);
      for (const [name, href] of [['All services', 'index.html'], ['YAML', yaml], ['JSON', json]] as const) {
        expect(await page.locator('#api-content').getByRole('link', { name, exact: true }).first().getAttribute('href'), name).toBe(href);
      }
      for (const [, title] of (info.description ?? '').matchAll(/^## (.+)$/gm)) await heading(page, 2, title!).waitFor();

      for (const operation of service.operations) {
        // The landing page's link for the operation lands on it: Redoc scrolls its heading into view.
        const hash = operationHref(service.name, operation).split('.html')[1]!;
        await route(page, hash);
        const section = operationSection(page, operation);
        const title = heading(section, 2, operation.summary);
        await title.waitFor();
        await expect.poll(() => title.evaluate((h) => h.getBoundingClientRect().top), { message: `${hash} lands on ${operation.operationId}` }).toBeLessThan(900);
        expect(await title.evaluate((h) => h.getBoundingClientRect().bottom)).toBeGreaterThan(0);
        // The link is the one Redoc's own sidebar uses for the operation.
        expect(await page.locator(`a[href="${hash}"]`).count()).toBeGreaterThan(0);

        const request = section.getByTestId('right-panel').filter({ hasText: operation.path });
        const method = request.locator('[data-component-name="Tag/Tag"]').first();
        await method.waitFor();
        expect(await method.innerText()).toBe(operation.method.toUpperCase());
        await request.getByText(operation.path, { exact: true }).waitFor();

        await chooseSample(expect, page, request, 'curl');
        const curl = await request.getByTestId('source-code').innerText();
        expect(lines(curl)).toEqual(lines(await sampleFile(operation.operationId, 'sh')));
        expect(await copyButtonCoversFirstLine(request), `${operation.operationId}: the copy button covers the curl sample's first line`).toBe(false);
        await chooseSample(expect, page, request, 'TypeScript');
        expect(lines(await request.getByTestId('source-code').innerText())).toEqual(lines(await sampleFile(operation.operationId, 'ts')));
        expect(await copyButtonCoversFirstLine(request), `${operation.operationId}: the copy button covers the TypeScript sample's first line`).toBe(false);
        if (operation.requestExample === undefined) {
          // A GET: no request body, so Redoc offers no Payload tab.
          await request.getByRole('button', { name: 'TypeScript' }).click();
          await expect.poll(() => page.getByRole('menuitem', { name: 'curl', exact: true }).count()).toBe(1);
          expect(await page.getByRole('menuitem', { name: 'Payload', exact: true }).count()).toBe(0);
          await page.keyboard.press('Escape');
        } else {
          // Every request example the reader can pick is the body both samples send: the curl one as shown here, the
          // TypeScript one as it runs (samples.test.ts runs it against the mock: it sends the documented example, the
          // one checked here). Redoc's samples cannot follow a picked example, so a picker offering a second example
          // the samples do not send fails here.
          await chooseSample(expect, page, request, 'Payload');
          await request.getByTestId('json-viewer').waitFor();
          const picker = request.getByRole('button', { name: 'Example', exact: true });
          const openPicker = async () => {
            if ((await picker.getAttribute('aria-expanded')) !== 'true') await picker.click();
          };
          const offered = (await picker.count()) === 0 ? [undefined] : await openPicker().then(() => page.getByRole('menuitem').allInnerTexts());
          for (const name of offered) {
            if (name !== undefined) {
              await openPicker();
              await page.getByRole('menuitem', { name, exact: true }).click();
            }
            await expect.poll(() => shownJson(request), { timeout: 10_000, message: `${operation.operationId}: ${name ?? 'the example'}` }).toEqual(operation.requestExample);
          }
          expect(curlBody(curl), `${operation.operationId}: the curl sample's body`).toEqual(operation.requestExample);
        }

        const response = section.getByTestId('right-panel').filter({ has: page.getByText('Response', { exact: true }) });
        await response.getByRole('button', { name: '200' }).waitFor();
        // Redoc folds nested objects of an example (the status operations' jobs and tasks): unfold them to read
        // it whole. Flat examples have no such button.
        await response.getByTestId('json-viewer').waitFor();
        // Redoc may re-render and fold it again (seen with the pages side by side on a loaded machine): unfold before
        // each read.
        const expandAll = response.getByRole('button', { name: 'Expand all' });
        const unfolded = async () => {
          if (await expandAll.count()) await expandAll.first().click({ timeout: 2_000 }).catch(() => undefined);
          return shownJson(response);
        };
        await expect.poll(unfolded, { timeout: 15_000 }).toEqual(operation.okExample);
      }

      // Each action links to the operation that follows its job, in its description and in its 200's, and each status
      // operation links back to every action whose job it follows; each link lands on that operation.
      const byId = new Map(service.operations.map((operation) => [operation.operationId, operation]));
      const landsOn = async (from: DocumentedOperation, paragraph: RegExp, to: DocumentedOperation) => {
        await route(page, operationHref(service.name, from).split('.html')[1]!);
        const link = operationSection(page, from).locator('p').filter({ hasText: paragraph }).locator(`a[href="#operation/${to.operationId}"]`);
        await expect.poll(() => link.count(), { timeout: 10_000, message: `${from.operationId} links to ${to.operationId} in "${paragraph.source}"` }).toBe(1);
        await link.click();
        const title = heading(operationSection(page, to), 2, to.summary);
        await title.waitFor();
        await expect.poll(() => title.evaluate((h) => h.getBoundingClientRect().top), { timeout: 10_000, message: `the link lands on ${to.operationId}` }).toBeLessThan(900);
        expect(page.url()).toMatch(new RegExp(`#/${redocSlug(to.tag)}/${redocSlug(to.operationId)}$`));
      };
      for (const [status, actions] of Object.entries(FOLLOWS)) {
        if (!byId.has(status)) continue;
        for (const action of actions) {
          await landsOn(byId.get(action)!, /Follow the job/, byId.get(status)!);
          await landsOn(byId.get(action)!, /Follow it with/, byId.get(status)!);
          await landsOn(byId.get(status)!, new RegExp(`follow the (?:job|task) that .*${action}`, 's'), byId.get(action)!);
        }
      }

      // Redoc lists each operation's schemes and shows their descriptions in a "Security" modal.
      const [first] = service.operations;
      await route(page, operationHref(service.name, first!).split('.html')[1]!);
      await operationSection(page, first!).getByRole('button', { name: 'View security details' }).first().click();
      expect(Object.keys(schemes)).toEqual(['token', 'aksk']);
      for (const [name, scheme] of Object.entries(schemes)) {
        await page.getByRole('tab', { name, exact: true }).click();
        const lead = (scheme.description ?? '').replace(/\*\*/g, '').split('.')[0]!;
        await page.getByText(lead).first().waitFor();
      }
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: 'token', exact: true }).waitFor({ state: 'hidden' });

      // The operations' tag: the whole group expanded, with its servers and their regions.
      await route(page, `#/${redocSlug(first!.tag)}`);
      for (const { url, variables } of servers) {
        await page.getByText(url, { exact: true }).first().waitFor();
        const count = Object.keys(variables ?? {}).length;
        await page.getByText(`Show ${count} variable${count === 1 ? '' : 's'}`, { exact: true }).first().click();
        // Every region shown, read in one pass over the page (a text search of the whole page per region cost the
        // renderer ~15 ms each, ~50 per run).
        const regions = variables?.region?.enum ?? [];
        if (regions.length) {
          const shown = page.getByText(exactly(...regions)).filter({ visible: true });
          await expect.poll(async () => {
            const texts = new Set(await shown.allInnerTexts());
            return regions.filter((region) => !texts.has(region));
          }, { message: `regions of ${url} not shown` }).toEqual([]);
        }
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, service.name);

      // Every in-page link lands on an element; every other one is a document the server has. The text of every
      // route is the reader's: no word that only makes sense inside the work on this repository.
      const links = await followInPageLinks(page);
      expect(links.broken, 'in-page links that land nowhere').toEqual([]);
      expect(links.followed.length).toBeGreaterThan(20);
      for (const operation of service.operations) expect(links.followed).toContain(`#operation/${operation.operationId}`);
      expect(links.documents.sort()).toEqual(['index.html', yaml, json].sort());
      for (const href of links.documents) {
        const res = await fetch(new URL(href, server.url));
        await res.body?.cancel();
        expect(res.status, href).toBe(200);
      }
      expect(links.texts.flatMap(internalWords), 'internal words on the page').toEqual([]);
    });
  },
);

test.concurrent(
  'index.html, opened once: lists the services with their regions, downloads and operations, links to each with the route its page answers (checked there), the downloads and the changelog, no dead link; a screenshot when asked',
  async ({ expect }) => {
    await withPage(expect, async ({ page, requests }) => {
      await page.goto(`${server.url}index.html`);
      expect(await page.title()).toBe(overview.info.title);
      for (const service of services) {
        const section = page.locator(`section#${service.name}`);
        const title = section.getByRole('link', { name: service.document.info.title, exact: true });
        expect(await title.getAttribute('href')).toBe(`${service.name}.html`);
        const regions = service.document.servers?.[0]?.variables?.region?.enum ?? [];
        expect(regions.length).toBeGreaterThan(0);
        expect(await section.locator('ul.regions li').allInnerTexts(), `${service.name}: its regions, listed`).toEqual(regions);
        const { yaml, json } = downloadsOf(service.bundle);
        expect(await section.getByRole('link', { name: 'YAML', exact: true }).getAttribute('href')).toBe(yaml);
        expect(await section.getByRole('link', { name: 'JSON', exact: true }).getAttribute('href')).toBe(json);
        for (const operation of service.operations) {
          const row = section.getByRole('row').filter({ hasText: operation.summary });
          await row.getByText(operation.method.toUpperCase(), { exact: true }).waitFor();
          await row.getByText(operation.path, { exact: true }).waitFor();
          const link = row.getByRole('link', { name: operation.summary, exact: true });
          expect(await link.getAttribute('href')).toBe(operationHref(service.name, operation));
        }
      }
      expect(await page.locator('section table.operations tbody tr').count()).toBe(9);
      // The downloads: every bundle, YAML and JSON, per service and combined.
      const downloads = page.locator('section#downloads');
      for (const bundle of [combinedBundle, ...services.map(({ bundle }) => bundle)]) {
        for (const file of Object.values(downloadsOf(bundle))) {
          expect(await downloads.getByRole('link', { name: file, exact: true }).getAttribute('href')).toBe(file);
        }
      }
      // The in-page links (the services, the downloads) land on their sections.
      for (const href of await page.locator('a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
        expect(await page.locator(`[id="${href.slice(1)}"]`).count(), href).toBe(1);
      }
      await screenshot(page, 'index');

      // The changelog: its page, with the way back.
      await page.getByRole('link', { name: 'Changelog', exact: true }).first().click();
      await page.waitForURL(`${server.url}${CHANGELOG_PAGE}`);
      await heading(page, 1, 'Changelog').waitFor();
      await heading(page, 2, version).waitFor();
      await page.getByRole('link', { name: 'All services', exact: true }).click();
      await page.waitForURL(`${server.url}index.html`);
      expect(await page.title()).toBe(overview.info.title);
      expect(requests.every((url) => url.startsWith(server.url)), 'the landing page requests only itself').toBe(true);

      // Each linked document once: a link's fragment never reaches the server (where it lands is checked on its page),
      // and fetching the 2.6 MB service pages once per link (12 fetches, not 3) cost ~0.2 s of CPU.
      const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      const documents = new Set(hrefs.map((href) => Object.assign(new URL(href, server.url), { hash: '' }).href));
      for (const url of documents) {
        const res = await fetch(url);
        await res.body?.cancel();
        expect(res.status, url).toBe(200);
      }
    });
  },
);
