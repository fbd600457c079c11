/**
 * Timing helpers shared by the benchmarks: best-of-N wall-clock timing with a warm-up,
 * a garbage collection before each timed repetition (when node runs with --expose-gc),
 * and progress lines on stderr (stdout carries only the final JSON document).
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/** Writes a progress line to stderr. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs a full collection if node was started with --expose-gc, so one repetition's garbage does not bill the next. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

export interface Timing<T> {
  /** Fastest repetition, seconds. */
  readonly bestSeconds: number;
  /** Every timed repetition, seconds, in order. */
  readonly allSeconds: readonly number[];
  /** What the fastest repetition returned. */
  readonly bestResult: T;
}

export interface BestOfOptions<S> {
  /** Timed repetitions. */
  readonly repetitions: number;
  /** Untimed repetitions run first (JIT warm-up). */
  readonly warmups: number;
  /** Builds the state of one repetition (e.g. a fresh engine); not timed. */
  readonly setup: () => S;
  /** Label for progress lines. */
  readonly label: string;
}

/**
 * Times `run(setup())` several times and keeps the fastest: on a shared, noisy machine the
 * minimum is the best estimate of what the code costs (noise only ever adds time).
 */
export function bestOf<S, T>(options: BestOfOptions<S>, run: (state: S) => T): Timing<T> {
  for (let i = 0; i < options.warmups; i++) {
    const state = options.setup();
    collectGarbage();
    const t0 = performance.now();
    run(state);
    log(
      `${options.label}: warm-up ${i + 1}/${options.warmups} ${((performance.now() - t0) / 1000).toFixed(3)} s`,
    );
  }
  const allSeconds: number[] = [];
  let bestSeconds = Infinity;
  let bestResult: T | undefined;
  for (let i = 0; i < options.repetitions; i++) {
    const state = options.setup();
    collectGarbage();
    const t0 = performance.now();
    const result = run(state);
    const seconds = (performance.now() - t0) / 1000;
    allSeconds.push(seconds);
    log(`${options.label}: run ${i + 1}/${options.repetitions} ${seconds.toFixed(3)} s`);
    if (seconds < bestSeconds) {
      bestSeconds = seconds;
      bestResult = result;
    }
  }
  if (bestResult === undefined) throw new RangeError(`${options.label}: repetitions must be at least 1`);
  return { bestSeconds, allSeconds, bestResult };
}

/** Rounds to `digits` significant digits, for readable JSON. */
export function round(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** Node version, core count and CPU model of this machine. */
export function machineInfo(): { node: string; cpus: number; cpuModel: string } {
  const list = cpus();
  return { node: process.version, cpus: list.length, cpuModel: list[0]?.model.trim() ?? 'unknown' };
}
