/**
 * Runs the market-data feed benchmarks (main.ts) in a fresh node process: their 1,000,000
 * message strings and the latency run's busy wait would otherwise share a heap and a core with
 * the other benchmarks (see ../child-process.ts).
 */
import { entriesFromChild } from '../child-process.js';
import type { BenchEntry } from '../report.js';

export function benchFeedInChild(): BenchEntry[] {
  return entriesFromChild('./feed/main.js');
}
