import type { PerformanceMetrics } from './performance-metrics.js';

/** Shown for a metric that is `null` (undefined for the data). */
export const MISSING = '—';

type Row = readonly [label: string, render: (metrics: PerformanceMetrics) => string];

/** The summary table, in display order: when, returns, risk, trades, benchmark. */
const ROWS: readonly Row[] = [
  ['Start', (m) => m.startTime ?? MISSING],
  ['End', (m) => m.endTime ?? MISSING],
  ['Start equity', (m) => money(m.startEquity)],
  ['End equity', (m) => money(m.endEquity)],
  ['Total return', (m) => percent(m.totalReturn)],
  ['CAGR', (m) => percent(m.cagr)],
  ['Annualized volatility', (m) => percent(m.annualizedVolatility)],
  ['Sharpe ratio', (m) => fixed(m.sharpe, 2)],
  ['Sortino ratio', (m) => fixed(m.sortino, 2)],
  ['Calmar ratio', (m) => fixed(m.calmar, 2)],
  ['Max drawdown', (m) => percent(m.maxDrawdown)],
  ['Max drawdown duration', (m) => withUnit(fixed(m.maxDrawdownDurationDays, 1), ' days')],
  ['Max drawdown duration (bars)', (m) => fixed(m.maxDrawdownDurationBars, 0)],
  ['VaR 95% (1 period)', (m) => percent(m.var95)],
  ['CVaR 95% (1 period)', (m) => percent(m.cvar95)],
  ['Periods per year', (m) => fixed(m.periodsPerYear, 1)],
  ['Trades', (m) => fixed(m.trades, 0)],
  ['Win rate', (m) => percent(m.winRate)],
  ['Profit factor', (m) => fixed(m.profitFactor, 2)],
  ['Average win', (m) => money(m.averageWin)],
  ['Average loss', (m) => money(m.averageLoss)],
  ['Expectancy', (m) => money(m.expectancy)],
  ['Exposure', (m) => percent(m.exposure)],
  ['Turnover', (m) => withUnit(fixed(m.turnover, 2), '×')],
  ['Beta', (m) => fixed(m.beta, 3)],
  ['Alpha (annualized)', (m) => percent(m.alpha)],
];

/**
 * The metrics as `[label, value]` rows for the CLI summary table, in a fixed order.
 *
 * Fractions are shown as percentages with 2 decimals, ratios with 2 decimals (beta
 * with 3), money with 2 decimals and thousands separators, and `null` as "—". The
 * output does not depend on the locale, so it is the same on every machine.
 */
export function formatMetricsTable(metrics: PerformanceMetrics): Array<[label: string, value: string]> {
  return ROWS.map(([label, render]) => [label, render(metrics)]);
}

/** `value` with `decimals` decimals; "—" for null. */
function fixed(value: number | null, decimals: number): string {
  if (value === null) return MISSING;
  return dropNegativeZero(value.toFixed(decimals));
}

/** A fraction as a percentage with 2 decimals: 0.1234 → "12.34%". */
function percent(value: number | null): string {
  return withUnit(fixed(value === null ? null : value * 100, 2), '%');
}

/** An amount with 2 decimals and comma thousands separators: 1234567.8 → "1,234,567.80". */
function money(value: number | null): string {
  const text = fixed(value, 2);
  // toFixed switches to exponent notation from 1e21; leave such text alone.
  if (!/^-?\d+\.\d+$/.test(text)) return text;
  return text.replace(/\B(?=(\d{3})+\.)/g, ',');
}

function withUnit(text: string, unit: string): string {
  return text === MISSING ? text : text + unit;
}

/** "-0.00" comes from a tiny negative value rounding to zero; show it as "0.00". */
function dropNegativeZero(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
