/**
 * A finished backtest → the data of its report ({@link BacktestReportData}): the equity curve and
 * its drawdown, returns per calendar month, round trips, the metrics table and the parameters.
 * Long equity curves are kept whole here; the renderer samples them for its charts.
 */
import type { Cache } from '../../common/cache.js';
import { POW10, formatFixed } from '../../model/types/fixed-point.js';
import type { PerformanceMetrics } from '../../portfolio/metrics/performance-metrics.js';
import type { BacktestResult } from '../backtest-engine.js';
import { formatAveragePrice } from '../run-outputs.js';
import type { BacktestReportData, MonthlyReturn, ReportTrade } from './report-types.js';

export function reportFromResult(
  title: string,
  result: BacktestResult,
  cache: Cache,
  metrics: PerformanceMetrics,
  parameters: Readonly<Record<string, string | number>>,
): BacktestReportData {
  const cp = result.currency.precision;
  const scale = POW10[cp];
  const { ts, equityRaw } = result.equity;
  const equity: [number, number][] = [];
  const drawdown: [number, number][] = [];
  let peak = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const value = equityRaw[i] / scale;
    peak = Math.max(peak, value);
    equity.push([ts[i], value]);
    drawdown.push([ts[i], peak > 0 ? value / peak - 1 : 0]);
  }
  const trades: ReportTrade[] = result.roundTrips.map((t) => {
    const instrument = cache.requireInstrument(t.instrumentId);
    const qp = instrument.lotSize.precision;
    const perUnit = (t.quantityRaw / POW10[qp]) * instrument.multiplier * scale;
    const pp = instrument.tickSize.precision;
    return {
      entryTs: t.entryTimeUs,
      exitTs: t.exitTimeUs,
      instrument: t.instrumentId,
      side: t.side,
      qty: formatFixed(t.quantityRaw, qp),
      entryPx: formatAveragePrice(t.entryNotionalRaw / perUnit, pp),
      exitPx: formatAveragePrice(t.exitNotionalRaw / perUnit, pp),
      pnl: formatFixed(t.pnlRaw, cp),
    };
  });
  const shown: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(metrics))
    if (typeof value === 'number' || typeof value === 'string') shown[name] = value;
  return {
    title,
    parameters,
    metrics: shown,
    equity,
    drawdown,
    monthlyReturns: monthlyReturns(equity),
    trades,
  };
}

/** Return of each calendar month (UTC): last equity of the month over the last of the month before. */
export function monthlyReturns(equity: readonly (readonly [number, number])[]): MonthlyReturn[] {
  const out: MonthlyReturn[] = [];
  let base = equity.length > 0 ? equity[0][1] : 0;
  let current: { year: number; month: number; last: number } | undefined;
  for (const [tsUs, value] of equity) {
    const date = new Date(Math.floor(tsUs / 1000));
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    if (current !== undefined && (current.year !== year || current.month !== month)) {
      out.push({ year: current.year, month: current.month, return: base > 0 ? current.last / base - 1 : 0 });
      base = current.last;
    }
    current = { year, month, last: value };
  }
  if (current !== undefined)
    out.push({ year: current.year, month: current.month, return: base > 0 ? current.last / base - 1 : 0 });
  return out;
}
