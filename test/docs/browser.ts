/**
 * Headless Debian Chromium for the docs tests, with every request and console error of a page
 * recorded, and the network outside 127.0.0.1 cut off as on a reader's offline network.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The features Playwright 1.65 turns off itself (`--disable-features` in its chromiumSwitches). Chromium
 * keeps only the last `--disable-features` of its command line, whole (nothing is merged), and Playwright
 * puts ours after its own: so ours repeats its list. pages.test.ts reads the running browser's command
 * line and fails when ours no longer holds every feature Playwright's names (a Playwright upgrade).
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 156's headless mode gives every window (one per browser context) the address bar's popups,
 * two WebUI pages in a renderer process of their own: ~0.65 s of CPU per context here, for popups no
 * test opens (four contexts per run of pages.test.ts, measured per process).
 */
export const OUR_DISABLED_FEATURES: readonly string[] = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES].join(',')}`,
];

/**
 * The only outside URL a page may request: Redoc's "API docs by Redocly" logo in the sidebar. Redoc
 * renders it unconditionally (no option turns it off); offline the request fails and Redoc hides
 * the image. docs/build.md names it too.
 */
export const ALLOWED_EXTERNAL_URLS: readonly string[] = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg'];

/** Debian's chromium package, never a downloaded browser; launch() uses a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
}

const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1';
};

export interface WatchedPage {
  page: Page;
  /** Every URL the page requested, in order, local or not. */
  requests: string[];
  /** Console errors and uncaught exceptions, each with the URL it came from. */
  errors: { text: string; url: string }[];
  /** Requests that left 127.0.0.1 other than the allowed ones. */
  externalRequests(): string[];
  /** Errors other than the failed load of an allowed URL. */
  unexpectedErrors(): string[];
  close(): Promise<void>;
}

export async function openWatchedPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  context.setDefaultTimeout(15_000);
  const requests: string[] = [];
  const errors: { text: string; url: string }[] = [];
  context.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', (route) =>
    isLocal(route.request().url()) ? route.continue() : route.abort('internetdisconnected'),
  );
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => errors.push({ text: `uncaught: ${error.message}`, url: page.url() }));
  return {
    page,
    requests,
    errors,
    externalRequests: () => requests.filter((url) => !isLocal(url) && !ALLOWED_EXTERNAL_URLS.includes(url)),
    unexpectedErrors: () =>
      errors.filter(({ url }) => !ALLOWED_EXTERNAL_URLS.includes(url)).map(({ text, url }) => `${text} (${url})`),
    close: () => context.close(),
  };
}
