/**
 * Runs part of the suite in a fresh node process and returns its entries. In one long
 * process, the heap and background GC work left by earlier benchmarks slow the later ones
 * (measured 1.5–6× on this 2-core machine), so each throughput group measures alone.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log } from './measure.js';
import type { BenchEntry, BenchReport } from './report.js';

/** Runs `dist/bench/<script>` (relative to this file) with `args`; it prints a BenchReport. */
export function entriesFromChild(script: string, args: readonly string[] = []): BenchEntry[] {
  const file = fileURLToPath(new URL(script, import.meta.url));
  log(`running ${script} ${args.join(' ')} in a child process`);
  const child = spawnSync(process.execPath, ['--expose-gc', file, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) {
    throw new Error(
      `${script} failed (status ${child.status}, signal ${child.signal}): ${child.error?.message ?? 'see above'}`,
    );
  }
  return (JSON.parse(child.stdout) as BenchReport).benchmarks;
}
