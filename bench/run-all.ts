/**
 * `npm run bench`: runs every backtest benchmark and prints one JSON document on stdout
 * ({ machine, benchmarks }); progress goes to stderr. Run with `node --expose-gc` so each
 * timed repetition starts from a collected heap.
 *
 * The throughput benchmarks run once per SmaCross profile of `SMA_PROFILES` (classic and
 * high-turnover) on the same data, each with its peers. The indicator benchmarks
 * (`bench/indicators/`, streaming and batch, against trading-signals and indicatorts) come last,
 * in a fresh child process.
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
import { benchDeterminism } from './determinism.js';
import { benchIndicatorsInChild } from './indicators/child.js';
import { log, machineInfo } from './measure.js';
import { benchMemory } from './memory.js';
import { benchGrademark, benchPlainLoop } from './peer-throughput.js';
import type { BenchEntry, BenchReport } from './report.js';

/** The engine on one instrument with `profile`, then both peers on the same bars; engine entry first. */
function benchSingle(
  streams: readonly BenchStream[],
  profile: SmaProfile,
): { entries: BenchEntry[]; barsPerSecond: number } {
  const bars = streams[0].bars;
  const engine = measureEngine(profileEntryName('sma-cross-1m', profile), streams, profile);
  const barsPerSecond = engineBarsPerSecond(engine);
  const summary = engine.timing.bestResult;
  const plain = benchPlainLoop(bars, profile, summary, barsPerSecond);
  const grademark = benchGrademark(bars, profile, summary, barsPerSecond);
  const entry = smaCross1mEntry(engine, profile, { ...plain.ratios, ...grademark.ratios });
  return { entries: [entry, plain, grademark], barsPerSecond };
}

function main(): void {
  const started = Date.now();
  const machine = machineInfo();
  log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
    log('warning: run with node --expose-gc for steadier timings');

  const benchmarks: BenchEntry[] = [];
  const singleBarsPerSecond = new Map<SmaProfile, number>();
  {
    const streams = singleInstrumentData();
    for (const profile of ALL_SMA_PROFILES) {
      const { entries, barsPerSecond } = benchSingle(streams, profile);
      benchmarks.push(...entries);
      singleBarsPerSecond.set(profile, barsPerSecond);
    }
  }
  {
    const streams = multiInstrumentData();
    for (const profile of ALL_SMA_PROFILES)
      benchmarks.push(benchMulti(streams, profile, singleBarsPerSecond.get(profile) ?? 0));
  }
  benchmarks.push(benchMemory());
  benchmarks.push(benchDeterminism());
  benchmarks.push(...benchIndicatorsInChild());

  const report: BenchReport = { machine, benchmarks };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
