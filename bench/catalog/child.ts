/**
 * Runs the catalog benchmarks (main.ts) in a fresh node process: DuckDB's native threads and the
 * 5,000,000-bar columns would otherwise share a heap and cores with the other benchmarks (see
 * ../child-process.ts).
 */
import { entriesFromChild } from '../child-process.js';
import type { BenchEntry } from '../report.js';

export function benchCatalogInChild(): BenchEntry[] {
  return entriesFromChild('./catalog/main.js');
}
