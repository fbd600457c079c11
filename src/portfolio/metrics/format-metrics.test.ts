import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMetricsTable } from './format-metrics.js';
import type { PerformanceMetrics } from './performance-metrics.js';

const metrics: PerformanceMetrics = {
  startTime: '2024-01-01T00:00:00.000Z',
  endTime: '2024-12-31T00:00:00.000Z',
  startEquity: 1_000_000,
  endEquity: 1_234_567.891,
  totalReturn: 0.234567891,
  cagr: 0.2351,
  annualizedVolatility: 0.18,
  sharpe: 1.23456,
  sortino: -0.000001,
  calmar: 2.5,
  maxDrawdown: 0.0925,
  maxDrawdownDurationDays: 41.25,
  maxDrawdownDurationBars: 30,
  var95: 0.021,
  cvar95: 0.0333,
  periodsPerYear: 252.04,
  trades: 1234,
  winRate: 0.5,
  profitFactor: 1.5,
  averageWin: 250,
  averageLoss: -125.5,
  expectancy: 62.75,
  exposure: 0.75,
  turnover: 12.345,
  beta: 0.98765,
  alpha: null,
};

test('labels and formatted values', () => {
  assert.deepEqual(Object.fromEntries(formatMetricsTable(metrics)), {
    Start: '2024-01-01T00:00:00.000Z',
    End: '2024-12-31T00:00:00.000Z',
    'Start equity': '1,000,000.00',
    'End equity': '1,234,567.89',
    'Total return': '23.46%',
    CAGR: '23.51%',
    'Annualized volatility': '18.00%',
    'Sharpe ratio': '1.23',
    'Sortino ratio': '0.00', // −0.000001 rounds to zero: no "-0.00"
    'Calmar ratio': '2.50',
    'Max drawdown': '9.25%',
    'Max drawdown duration': '41.3 days',
    'Max drawdown duration (bars)': '30',
    'VaR 95% (1 period)': '2.10%',
    'CVaR 95% (1 period)': '3.33%',
    'Periods per year': '252.0',
    Trades: '1234',
    'Win rate': '50.00%',
    'Profit factor': '1.50',
    'Average win': '250.00',
    'Average loss': '-125.50',
    Expectancy: '62.75',
    Exposure: '75.00%',
    Turnover: '12.35×',
    Beta: '0.988',
    'Alpha (annualized)': '—',
  });
});

test('one row per metric, in a fixed order, nulls as "—"', () => {
  const allNull = Object.fromEntries(
    Object.keys(metrics).map((k) => [k, k === 'trades' ? 0 : null]),
  ) as unknown as PerformanceMetrics;
  const rows = formatMetricsTable(allNull);
  assert.equal(rows.length, Object.keys(metrics).length);
  assert.equal(rows[0][0], 'Start');
  for (const [label, value] of rows) {
    assert.equal(value, label === 'Trades' ? '0' : '—', label);
  }
});

test('large and negative money', () => {
  const rows = Object.fromEntries(
    formatMetricsTable({ ...metrics, startEquity: -9_876_543.216, endEquity: 999.999 }),
  );
  assert.equal(rows['Start equity'], '-9,876,543.22');
  assert.equal(rows['End equity'], '1,000.00');
});
