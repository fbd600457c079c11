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
import { ALL_SMA_PROFILES, profileEntryName } from './bench-data.js';
import { entriesFromChild } from './child-process.js';
import { benchCatalogInChild } from './catalog/child.js';
import { benchDeterminism } from './determinism.js';
import { benchFeedInChild } from './feed/child.js';
import { benchIndicatorsInChild } from './indicators/child.js';
import { benchJournalInChild } from './journal/child.js';
import { log, machineInfo } from './measure.js';
import { benchMemory } from './memory.js';
import { benchOrderBookInChild } from './order-book/child.js';
import { benchPaperInChild } from './paper/child.js';
import { benchServerInChild } from './server/child.js';
import type { BenchEntry, BenchReport } from './report.js';

function main(): void {
  const started = Date.now();
  const machine = machineInfo();
  log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
    log('warning: run with node --expose-gc for steadier timings');

  const benchmarks: BenchEntry[] = [];
  // Each throughput group runs in its own process (see child-process.ts).
  const single = entriesFromChild('./throughput-main.js', ['single']);
  benchmarks.push(...single);
  const singleRates = Object.fromEntries(
    ALL_SMA_PROFILES.map((p) => [
      p.name,
      single.find((e) => e.name === profileEntryName('sma-cross-1m', p))?.barsPerSecond ?? 0,
    ]),
  );
  benchmarks.push(...entriesFromChild('./throughput-main.js', ['multi', JSON.stringify(singleRates)]));
  benchmarks.push(benchMemory());
  benchmarks.push(benchDeterminism());
  benchmarks.push(...benchIndicatorsInChild());
  benchmarks.push(...benchOrderBookInChild());
  benchmarks.push(...benchCatalogInChild());
  benchmarks.push(...benchFeedInChild());
  benchmarks.push(...benchJournalInChild());
  benchmarks.push(...benchPaperInChild());
  benchmarks.push(...benchServerInChild());

  const report: BenchReport = { machine, benchmarks };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
