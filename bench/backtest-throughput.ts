/**
 * Throughput of the real event-driven backtest (kernel, bar venue, orders, fills,
 * portfolio) running SmaCross of one turnover profile: one instrument of 1,000,000 bars,
 * and ten instruments of 100,000 bars merged by time. Data is generated before timing;
 * only `engine.run()` is timed, on a fresh engine per repetition over the same bar arrays.
 */
import {
  benchStreams,
  profileDetails,
  profileEntryName,
  smaCrossLabel,
  type BenchStream,
  type SmaProfile,
} from './bench-data.js';
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

const REPETITIONS = 9;
const WARMUPS = 1;

export interface EngineMeasurement {
  readonly bars: number;
  readonly timing: Timing<EngineRunSummary>;
}

/** Bars per second of the fastest repetition. */
export function engineBarsPerSecond(m: EngineMeasurement): number {
  return m.bars / m.timing.bestSeconds;
}

/** Times `engine.run()` of SmaCross(`profile`) over `streams`: best of 5 after 1 warm-up. */
export function measureEngine(
  label: string,
  streams: readonly BenchStream[],
  profile: SmaProfile,
): EngineMeasurement {
  const bars = streams.reduce((n, s) => n + s.bars.length, 0);
  const timing = bestOf(
    { label, repetitions: REPETITIONS, warmups: WARMUPS, setup: () => smaCrossEngine(streams, profile) },
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

/** The one-instrument, 1,000,000-bar data set (shared by every profile and the peers). */
export function singleInstrumentData(): BenchStream[] {
  log(`generating ${SINGLE_BARS.toLocaleString('en-US')} bars (seed ${SINGLE_SEED})`);
  return benchStreams(1, SINGLE_BARS, SINGLE_SEED);
}

/** Ten instruments × 100,000 bars (seeds 1001..1010, same timestamps), shared by every profile. */
export function multiInstrumentData(): BenchStream[] {
  log(`generating ${MULTI_INSTRUMENTS} × ${MULTI_BARS_EACH.toLocaleString('en-US')} bars`);
  return benchStreams(MULTI_INSTRUMENTS, MULTI_BARS_EACH, MULTI_FIRST_SEED);
}

/** Fill, round-trip and equity figures of the fastest repetition, with the profile. */
function runDetails(m: EngineMeasurement, profile: SmaProfile): Record<string, unknown> {
  const s = m.timing.bestResult;
  return { ...profileDetails(profile), fills: s.fills, roundTrips: s.roundTrips, finalEquity: s.finalEquity };
}

/** `sma-cross-1m[-suffix]`: the engine over the single-instrument data; `ratios` are the peers'. */
export function smaCross1mEntry(
  m: EngineMeasurement,
  profile: SmaProfile,
  ratios: Record<string, number>,
): BenchEntry {
  return throughputEntry({
    name: profileEntryName('sma-cross-1m', profile),
    measures: `BacktestEngine.run() of ${smaCrossLabel(profile)} (${profile.name} profile) over 1,000,000 one-minute bars of one instrument, next-open fills; best of ${REPETITIONS} after ${WARMUPS} warm-up`,
    bars: m.bars,
    timing: m.timing,
    target: SINGLE_TARGET,
    ratios,
    details: runDetails(m, profile),
  });
}

/** `multi-10x100k[-suffix]`: the engine over the ten-instrument data, compared with the same profile on one instrument. */
export function benchMulti(
  streams: readonly BenchStream[],
  profile: SmaProfile,
  singleBarsPerSecond: number,
): BenchEntry {
  const name = profileEntryName('multi-10x100k', profile);
  const m = measureEngine(name, streams, profile);
  return throughputEntry({
    name,
    measures: `BacktestEngine.run() of ${smaCrossLabel(profile)} (${profile.name} profile) over ${streams.length} instruments × ${MULTI_BARS_EACH.toLocaleString('en-US')} one-minute bars (same timestamps) merged by time; best of ${REPETITIONS} after ${WARMUPS} warm-up`,
    bars: m.bars,
    timing: m.timing,
    target: MULTI_TARGET,
    ratios: {
      barsPerSecondOverSingleInstrument: Number((engineBarsPerSecond(m) / singleBarsPerSecond).toFixed(3)),
    },
    details: { instruments: streams.length, ...runDetails(m, profile) },
  });
}
