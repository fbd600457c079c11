/**
 * Runs the paper-mode latency benchmark (main.ts) in a fresh node process: its journal file and
 * busy-wait loop would otherwise share a heap and a core with the other benchmarks.
 */
import { entriesFromChild } from '../child-process.js';
import type { BenchEntry } from '../report.js';

export function benchPaperInChild(): BenchEntry[] {
  return entriesFromChild('./paper/main.js');
}
