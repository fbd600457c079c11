/**
 * `npm run bench`: runs every backtest benchmark and prints one JSON document on stdout
 * ({ machine, benchmarks }); progress goes to stderr. Run with `node --expose-gc` so each
 * timed repetition starts from a collected heap.
 */
import { benchMulti, measureEngine, singleInstrumentData, smaCross1mEntry } from './backtest-throughput.js';
import { benchDeterminism } from './determinism.js';
import { log, machineInfo } from './measure.js';
import { benchMemory } from './memory.js';
import { benchGrademark, benchPlainLoop } from './peer-throughput.js';
import type { BenchEntry, BenchReport } from './report.js';

function main(): void {
  const started = Date.now();
  const machine = machineInfo();
  log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
    log('warning: run with node --expose-gc for steadier timings');

  const benchmarks: BenchEntry[] = [];
  {
    const streams = singleInstrumentData();
    const bars = streams[0].bars;
    const engine = measureEngine('sma-cross-1m', streams);
    const engineBarsPerSecond = engine.bars / engine.timing.bestSeconds;
    const plain = benchPlainLoop(bars, engine.timing.bestResult, engineBarsPerSecond);
    const grademark = benchGrademark(bars, engine.timing.bestResult, engineBarsPerSecond);
    benchmarks.push(smaCross1mEntry(engine, { ...plain.ratios, ...grademark.ratios }), plain, grademark);
  }
  const single = benchmarks[0].barsPerSecond ?? 0;
  benchmarks.push(benchMulti(single));
  benchmarks.push(benchMemory());
  benchmarks.push(benchDeterminism());

  const report: BenchReport = { machine, benchmarks };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
