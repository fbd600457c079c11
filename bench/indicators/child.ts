/**
 * Runs the indicator benchmarks in fresh node processes (dist/bench/indicators/main.js), one
 * per indicator: in the suite's own process, after the backtest benchmarks, the same loops
 * measured 2–6× slower (V8's background GC busy with the heap those leave), and even within
 * one indicator process the later cases lost up to 20% to the earlier cases' garbage and
 * type feedback. A fresh process per indicator is also what a strategy sees. See
 * ../child-process.ts.
 */
import { entriesFromChild } from '../child-process.js';
import type { BenchEntry } from '../report.js';
import { INDICATOR_CASES } from './cases.js';

export function benchIndicatorsInChild(): BenchEntry[] {
  return INDICATOR_CASES.flatMap((c) => entriesFromChild('./indicators/main.js', [c.name]));
}
