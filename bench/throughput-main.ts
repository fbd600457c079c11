/**
 * The backtest throughput benchmarks of one group, for a child process of `run-all`:
 * `single` (one instrument, engine and peers, every SMA profile) or `multi <single rates>`
 * (ten instruments; the argument is JSON `{profile name: single-instrument bars/s}`).
 * Prints `{ machine, benchmarks }` on stdout.
 */
import {
  benchMulti,
  engineBarsPerSecond,
  measureEngine,
  multiInstrumentData,
  singleInstrumentData,
  smaCross1mEntry,
} from './backtest-throughput.js';
import { ALL_SMA_PROFILES, profileEntryName, type BenchStream, type SmaProfile } from './bench-data.js';
import { machineInfo } from './measure.js';
import { benchGrademark, benchPlainLoop } from './peer-throughput.js';
import type { BenchEntry } from './report.js';

/** The engine on one instrument with `profile`, then both peers on the same bars; engine entry first. */
function benchSingle(streams: readonly BenchStream[], profile: SmaProfile): BenchEntry[] {
  const bars = streams[0].bars;
  const engine = measureEngine(profileEntryName('sma-cross-1m', profile), streams, profile);
  const barsPerSecond = engineBarsPerSecond(engine);
  const summary = engine.timing.bestResult;
  const plain = benchPlainLoop(bars, profile, summary, barsPerSecond);
  const grademark = benchGrademark(bars, profile, summary, barsPerSecond);
  return [smaCross1mEntry(engine, profile, { ...plain.ratios, ...grademark.ratios }), plain, grademark];
}

function main(): void {
  const [group, singleRates] = process.argv.slice(2);
  const benchmarks: BenchEntry[] = [];
  if (group === 'single') {
    const streams = singleInstrumentData();
    for (const profile of ALL_SMA_PROFILES) benchmarks.push(...benchSingle(streams, profile));
  } else if (group === 'multi') {
    const rates = JSON.parse(singleRates ?? '{}') as Record<string, number>;
    const streams = multiInstrumentData();
    for (const profile of ALL_SMA_PROFILES)
      benchmarks.push(benchMulti(streams, profile, rates[profile.name] ?? 0));
  } else {
    throw new Error(`usage: throughput-main.js single | multi '<json>'`);
  }
  process.stdout.write(JSON.stringify({ machine: machineInfo(), benchmarks }) + '\n');
}

main();
