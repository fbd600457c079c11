/**
 * The dashboard against a real QuantFlow server (paper node on simulated data): prices move,
 * an order placed from the ticket appears in open orders and is canceled from the table, Halt
 * turns the risk state to HALTED, and a backtest report renders; screenshots of each page go to
 * test-artifacts/screenshots/. Needs dist/ (npm run build), dist/web (vite build) and Chromium.
 *
 * The server comes from `test/support/demo-server.ts` (`startDemoServer`), which starts a paper
 * node with the server on 127.0.0.1:0 serving dist/web at `/`, and an admin API key.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  fullPageScreenshot,
  launchBrowser,
  openWatchedPage,
  screenshotPath,
  scriptErrors,
  waitForText,
} from './browser.js';

/** What `startDemoServer` gives back. */
interface DemoServer {
  /** Base URL, e.g. `http://127.0.0.1:43123` (no trailing slash). */
  readonly url: string;
  /** A key with role admin (trading and halt need it). */
  readonly apiKey: string;
  /** An instrument with live simulated quotes and trades, e.g. `BTCUSD.SIM`. */
  readonly instrumentId: string;
  /** Body for `POST /api/v1/backtests` (default `{ strategy: 'sma-cross' }`). */
  readonly backtest?: Record<string, unknown>;
  close(): Promise<void> | void;
}

// Loaded at run time so this file compiles before the lead adds the helper.
const DEMO_SERVER_MODULE = '../support/demo-server.js';
const WAIT_MS = 20_000;

async function startServer(): Promise<DemoServer> {
  const mod = (await import(DEMO_SERVER_MODULE)) as { startDemoServer: () => Promise<DemoServer> };
  return mod.startDemoServer();
}

/** Decimals of a decimal string (`"42000.50"` → 2). */
function decimalsOf(s: string): number {
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

describe('dashboard against a demo server', () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${demo.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${demo.apiKey}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
  };

  before(async () => {
    demo = await startServer();
    browser = await launchBrowser();
    ({ page, errors } = await openWatchedPage(browser));
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('connects and shows moving prices', async () => {
    await page.goto(
      `${demo.url}/?key=${encodeURIComponent(demo.apiKey)}&instrument=${encodeURIComponent(demo.instrumentId)}`,
    );
    assert.ok(!page.url().includes('key='), 'the key is removed from the address bar');
    await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor({ timeout: WAIT_MS });
    assert.ok(await page.getByTestId('not-connected').isHidden());
    const last = page.getByTestId('last-price');
    const first = await waitForText(last, (t) => t !== '-' && t !== '', WAIT_MS);
    await waitForText(last, (t) => t !== first, WAIT_MS);
    assert.notEqual(await last.innerText(), first);
    await page
      .getByTestId('environment')
      .filter({ hasText: /paper|live|backtest/ })
      .waitFor({ timeout: WAIT_MS });
    // The ladder shows the L2 book of the simulated venue, several levels a side, best nearest the spread.
    await page.getByTestId('book-source').filter({ hasText: 'L2 depth' }).waitFor({ timeout: WAIT_MS });
    const ladder = page.getByTestId('ladder');
    const askPrices = (await ladder.locator('tr.ask td:first-child').allInnerTexts()).map(Number);
    const bidPrices = (await ladder.locator('tr.bid td:first-child').allInnerTexts()).map(Number);
    assert.ok(
      askPrices.length >= 3 && bidPrices.length >= 3,
      `${askPrices.length} asks, ${bidPrices.length} bids`,
    );
    assert.deepEqual(
      askPrices,
      [...askPrices].sort((a, b) => b - a),
      'asks descend toward the spread',
    );
    assert.deepEqual(
      bidPrices,
      [...bidPrices].sort((a, b) => b - a),
      'bids descend from the spread',
    );
    assert.ok(askPrices.at(-1)! > bidPrices[0]!, 'best ask above best bid');
    assert.equal(await page.getByTestId('depth-chart').locator('path').count(), 2, 'depth chart: both sides');
    // Overlays come from the engine's indicator library: add one, refuse one off the price scale, remove one.
    const overlays = page.getByTestId('overlays');
    await overlays.filter({ hasText: 'sma(20)' }).waitFor({ timeout: WAIT_MS });
    const overlayInput = page.getByTestId('overlay-input');
    await overlayInput.fill('BBANDS(10, 2)');
    await overlayInput.press('Enter');
    await overlays.filter({ hasText: 'bbands(10,2)' }).waitFor({ timeout: WAIT_MS });
    await overlayInput.fill('rsi(14)');
    await overlayInput.press('Enter');
    await page
      .locator('#toasts')
      .filter({ hasText: 'rsi is not drawn on the price scale' })
      .waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Remove sma(20)' }).click();
    assert.deepEqual(
      (await overlays.locator('.chip').allInnerTexts()).map((t) => t.replace('×', '').trim()),
      ['bbands(10,2)'],
    );
    await page.waitForTimeout(1500); // a few equity samples and candles for the screenshot
    await fullPageScreenshot(page, 'dashboard');
  });

  it('places a limit order from the ticket and cancels it from the open orders table', async () => {
    const snap = await api<{ lastQuote?: { bidPrice?: string } }>(
      'GET',
      `/market/${encodeURIComponent(demo.instrumentId)}/snapshot`,
    );
    const bid = snap.json.lastQuote?.bidPrice;
    assert.ok(bid, 'the snapshot has a quote');
    // 3% under the bid: rests on the book instead of filling.
    const price = (Number(bid) * 0.97).toFixed(decimalsOf(bid));

    const ticket = page.getByTestId('order-ticket');
    await ticket.locator('input[name="instrument"]').fill(demo.instrumentId);
    await ticket.locator('[data-side="BUY"]').click();
    await ticket.locator('input[name="quantity"]').fill('1');
    await ticket.locator('select[name="type"]').selectOption('LIMIT');
    await ticket.locator('input[name="price"]').fill(price);
    await ticket.locator('[data-action="submit-order"]').click();
    const result = page.getByTestId('ticket-result');
    const text = await waitForText(result, (t) => t !== '' && !t.startsWith('Submitting'), WAIT_MS);
    assert.doesNotMatch(text, /DENIED|FAILED|UNAUTHORIZED|FORBIDDEN|VALIDATION/, text);
    const clientOrderId = text.split(': ').pop() as string;

    const rowSel = `[data-panel="orders"] tr[data-order-id="${clientOrderId}"]`;
    await page.locator(rowSel).waitFor({ timeout: WAIT_MS });
    await fullPageScreenshot(page, 'dashboard-open-order');
    await page.locator(`${rowSel} [data-action="cancel"]`).click();
    await page.locator(rowSel).waitFor({ state: 'detached', timeout: WAIT_MS });

    const all = await api<{ clientOrderId: string; status: string }[]>('GET', '/orders?status=all&limit=50');
    assert.equal(all.json.find((o) => o.clientOrderId === clientOrderId)?.status, 'CANCELED');
  });

  it('halts trading from the risk panel', async () => {
    await page.locator('[data-panel="risk"] input.reason').fill('e2e halt');
    await page.locator('[data-panel="risk"] [data-action="halt"]').click();
    await page.getByTestId('risk-state').filter({ hasText: 'HALTED' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await page.getByTestId('header-risk').innerText(), 'HALTED');
    const risk = await api<{ state: string }>('GET', '/risk');
    assert.equal(risk.json.state, 'HALTED');
    // The demo's limits with a running total, each with what is used of it.
    const usage = page.getByTestId('risk-usage');
    await usage.filter({ hasText: 'maxDailyLoss' }).waitFor({ timeout: WAIT_MS });
    const rows = await usage.locator('tr th').allInnerTexts();
    for (const limit of [
      'maxDailyLoss',
      'maxDrawdownPct',
      'maxOpenOrders',
      'maxGrossExposure',
      'maxPosition BTCUSD.SIM',
    ])
      assert.ok(rows.includes(limit), `${limit} in ${rows.join(', ')}`);
    assert.match(await usage.innerText(), /\/ 2000\.00/);
    await page.locator('[data-panel="risk"]').screenshot({ path: screenshotPath('risk-halted') });
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the top bar (two rows there) scrolls away with the page: it stays at the top
    // of the document, above the first panel, however far down the page is.
    await page.locator('[data-panel="logs"]').scrollIntoViewIfNeeded();
    const layout = (await page.evaluate(`(() => {
      const bar = document.querySelector('.topbar').getBoundingClientRect();
      const chart = document.querySelector('[data-panel="chart"]').getBoundingClientRect();
      return { scrollY, barTop: bar.top + scrollY, barBottom: bar.bottom + scrollY, chartTop: chart.top + scrollY };
    })()`)) as { scrollY: number; barTop: number; barBottom: number; chartTop: number };
    assert.ok(layout.scrollY > 0, 'scrolled down');
    assert.equal(layout.barTop, 0);
    assert.ok(layout.barBottom <= layout.chartTop, JSON.stringify(layout));
    await fullPageScreenshot(page, 'dashboard-phone');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('shows a backtest report with its charts, heatmap and trades, and exports it as one file', async () => {
    const submitted = await api<{ id: string }>(
      'POST',
      '/backtests',
      demo.backtest ?? { strategy: 'sma-cross' },
    );
    assert.equal(submitted.status, 202, JSON.stringify(submitted.json));
    const id = submitted.json.id;

    await page.goto(`${demo.url}/report.html`);
    await page.getByTestId('backtest-list').waitFor({ timeout: WAIT_MS });
    await page.screenshot({ path: screenshotPath('backtests') });

    await page.goto(`${demo.url}/report.html?id=${encodeURIComponent(id)}`);
    await page.locator('[data-action="export-html"]').waitFor({ timeout: 60_000 });
    assert.ok((await page.locator('.chart-report canvas').count()) > 0, 'equity chart drawn');
    // The run's own data: a monthly heatmap, its trades, its parameters (not empty placeholders).
    await page.locator('table.heatmap').waitFor({ timeout: WAIT_MS });
    const tradesHeading = await page.getByRole('heading', { name: /^Trades \(\d+\)$/ }).innerText();
    assert.ok(Number(/\((\d+)\)/.exec(tradesHeading)?.[1]) > 0, tradesHeading);
    assert.match(await page.locator('body').innerText(), /fast/);
    await fullPageScreenshot(page, 'backtest-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="export-html"]').click(),
    ]);
    const path = await download.path();
    assert.ok(path);
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(path, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script|https?:\/\//);
  });

  it('raised no script errors', () => {
    assert.deepEqual(scriptErrors(errors), []);
  });
});
