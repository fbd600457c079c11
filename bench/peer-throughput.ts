/**
 * Times the peers of `sma-cross-1m` (one SmaCross profile at a time) on the same bars: the
 * hand-written plain loop and grademark's `backtest()`, and checks that they trade about
 * as often as the engine, so the throughput comparison compares like with like.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Bar } from '../src/model/data/bar.js';
import {
  BENCH_STARTING_CASH,
  profileDetails,
  profileEntryName,
  type SmaProfile,
  type SmaProfileName,
} from './bench-data.js';
import type { EngineRunSummary } from './engine-sma-cross.js';
import { bestOf, log, round } from './measure.js';
import {
  grademarkSmaCrossStrategy,
  runGrademarkSmaCross,
  toGrademarkFrame,
} from './peers/grademark-sma-cross.js';
import { loadGrademark } from './peers/load-grademark.js';
import { plainLoopSmaCross } from './plain-loop-sma-cross.js';
import { throughputEntry, type BenchEntry } from './report.js';

const REPETITIONS = 5;
const WARMUPS = 1;
/** The plain loop takes a few tens of ms, where scheduler noise dominates: more repetitions, still cheap. */
const PLAIN_REPETITIONS = 15;
/**
 * Grademark runs on all bars only if one run is estimated to take at most this long (seconds),
 * otherwise on the first 100,000. `classic`, the headline, keeps the generous budget so it
 * runs on all 1,000,000 bars; `high-turnover` gets less so the suite stays within a few minutes
 * on a slow machine (one run took about 4 s on the 2-core development machine, well inside it).
 */
const GRADEMARK_MAX_SECONDS: Record<SmaProfileName, number> = { classic: 60, 'high-turnover': 15 };
const GRADEMARK_PROBE_BARS = 100_000;

/** Ratio of the engine's throughput to a peer's, 3 significant digits. */
function ratio(engineBarsPerSecond: number, peerBarsPerSecond: number): number {
  return round(engineBarsPerSecond / peerBarsPerSecond, 3);
}

export function benchPlainLoop(
  bars: readonly Bar[],
  profile: SmaProfile,
  engine: EngineRunSummary,
  engineBarsPerSecond: number,
): BenchEntry {
  const { fast, slow, qty } = profile;
  const name = profileEntryName('peer-plain-loop-sma-cross-1m', profile);
  const timing = bestOf(
    { label: name, repetitions: PLAIN_REPETITIONS, warmups: WARMUPS, setup: () => bars },
    (b) => plainLoopSmaCross(b, fast, slow, qty, BENCH_STARTING_CASH),
  );
  const r = timing.bestResult;
  const sameTrades = r.fills === engine.fills && r.roundTrips === engine.roundTrips;
  const sameEquity = Math.abs(r.finalEquity - engine.finalEquity) < 0.005;
  log(
    `${name}: ${r.fills} fills, ${r.roundTrips} round trips (engine ${engine.fills}, ${engine.roundTrips}); final equity ${r.finalEquity.toFixed(2)} (engine ${engine.finalEquity.toFixed(2)})`,
  );
  const barsPerSecond = bars.length / timing.bestSeconds;
  return throughputEntry({
    name,
    measures: `a hand-written JavaScript loop over the same 1,000,000 bars computing the same strategy, SMA(${fast}) > SMA(${slow}) long ${qty} (${profile.name} profile: running SMAs of closes, fills at the next open, cash, position, equity per bar); no kernel, orders or events; best of ${PLAIN_REPETITIONS} after ${WARMUPS} warm-up`,
    bars: bars.length,
    timing,
    target: null,
    ratios: { engineOverPlainLoop: ratio(engineBarsPerSecond, barsPerSecond) },
    details: {
      ...profileDetails(profile),
      fills: r.fills,
      roundTrips: r.roundTrips,
      finalEquity: round(r.finalEquity, 10),
      engineFills: engine.fills,
      engineRoundTrips: engine.roundTrips,
      sameTradesAsEngine: sameTrades,
      sameFinalEquityAsEngine: sameEquity,
    },
  });
}

export function benchGrademark(
  bars: readonly Bar[],
  profile: SmaProfile,
  engine: EngineRunSummary,
  engineBarsPerSecond: number,
): BenchEntry {
  const { fast, slow, qty } = profile;
  const maxSeconds = GRADEMARK_MAX_SECONDS[profile.name as SmaProfileName] ?? GRADEMARK_MAX_SECONDS.classic;
  const modules = loadGrademark();
  const strategy = grademarkSmaCrossStrategy(modules, fast, slow);
  const require = createRequire(import.meta.url);
  const version = (require('grademark/package.json') as { version: string }).version;
  const dataForgeVersion = (require('data-forge/package.json') as { version: string }).version;

  // A probe run on the first 100,000 bars (also a warm-up) decides whether all bars fit the time budget.
  const probeFrame = toGrademarkFrame(modules, bars.slice(0, GRADEMARK_PROBE_BARS));
  const t0 = performance.now();
  runGrademarkSmaCross(modules, strategy, probeFrame);
  const probeSeconds = (performance.now() - t0) / 1000;
  const estimate = (probeSeconds * bars.length) / GRADEMARK_PROBE_BARS;
  const full = estimate <= maxSeconds;
  const used = full ? bars : bars.slice(0, GRADEMARK_PROBE_BARS);
  const name = profileEntryName(
    full ? 'peer-grademark-sma-cross-1m' : 'peer-grademark-sma-cross-100k',
    profile,
  );
  const note = full
    ? `all ${bars.length.toLocaleString('en-US')} bars (a ${GRADEMARK_PROBE_BARS.toLocaleString('en-US')}-bar probe estimated ${estimate.toFixed(1)} s per run; budget ${maxSeconds} s)`
    : `only the first ${GRADEMARK_PROBE_BARS.toLocaleString('en-US')} bars: one run on all ${bars.length.toLocaleString('en-US')} was estimated at ${estimate.toFixed(0)} s (> the ${maxSeconds} s budget of the ${profile.name} profile)`;
  log(`${name}: ${note}`);

  const frame = full ? toGrademarkFrame(modules, used) : probeFrame;
  const timing = bestOf(
    { label: name, repetitions: REPETITIONS, warmups: WARMUPS, setup: () => frame },
    (f) => runGrademarkSmaCross(modules, strategy, f),
  );
  const r = timing.bestResult;
  // The engine's counts on the same prefix of bars, for a like-for-like count when grademark ran on fewer bars.
  const plainOnUsed = full ? undefined : plainLoopSmaCross(used, fast, slow, qty, BENCH_STARTING_CASH);
  const engineRoundTrips = plainOnUsed?.roundTrips ?? engine.roundTrips;
  const engineFills = plainOnUsed?.fills ?? engine.fills;
  const tradeCountDifference = round((r.closedByRule - engineRoundTrips) / engineRoundTrips, 3);
  log(
    `${name}: ${r.trades} trades (${r.closedByRule} closed by the exit rule) vs engine ${engineRoundTrips} round trips (${(tradeCountDifference * 100).toFixed(1)}%)`,
  );
  const barsPerSecond = used.length / timing.bestSeconds;
  return throughputEntry({
    name,
    measures: `grademark ${version} backtest() (data-forge ${dataForgeVersion}) of the equivalent SMA(${fast}) > SMA(${slow}) long-only strategy (${profile.name} profile) on the same bars as a DataFrame (conversion not timed; prepIndicators timed); best of ${REPETITIONS} after ${WARMUPS} warm-up`,
    bars: used.length,
    timing,
    target: null,
    ratios: { engineOverGrademark: ratio(engineBarsPerSecond, barsPerSecond) },
    details: {
      ...profileDetails(profile),
      barsNote: note,
      // Every trade's entry plus the exits made by the rule; a "finalize" close at the end is no fill.
      fills: r.trades + r.closedByRule,
      engineFillsOnSameBars: engineFills,
      trades: r.trades,
      tradesClosedByExitRule: r.closedByRule,
      engineRoundTripsOnSameBars: engineRoundTrips,
      tradeCountDifference,
      semantics:
        'grademark skips the exit rule on the bar an entry fills and the entry rule on the bar an exit fills, closes a position open at the end as a "finalize" trade, and tracks no quantity, cash or equity',
    },
  });
}
