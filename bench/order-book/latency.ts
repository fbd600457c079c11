/**
 * Latency per operation: every operation of the stream timed on its own with
 * `process.hrtime.bigint()` around one `apply` call, on a fresh book. The two timer reads cost
 * something too (about 50 ns on a 2-core VM): the same loop with nothing between the reads
 * measures it, and its median is subtracted from the percentiles (both figures are reported).
 */
import { round } from '../measure.js';
import type { Contender } from './contender.js';

export interface LatencyRun {
  /** Percentiles per operation, nanoseconds, after subtracting the timer overhead (never below 0). */
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
  /** Mean per operation, overhead subtracted. */
  readonly meanNs: number;
  /** Median cost of the two timer reads, subtracted above. */
  readonly timerOverheadNs: number;
  /** The same percentiles before subtracting. */
  readonly raw: { readonly p50Ns: number; readonly p99Ns: number; readonly p999Ns: number };
}

/** Times each operation once, on a fresh book (after `prepare`, untimed), then the timer alone. */
export function measureLatency<B>(
  contender: Contender<B>,
  operations: number,
  prepare?: (book: B) => void,
): LatencyRun {
  const book = contender.create();
  prepare?.(book);
  const durations = new Float64Array(operations);
  for (let i = 0; i < operations; i++) {
    const t0 = process.hrtime.bigint();
    contender.apply(book, i);
    durations[i] = Number(process.hrtime.bigint() - t0);
  }
  const overhead = timerOverhead(operations);
  let sum = 0;
  for (let i = 0; i < operations; i++) sum += durations[i];
  durations.sort();
  const at = (q: number): number => durations[Math.min(operations - 1, Math.floor(q * operations))];
  const less = (ns: number): number => Math.max(0, ns - overhead);
  return {
    p50Ns: less(at(0.5)),
    p99Ns: less(at(0.99)),
    p999Ns: less(at(0.999)),
    maxNs: less(durations[operations - 1]),
    meanNs: round(less(sum / operations)),
    timerOverheadNs: overhead,
    raw: { p50Ns: at(0.5), p99Ns: at(0.99), p999Ns: at(0.999) },
  };
}

/** Median of back-to-back timer reads, measured the way {@link measureLatency} reads the timer. */
function timerOverhead(samples: number): number {
  const durations = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    durations[i] = Number(process.hrtime.bigint() - t0);
  }
  durations.sort();
  return durations[samples >> 1];
}

/** The run with the lowest p99 of several (noise only ever adds time), and every run's p99. */
export function bestLatency(runs: readonly LatencyRun[]): LatencyRun & { readonly allP99Ns: number[] } {
  const best = runs.reduce((a, b) => (b.p99Ns < a.p99Ns ? b : a));
  return { ...best, allP99Ns: runs.map((r) => r.p99Ns) };
}

/** `0.42 µs`. */
export function micros(ns: number): string {
  return `${(ns / 1000).toFixed(2)} µs`;
}
