/**
 * Runs the indicator benchmarks in a fresh node process (dist/bench/indicators/main.js): in the
 * suite's own process, after the backtest benchmarks, the same loops measured 2–6× slower
 * (V8's background GC busy with the heap those leave). See ../child-process.ts.
 */
import { entriesFromChild } from '../child-process.js';
import type { BenchEntry } from '../report.js';

export function benchIndicatorsInChild(): BenchEntry[] {
  return entriesFromChild('./indicators/main.js');
}
