import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderReportHtml } from './render-report.js';
import type { BacktestReportData } from './report-types.js';
import { downsample } from './svg-chart.js';
import { formatNumber, formatPercent } from './html-format.js';

const DAY_US = 86_400_000_000;
const T0 = 1_704_067_200_000_000; // 2024-01-01T00:00:00Z

function sample(): BacktestReportData {
  const equity: [number, number][] = [];
  const drawdown: [number, number][] = [];
  let peak = 0;
  for (let i = 0; i < 90; i++) {
    const v = 100_000 + 500 * Math.sin(i / 5) + 20 * i;
    peak = Math.max(peak, v);
    equity.push([T0 + i * DAY_US, v]);
    drawdown.push([T0 + i * DAY_US, v / peak - 1]);
  }
  return {
    title: 'SMA cross on BTCUSD.SIM',
    parameters: { fast: 10, slow: 30, instrument: 'BTCUSD.SIM' },
    metrics: { sharpe: 1.2345678, totalReturn: 0.0421, trades: 2, note: 'exact' },
    equity,
    drawdown,
    monthlyReturns: [
      { year: 2024, month: 1, return: 0.02 },
      { year: 2024, month: 2, return: -0.01 },
      { year: 2024, month: 3, return: 0.005 },
    ],
    trades: [
      {
        entryTs: T0,
        exitTs: T0 + DAY_US,
        instrument: 'BTCUSD.SIM',
        side: 'BUY',
        qty: '0.5',
        entryPx: '42000.00',
        exitPx: '43000.00',
        pnl: '500.00',
      },
      {
        entryTs: T0 + 2 * DAY_US,
        exitTs: T0 + 3 * DAY_US,
        instrument: 'BTCUSD.SIM',
        side: 'SELL',
        qty: 1,
        entryPx: 43000,
        exitPx: 43100,
        pnl: -100,
      },
    ],
  };
}

describe('renderReportHtml', () => {
  it('builds one document with every section, its CSS inline and no external reference', () => {
    const html = renderReportHtml(sample());
    assert.ok(html.startsWith('<!doctype html>'));
    assert.match(html, /<style>/);
    assert.equal((html.match(/<svg /g) ?? []).length, 2, 'equity and drawdown charts');
    for (const heading of ['Metrics', 'Parameters', 'Monthly returns', 'Trades (2)'])
      assert.ok(html.includes(heading));
    // Self-contained: no scripts, stylesheets, images or fonts fetched from anywhere.
    assert.doesNotMatch(html, /<script|<link|<img|@import|url\(|src=|href=/i);
    assert.doesNotMatch(html, /https?:\/\//);
  });

  it('shows the trades, metrics and the compounded year in the heatmap', () => {
    const html = renderReportHtml(sample());
    assert.ok(html.includes('2024-01-01 00:00:00'));
    assert.ok(html.includes('43,100'), 'numeric prices are grouped');
    assert.ok(html.includes('<td class="num neg">-100</td>'));
    assert.ok(html.includes('<td class="num pos">500.00</td>'));
    assert.ok(html.includes('<td>1.2346</td>'), 'metrics rounded to 4 decimals');
    // (1.02 × 0.99 × 1.005) − 1 = 1.48491%
    assert.ok(html.includes('<td class="hm-total">+1.5%</td>'));
    assert.equal((html.match(/class="hm-none"/g) ?? []).length, 9, 'nine months without data');
  });

  it('is deterministic', () => {
    assert.equal(renderReportHtml(sample()), renderReportHtml(sample()));
  });

  it('renders an empty run without throwing', () => {
    const html = renderReportHtml({
      title: 'empty',
      parameters: {},
      metrics: {},
      equity: [],
      drawdown: [],
      monthlyReturns: [],
      trades: [],
    });
    assert.ok(html.includes('Equity: no data'));
    assert.ok(html.includes('No trades.'));
  });

  it('escapes every string that comes from the data', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (title, key, value) => {
        const evil = `<script>alert(1)</script>${title}`;
        const base = sample();
        const trades = [{ ...base.trades[0], instrument: evil }];
        const data = { ...base, title: evil, parameters: { [key + '<b>']: value + '"<i>' }, trades };
        const html = renderReportHtml(data);
        assert.ok(!html.includes('<script'));
        assert.ok(!html.includes('<b>'));
        assert.ok(!html.includes('<i>'));
      }),
      { numRuns: 50 },
    );
  });
});

describe('downsample', () => {
  it('keeps the series under the cap and keeps its extremes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
        (vs) => {
          const pts = vs.map((v, i) => [i, v] as const);
          const out = downsample(pts, 200);
          assert.ok(out.length <= Math.max(200, vs.length <= 200 ? vs.length : 200));
          assert.equal(Math.min(...out.map((p) => p[1])), Math.min(...vs));
          assert.equal(Math.max(...out.map((p) => p[1])), Math.max(...vs));
          for (let i = 1; i < out.length; i++) assert.ok(out[i][0] > out[i - 1][0], 'time order');
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('number formatting', () => {
  it('groups thousands, trims zeros and signs percentages', () => {
    assert.equal(formatNumber(1234567.5), '1,234,567.5');
    assert.equal(formatNumber(-0.00001), '0');
    assert.equal(formatNumber(-12.3456789, 2), '-12.35');
    assert.equal(formatPercent(0.0123), '+1.23%');
    assert.equal(formatPercent(-0.5, 0), '-50%');
    assert.equal(formatPercent(0), '0.00%');
  });
});
