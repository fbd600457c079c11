/**
 * Throughput of the real event-driven backtest (kernel, bar venue, orders, fills,
 * portfolio) running SmaCross: one instrument of 1,000,000 bars, and ten instruments of
 * 100,000 bars merged by time. Data is generated before timing; only `engine.run()` is
 * timed, on a fresh engine per repetition over the same bar arrays.
 */
import { benchStreams, SMA_PARAMS, type BenchStream } from './bench-data.js';
import { smaCrossEngine, summarizeRun, type EngineRunSummary } from './engine-sma-cross.js';
import { bestOf, log, type Timing } from './measure.js';
import { throughputEntry, type BenchEntry } from './report.js';

export const SINGLE_BARS = 1_000_000;
export const SINGLE_SEED = 20240101;
export const SINGLE_TARGET = 5_000_000;
export const MULTI_INSTRUMENTS = 10;
export const MULTI_BARS_EACH = 100_000;
export const MULTI_FIRST_SEED = 1001;
export const MULTI_TARGET = 3_000_000;

const REPETITIONS = 5;
const WARMUPS = 1;

export interface EngineMeasurement {
  readonly bars: number;
  readonly timing: Timing<EngineRunSummary>;
}

/** Times `engine.run()` of SmaCross over `streams`: best of 5 after 1 warm-up. */
export function measureEngine(label: string, streams: readonly BenchStream[]): EngineMeasurement {
  const bars = streams.reduce((n, s) => n + s.bars.length, 0);
  const timing = bestOf(
    { label, repetitions: REPETITIONS, warmups: WARMUPS, setup: () => smaCrossEngine(streams) },
    (engine) => summarizeRun(engine.run()),
  );
  const summary = timing.bestResult;
  if (summary.barsProcessed !== bars)
    throw new Error(`${label}: the engine processed ${summary.barsProcessed} of ${bars} bars`);
  if (summary.fills === 0) throw new Error(`${label}: no fills, so the benchmark did no trading work`);
  log(
    `${label}: ${Math.round(bars / timing.bestSeconds).toLocaleString('en-US')} bars/s, ${summary.fills} fills, ${summary.roundTrips} round trips`,
  );
  return { bars, timing };
}

/** The one-instrument, 1,000,000-bar data set (shared with the peers). */
export function singleInstrumentData(): BenchStream[] {
  log(`generating ${SINGLE_BARS.toLocaleString('en-US')} bars (seed ${SINGLE_SEED})`);
  return benchStreams(1, SINGLE_BARS, SINGLE_SEED);
}

export function smaCross1mEntry(m: EngineMeasurement, ratios: Record<string, number>): BenchEntry {
  const s = m.timing.bestResult;
  return throughputEntry({
    name: 'sma-cross-1m',
    measures: `BacktestEngine.run() of SmaCross(fast ${SMA_PARAMS.fast}, slow ${SMA_PARAMS.slow}, qty ${SMA_PARAMS.qty}) over 1,000,000 one-minute bars of one instrument, next-open fills; best of ${REPETITIONS} after ${WARMUPS} warm-up`,
    bars: m.bars,
    timing: m.timing,
    target: SINGLE_TARGET,
    ratios,
    details: { fills: s.fills, roundTrips: s.roundTrips, finalEquity: s.finalEquity },
  });
}

/** Ten instruments × 100,000 bars (seeds 1001..1010, same timestamps), merged by time. */
export function benchMulti(singleBarsPerSecond: number): BenchEntry {
  log(`generating ${MULTI_INSTRUMENTS} × ${MULTI_BARS_EACH.toLocaleString('en-US')} bars`);
  const streams = benchStreams(MULTI_INSTRUMENTS, MULTI_BARS_EACH, MULTI_FIRST_SEED);
  const m = measureEngine('multi-10x100k', streams);
  const s = m.timing.bestResult;
  return throughputEntry({
    name: 'multi-10x100k',
    measures: `BacktestEngine.run() of SmaCross over ${MULTI_INSTRUMENTS} instruments × ${MULTI_BARS_EACH.toLocaleString('en-US')} one-minute bars (same timestamps) merged by time; best of ${REPETITIONS} after ${WARMUPS} warm-up`,
    bars: m.bars,
    timing: m.timing,
    target: MULTI_TARGET,
    ratios: {
      barsPerSecondOverSingleInstrument: Number(
        (m.bars / m.timing.bestSeconds / singleBarsPerSecond).toFixed(3),
      ),
    },
    details: {
      instruments: MULTI_INSTRUMENTS,
      fills: s.fills,
      roundTrips: s.roundTrips,
      finalEquity: s.finalEquity,
    },
  });
}
