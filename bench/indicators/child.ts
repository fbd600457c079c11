/**
 * Runs the indicator benchmarks in a fresh node process (dist/bench/indicators/main.js) and
 * returns its entries. In the suite's own process, after the backtest benchmarks, one run on the
 * loaded 2-core machine measured the same loops 2–6× slower; a smaller repro (engine first, its
 * bars kept alive) was 1.5–2× slower and not at all with --single-threaded-gc: V8's background GC
 * threads, busy with the heap the backtest benchmarks leave, compete with the timed run. A fresh
 * process measures the indicators alone.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log } from '../measure.js';
import type { BenchEntry, BenchReport } from '../report.js';

const CHILD = fileURLToPath(new URL('./main.js', import.meta.url));

export function benchIndicatorsInChild(): BenchEntry[] {
  log('indicators: running dist/bench/indicators/main.js in a child process');
  const child = spawnSync(process.execPath, ['--expose-gc', CHILD], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) {
    throw new Error(
      `indicator benchmark child failed (status ${child.status}, signal ${child.signal}): ${child.error?.message ?? 'see its output above'}`,
    );
  }
  return (JSON.parse(child.stdout) as BenchReport).benchmarks;
}
