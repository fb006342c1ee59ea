/**
 * Follows every in-page link of an open Redoc page the way a click does, and says which land on no
 * element. Redoc routes in the fragment: `#/<route>` (`#/` the top, `#/section/<heading>`, `#/<tag>`,
 * `#/<tag>/<operation>`), optionally followed by `#<anchor>` (a heading or a property inside the
 * route). Links in the classic forms (`#operation/<operationId>`, `#tag/<tag>/operation/<id>`) are
 * redirected by Redoc to the route form. On a page opened at its top, Redoc renders its sidebar links
 * as paths (`/section/errors`) that its router takes in-page, like a fragment (a click lands on
 * `#/section/errors`); they are followed as such. Links to other documents (another page, a bundle
 * to download) are returned for the caller to fetch.
 *
 * Coverage: every link rendered on each route the page's links lead to, with the schemas as Redoc
 * first shows them (properties nested deeper than `schemasExpansionLevel` render their links only
 * once expanded; Redoc makes those anchors and their targets from the same schema path).
 */
import type { Page } from 'playwright-core';

export interface LinkReport {
  /** Every in-page link followed, as written in the page. */
  followed: string[];
  /** Links that landed on no element, with where they led. */
  broken: string[];
  /** Links to other documents (relative or absolute URLs without a fragment-only form), as written. */
  documents: string[];
  /** The rendered text of every route visited, for checks of the wording. */
  texts: string[];
}

/** `#/<route>` or `#/<route>#<anchor>`, decoded; undefined for any other fragment. */
function parseRoute(hash: string): { route: string; anchor: string | undefined } | undefined {
  const match = /^#\/([^#]*)(?:#(.*))?$/.exec(safeDecode(hash));
  return match ? { route: match[1]!, anchor: match[2] } : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The element a route or an anchor names (the top of the page for `#/`), as Redoc resolves it. */
const targetExists = (page: Page, id: string) =>
  page.evaluate((target) => {
    if (target === '') return document.querySelector('h1') !== null;
    // A response anchor may carry Redoc's tab selector (`.../responses&c=200`): it scrolls to the responses.
    return document.getElementById(target) !== null || document.getElementById(target.replace(/&c=\d+$/, '')) !== null;
  }, id);

export async function followInPageLinks(page: Page): Promise<LinkReport> {
  const report: LinkReport = { followed: [], broken: [], documents: [], texts: [] };
  const queued = new Set<string>();
  const queue: string[] = [];
  const documents = new Set<string>();
  const harvest = async () => {
    for (const href of await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // another site (Redoc's attribution link)
      const inPage = href.startsWith('#') ? href : href.startsWith('/') ? `#${href}` : undefined;
      if (inPage === undefined) documents.add(href);
      else if (!queued.has(inPage)) {
        queued.add(inPage);
        queue.push(inPage);
      }
    }
  };
  /** Sets the fragment as a click on the link does, and waits for Redoc to settle on a route. */
  const go = async (hash: string): Promise<string | undefined> => {
    await page.evaluate((h) => (window.location.hash = h), hash);
    try {
      await page.waitForFunction((h) => window.location.hash.startsWith('#/') && (h.startsWith('#/') || window.location.hash !== h), hash, { timeout: 10_000 });
    } catch {
      return undefined;
    }
    return page.evaluate(() => window.location.hash);
  };
  const waitFor = async (id: string): Promise<boolean> => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (await targetExists(page, id)) return true;
      await page.waitForTimeout(50);
    }
    return false;
  };

  const routesVisited = new Set<string>();
  await harvest();
  while (queue.length > 0) {
    const href = queue.shift()!;
    report.followed.push(href);
    const written = parseRoute(href);
    // The route first (once each): it renders the part of the page the anchors are in.
    if (written && !routesVisited.has(written.route)) {
      routesVisited.add(written.route);
      if ((await go(`#/${written.route}`)) === undefined || !(await waitFor(written.route))) report.broken.push(`${href}: route #/${written.route} not found`);
      report.texts.push(await page.locator('body').innerText());
      await harvest();
    }
    if (written && (written.anchor === undefined || (await targetExists(page, written.anchor)))) continue;
    // Another form (or an anchor not rendered yet): follow the link itself.
    const landed = await go(href);
    const route = landed === undefined ? undefined : parseRoute(landed);
    if (!route) {
      report.broken.push(`${href}: led to no route (${landed ?? 'the fragment did not change'})`);
      continue;
    }
    const target = route.anchor ?? route.route;
    if (!(await waitFor(target))) report.broken.push(`${href}: landed on ${landed}, no element "${target}"`);
    await harvest();
  }
  report.documents = [...documents];
  return report;
}
