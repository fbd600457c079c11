/**
 * Runs the journal benchmarks (main.ts) in a fresh node process: their files, SQLite's page cache
 * and the 100,000 prepared records would otherwise share a heap with the other benchmarks (see
 * ../child-process.ts).
 */
import { entriesFromChild } from '../child-process.js';
import type { BenchEntry } from '../report.js';

export function benchJournalInChild(): BenchEntry[] {
  return entriesFromChild('./journal/main.js');
}
