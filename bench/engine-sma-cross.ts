/**
 * Sets up the real BacktestEngine (kernel, bar venue, orders, fills, portfolio) with the
 * built-in SmaCross strategy, for the throughput benchmarks. Setup and run are separate so
 * that only `engine.run()` is timed.
 */
import { BacktestEngine, type BacktestResult } from '../src/backtest/backtest-engine.js';
import { SmaCross } from '../src/strategy/builtin/sma-cross.js';
import { BENCH_CURRENCY, BENCH_STARTING_CASH, type BenchStream, type SmaProfile } from './bench-data.js';

/** A fresh engine holding `streams` (the bar arrays are shared, not copied) and one SmaCross of `profile` over all of them. */
export function smaCrossEngine(streams: readonly BenchStream[], profile: SmaProfile): BacktestEngine {
  const engine = new BacktestEngine({ currency: BENCH_CURRENCY, startingCash: BENCH_STARTING_CASH });
  for (const { instrument, bars } of streams) {
    engine.addInstrument(instrument);
    engine.addBars(bars);
  }
  const { fast, slow, qty } = profile;
  engine.addStrategy(new SmaCross({ fast, slow, qty }, 'sma-cross-bench'));
  return engine;
}

/** Counts that show the run did real work. */
export interface EngineRunSummary {
  readonly barsProcessed: number;
  readonly fills: number;
  readonly roundTrips: number;
  /** Final equity, account currency. */
  readonly finalEquity: number;
}

export function summarizeRun(result: BacktestResult): EngineRunSummary {
  const last = result.equity.length - 1;
  const scale = 10 ** result.currency.precision;
  return {
    barsProcessed: result.barsProcessed,
    fills: result.fills.length,
    roundTrips: result.roundTrips.length,
    finalEquity: last >= 0 ? result.equity.equityRaw[last] / scale : result.startingCashRaw / scale,
  };
}
