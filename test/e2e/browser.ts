/**
 * Shared pieces of the dashboard end-to-end tests: Chromium through playwright-core (Debian's
 * /usr/bin/chromium unless CHROMIUM_PATH says otherwise), a page that records JavaScript errors,
 * a static file server for dist/web, and the screenshot folder.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** The repo root (dist/test/e2e/ → three levels up when compiled). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = repoRoot();
/** The built dashboard (`npx vite build --config web/vite.config.ts`). */
export const WEB_DIST = join(REPO_ROOT, 'dist', 'web');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

/**
 * A screenshot of the whole page. Chromium captures the full page without scrolling, painting
 * sticky and fixed elements where they are at the current scroll position (a sticky top bar
 * would land on the panels further down), so the page is scrolled to the top first; the toasts,
 * which belong to the viewport rather than to a place on the page, are left out.
 */
export async function fullPageScreenshot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)'); // a string: test code compiles without the DOM lib
  await page.screenshot({ path: screenshotPath(name), fullPage: true, style: '#toasts { display: none; }' });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
}

/** A page with the errors it produced: uncaught exceptions and console errors. */
export interface WatchedPage {
  readonly page: Page;
  /** Uncaught exceptions and `console.error` messages, in order. */
  readonly errors: string[];
}

export async function openWatchedPage(
  browser: Browser,
  viewport = { width: 1440, height: 1000 },
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

/**
 * Errors other than the browser's own "Failed to load resource" lines, which it logs for any
 * HTTP error status (expected when no API answers).
 */
export function scriptErrors(errors: readonly string[]): string[] {
  return errors.filter((e) => !/Failed to load resource/.test(e));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves `root` on 127.0.0.1 (a random port) with no API behind it: every /api request gets a
 * 404, as from any web server that is not QuantFlow.
 */
export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Polls a locator's text until `ok` accepts it; returns that text (throws after `timeoutMs`). */
export async function waitForText(
  locator: Locator,
  ok: (text: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = (await locator.textContent()) ?? '';
    if (ok(text)) return text;
    if (performance.now() > deadline)
      throw new Error(`timed out waiting for text; last: ${JSON.stringify(text)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
