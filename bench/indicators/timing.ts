/**
 * Best-of timing for the indicator benchmarks, on top of `bestOf`: one untimed probe run
 * decides the repetitions. A run of a few milliseconds is at the mercy of the scheduler on a
 * busy 2-core machine, so fast runs get more repetitions (still cheap); slow ones the usual 5.
 */
import { performance } from 'node:perf_hooks';
import { bestOf, collectGarbage, type Timing } from '../measure.js';

/** Timed repetitions of a run of at least {@link FAST_RUN_SECONDS}. */
export const REPETITIONS = 5;
/** Timed repetitions of a faster run. */
export const FAST_REPETITIONS = 15;
export const FAST_RUN_SECONDS = 0.05;
/** Warm-ups after the probe (so at least two untimed runs in all). */
export const WARMUPS = 1;

/** `setup` builds the state of one run (untimed), `run` is timed; returns the fastest repetition. */
export function timeBest<S, T>(label: string, setup: () => S, run: (state: S) => T): Timing<T> {
  const state = setup();
  collectGarbage();
  const t0 = performance.now();
  run(state);
  const probeSeconds = (performance.now() - t0) / 1000;
  const repetitions = probeSeconds < FAST_RUN_SECONDS ? FAST_REPETITIONS : REPETITIONS;
  return bestOf({ label, repetitions, warmups: WARMUPS, setup }, run);
}

/** How the figures were taken, for the `measures` sentences. */
export const TIMING_NOTE = `best of ${REPETITIONS} (${FAST_REPETITIONS} for runs under ${FAST_RUN_SECONDS * 1000} ms) after an untimed probe and ${WARMUPS} warm-up`;
