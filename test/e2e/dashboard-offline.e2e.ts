/**
 * The built dashboard with no API behind it (a plain static server): the pages load without
 * JavaScript errors and say clearly that they are not connected. Needs `dist/web` (vite build)
 * and Chromium; no QuantFlow server.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  WEB_DIST,
  fullPageScreenshot,
  launchBrowser,
  openWatchedPage,
  screenshotPath,
  scriptErrors,
  serveStatic,
} from './browser.js';

describe(
  'dashboard without a server',
  { skip: !existsSync(join(WEB_DIST, 'index.html')) && 'dist/web not built' },
  () => {
    let browser: Browser;
    let site: { url: string; close(): Promise<void> };

    before(async () => {
      site = await serveStatic(WEB_DIST);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await site?.close();
    });

    it('renders every panel and a "not connected" state, with no script errors', async () => {
      const { page, errors } = await openWatchedPage(browser);
      await page.goto(site.url + '/?instrument=BTCUSD.SIM');
      await page.getByTestId('not-connected').waitFor({ state: 'visible' });
      assert.match(await page.getByTestId('not-connected').innerText(), /Not connected/);
      assert.equal(await page.getByTestId('connection').innerText(), 'not connected');
      for (const name of [
        'chart',
        'book',
        'account',
        'ticket',
        'risk',
        'positions',
        'orders',
        'fills',
        'strategies',
        'feed',
        'logs',
      ]) {
        assert.equal(await page.locator(`[data-panel="${name}"]`).count(), 1, `panel ${name}`);
      }
      // lightweight-charts drew its canvases (candles and equity).
      assert.ok((await page.locator('[data-panel="chart"] canvas').count()) > 0);
      assert.ok((await page.locator('[data-panel="account"] canvas').count()) > 0);
      await page.locator('.log li').first().waitFor();
      assert.match(await page.locator('.log').innerText(), /Not connected/);
      await fullPageScreenshot(page, 'offline-dashboard');
      assert.deepEqual(scriptErrors(errors), []);
      await page.close();
    });

    it('fits a phone-width screen in one column', async () => {
      const { page, errors } = await openWatchedPage(browser, { width: 390, height: 844 });
      await page.goto(site.url + '/');
      await page.getByTestId('not-connected').waitFor({ state: 'visible' });
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number;
      assert.ok(overflow <= 0, `page wider than the screen by ${overflow}px`);
      const xs = await page
        .locator('.grid > .panel')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
      assert.equal(new Set(xs.map(Math.round)).size, 1, 'all panels in one column');
      await fullPageScreenshot(page, 'offline-dashboard-phone');
      assert.deepEqual(scriptErrors(errors), []);
      await page.close();
    });

    it('the report page says it is not connected', async () => {
      const { page, errors } = await openWatchedPage(browser);
      await page.goto(site.url + '/report.html?id=unknown');
      await page.getByTestId('not-connected').waitFor({ state: 'visible' });
      await page.screenshot({ path: screenshotPath('offline-report') });
      assert.deepEqual(scriptErrors(errors), []);
      await page.close();
    });
  },
);
