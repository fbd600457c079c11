/**
 * `memory-1m`: peak memory of a 1,000,000-bar SmaCross backtest, measured in a separate
 * node process (bench/memory-child.ts) so that the suite's own data does not count.
 * Report only, no target.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log } from './measure.js';
import type { BenchEntry } from './report.js';

const CHILD = fileURLToPath(new URL('./memory-child.js', import.meta.url));

export function benchMemory(): BenchEntry {
  log('memory-1m: running dist/bench/memory-child.js in a child process');
  // --expose-gc only lets the child report live heap after a collection; it does not change peak RSS.
  const child = spawnSync(process.execPath, ['--expose-gc', CHILD], { encoding: 'utf8', timeout: 120_000 });
  if (child.status !== 0) {
    throw new Error(
      `memory child failed (status ${child.status}, signal ${child.signal}): ${child.stderr || child.error?.message}`,
    );
  }
  const figures = JSON.parse(child.stdout.trim()) as Record<string, unknown> & {
    peakRssMB: number;
    heapUsedAfterRunMB: number;
  };
  const { held: _held, ...details } = figures;
  log(`memory-1m: peak RSS ${figures.peakRssMB} MB, heap used after run ${figures.heapUsedAfterRunMB} MB`);
  return {
    name: 'memory-1m',
    measures:
      'peak RSS (process.resourceUsage().maxRSS) and heap use of a separate node process that generates 1,000,000 bars, holds them and runs the SmaCross backtest (high-turnover profile: fast 10, slow 30, qty 10); report only',
    bars: 1_000_000,
    bestSeconds: null,
    barsPerSecond: null,
    target: null,
    pass: null,
    ratios: {},
    details,
  };
}
