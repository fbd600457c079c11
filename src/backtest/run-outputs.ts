import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Cache } from '../common/cache.js';
import { formatTimestampUs } from '../core/clock.js';
import { formatFixed, POW10 } from '../model/types/fixed-point.js';
import type { PerformanceMetrics } from '../portfolio/metrics/performance-metrics.js';
import type { BacktestResult } from './backtest-engine.js';

/** Extra figures written beside the metrics. */
export interface RunSummary {
  readonly currency: string;
  readonly startingCash: string;
  readonly finalEquity: string;
  readonly finalCash: string;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
  readonly fees: string;
  readonly fills: number;
  readonly bars: number;
}

/** The output files of a run directory. */
export const RUN_FILES = [
  'fills.csv',
  'trades.csv',
  'equity.csv',
  'metrics.json',
  'run.json',
  'report.html',
] as const;

/** Figures of the final state, as exact decimal strings. */
export function summarize(result: BacktestResult): RunSummary {
  const p = result.currency.precision;
  const portfolio = result.portfolio;
  return {
    currency: result.currency.code,
    startingCash: formatFixed(result.startingCashRaw, p),
    finalEquity: formatFixed(portfolio.equityRaw(), p),
    finalCash: formatFixed(portfolio.cashRaw, p),
    realizedPnl: formatFixed(portfolio.realizedRaw(), p),
    unrealizedPnl: formatFixed(portfolio.unrealizedRaw(), p),
    fees: formatFixed(portfolio.feesRaw, p),
    fills: result.fills.length,
    bars: result.barsProcessed,
  };
}

/**
 * Writes `fills.csv`, `trades.csv`, `equity.csv`, `metrics.json` and `run.json` to `dir`.
 * Nothing in them depends on when or where the run happened, so the same run gives
 * byte-identical files.
 */
export function writeRunOutputs(
  dir: string,
  result: BacktestResult,
  cache: Cache,
  metrics: PerformanceMetrics,
  runConfig: unknown,
): void {
  mkdirSync(dir, { recursive: true });
  const cp = result.currency.precision;

  writeLines(
    join(dir, 'fills.csv'),
    'timestamp,instrument,order_id,side,quantity,price,fee',
    result.fills.length,
    (i) => {
      const f = result.fills.at(i)!;
      return `${formatTimestampUs(f.tsEvent)},${f.instrumentId},${f.clientOrderId},${f.side},${f.lastQty},${f.lastPx},${f.commission.toDecimalString()}`;
    },
  );

  writeLines(
    join(dir, 'trades.csv'),
    'entry_time,exit_time,instrument,side,quantity,entry_price,exit_price,pnl,fees',
    result.roundTrips.length,
    (i) => {
      const t = result.roundTrips[i];
      const instrument = cache.requireInstrument(t.instrumentId);
      const qp = instrument.lotSize.precision;
      const perUnit = (t.quantityRaw / POW10[qp]) * instrument.multiplier * POW10[cp];
      const pp = instrument.tickSize.precision;
      return [
        formatTimestampUs(t.entryTimeUs),
        formatTimestampUs(t.exitTimeUs),
        t.instrumentId,
        t.side,
        formatFixed(t.quantityRaw, qp),
        formatAveragePrice(t.entryNotionalRaw / perUnit, pp),
        formatAveragePrice(t.exitNotionalRaw / perUnit, pp),
        formatFixed(t.pnlRaw, cp),
        formatFixed(t.feesRaw, cp),
      ].join(',');
    },
  );

  const eq = result.equity;
  writeLines(join(dir, 'equity.csv'), 'timestamp,equity,cash', eq.length, (i) => {
    return `${formatTimestampUs(eq.ts[i])},${formatFixed(eq.equityRaw[i], cp)},${formatFixed(eq.cashRaw[i], cp)}`;
  });

  writeFileSync(
    join(dir, 'metrics.json'),
    JSON.stringify({ ...metrics, summary: summarize(result) }, null, 2) + '\n',
  );
  writeFileSync(join(dir, 'run.json'), JSON.stringify(runConfig, null, 2) + '\n');
}

/**
 * An average price: exact at the instrument's precision when it lies on it, otherwise with
 * up to four more decimals (averages of several fills rarely land on a tick).
 */
export function formatAveragePrice(value: number, pricePrecision: number): string {
  const text = value.toFixed(pricePrecision + 4);
  const dot = text.indexOf('.');
  let end = text.length;
  while (end > dot + 1 + pricePrecision && text[end - 1] === '0') end--;
  return text.slice(0, end === dot + 1 ? dot : end);
}

/** Writes a CSV with `count` rows in large chunks (equity curves run to millions of rows). */
function writeLines(path: string, header: string, count: number, row: (i: number) => string): void {
  const fd = openSync(path, 'w');
  try {
    let chunk = header + '\n';
    for (let i = 0; i < count; i++) {
      chunk += row(i) + '\n';
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
