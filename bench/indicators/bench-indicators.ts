/**
 * The indicator benchmarks: for each of SMA(20), EMA(20), RSI(14), MACD(12,26,9),
 * Bollinger(20,2) and ATR(14), a streaming entry (ours vs trading-signals vs a plain loop) and
 * a batch entry (ours vs indicatorts), all on the same 1,000,000 random-walk bars. An indicator
 * missing from the catalog yields `skipped` entries (peers still measured) instead of failing.
 */
import { INDICATOR_CATALOG } from '../../src/indicators/catalog/index.js';
import { collectGarbage, log } from '../measure.js';
import type { BenchEntry } from '../report.js';
import { benchBatch } from './batch.js';
import { INDICATOR_CASES } from './cases.js';
import { indicatorData } from './data.js';
import { benchStream } from './stream.js';

export function benchIndicators(only?: readonly string[]): BenchEntry[] {
  const unknown = only?.filter((name) => !INDICATOR_CASES.some((c) => c.name === name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `unknown indicator case ${unknown.join(', ')}: one of ${INDICATOR_CASES.map((c) => c.name).join(', ')}`,
    );
  }
  const started = Date.now();
  log('indicators: generating 1,000,000 random-walk bars (untimed)');
  const data = indicatorData();
  const entries: BenchEntry[] = [];
  for (const c of INDICATOR_CASES) {
    if (only && !only.includes(c.name)) continue;
    const entry = INDICATOR_CATALOG.get(c.name);
    entries.push(benchStream(c, entry, data));
    entries.push(benchBatch(c, entry, data));
  }
  collectGarbage();
  log(`indicators: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return entries;
}
