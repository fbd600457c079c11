/**
 * Runs the server load benchmarks (main.ts) in a fresh node process, for bench/run-all.ts
 * (see ../child-process.ts).
 */
import { entriesFromChild } from '../child-process.js';
import type { BenchEntry } from '../report.js';

export function benchServerInChild(): BenchEntry[] {
  return entriesFromChild('./server/main.js');
}
