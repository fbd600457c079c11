/**
 * Child process of the `memory-1m` benchmark (run by bench/memory.ts, not on its own):
 * generates 1,000,000 bars, holds them, runs the SmaCross backtest, and prints one JSON
 * line on stdout with its peak resident set size and heap use. It runs the high-turnover
 * profile (fast 10, slow 30), the parameters this benchmark has always used: the most fills,
 * so the largest fill log.
 */
import { SINGLE_BARS, SINGLE_SEED } from './backtest-throughput.js';
import { benchStreams, SMA_PROFILES } from './bench-data.js';
import { smaCrossEngine, summarizeRun } from './engine-sma-cross.js';
import { collectGarbage } from './measure.js';

const MB = 1024 * 1024;
const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;
/** Peak RSS so far: `maxRSS` is in kilobytes. */
const maxRssMB = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

const baselineRssMB = maxRssMB();
const streams = benchStreams(1, SINGLE_BARS, SINGLE_SEED);
collectGarbage();
const heapUsedWithBarsMB = mb(process.memoryUsage().heapUsed);
const peakRssAfterDataMB = maxRssMB();

const profile = SMA_PROFILES['high-turnover'];
const engine = smaCrossEngine(streams, profile);
const result = engine.run();
const summary = summarizeRun(result);
const peakRssMB = maxRssMB();
const heapUsedBeforeGcMB = mb(process.memoryUsage().heapUsed);
collectGarbage();
const usage = process.memoryUsage();

process.stdout.write(
  JSON.stringify({
    bars: streams[0].bars.length,
    profile: profile.name,
    fills: summary.fills,
    baselineRssMB,
    peakRssAfterDataMB,
    peakRssMB,
    heapUsedWithBarsMB,
    heapUsedBeforeGcMB,
    heapUsedAfterRunMB: mb(usage.heapUsed),
    heapTotalAfterRunMB: mb(usage.heapTotal),
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    // Keeps bars and result reachable until the figures above are taken.
    held: streams[0].bars.length + result.equity.length > 0,
  }) + '\n',
);
