import type { MetricsInput, ClosedTrade, BenchmarkSeries } from '../portfolio/metrics/metrics-input.js';
import type { Cache } from '../common/cache.js';
import { POW10 } from '../model/types/fixed-point.js';
import type { BacktestResult } from './backtest-engine.js';

/** Turns a backtest result into the input of `computeMetrics`: amounts as decimal numbers. */
export function metricsInputOf(
  result: BacktestResult,
  cache: Cache,
  benchmark?: BenchmarkSeries,
): MetricsInput {
  const scale = POW10[result.currency.precision];
  const equity = new Float64Array(result.equity.length);
  for (let i = 0; i < equity.length; i++) equity[i] = result.equity.equityRaw[i] / scale;
  const trades: ClosedTrade[] = result.roundTrips.map((trip) => {
    const instrument = cache.requireInstrument(trip.instrumentId);
    const quantity = trip.quantityRaw / POW10[instrument.lotSize.precision];
    const perUnit = quantity * instrument.multiplier * scale;
    return {
      entryTimeUs: trip.entryTimeUs,
      exitTimeUs: trip.exitTimeUs,
      instrumentId: trip.instrumentId,
      side: trip.side,
      quantity,
      entryPrice: trip.entryNotionalRaw / perUnit,
      exitPrice: trip.exitNotionalRaw / perUnit,
      pnl: trip.pnlRaw / scale,
      fees: trip.feesRaw / scale,
    };
  });
  return {
    curve: { ts: result.equity.ts, equity },
    trades,
    exposed: result.equity.exposed,
    tradedNotional: result.portfolio.tradedNotionalRaw / scale,
    benchmark,
  };
}
