/** Small helpers shared by the stream and batch entries: rates, ratios, skipped entries, timing summaries. */
import { round, type Timing } from '../measure.js';
import type { BenchEntry } from '../report.js';

/** What `skipped` says when the catalog has no entry for an indicator yet. */
export const NOT_IN_CATALOG = 'indicator not in catalog yet';

/** A bench entry that could not run ours; `skipped` says why. */
export interface SkippableEntry extends BenchEntry {
  readonly skipped?: string;
}

/** Values per second of the fastest repetition. */
export function rate(values: number, timing: Timing<unknown>): number {
  return values / timing.bestSeconds;
}

/** Ratio with 3 significant digits. */
export function ratio(a: number, b: number): number {
  return round(a / b, 3);
}

/** `12.3 M/s`. */
export function mega(valuesPerSecond: number): string {
  return `${(valuesPerSecond / 1e6).toFixed(1)} M/s`;
}

/** A contender's timing for `details`. */
export function timingSummary(values: number, timing: Timing<unknown>): Record<string, unknown> {
  return {
    valuesPerSecond: Math.round(rate(values, timing)),
    bestSeconds: round(timing.bestSeconds),
    allSeconds: timing.allSeconds.map((s) => round(s)),
  };
}

/** An entry for an indicator the catalog does not have yet: no figures of ours, peers still reported. */
export function skippedEntry(
  name: string,
  measures: string,
  values: number,
  details: Record<string, unknown>,
): SkippableEntry {
  return {
    name,
    measures,
    bars: values,
    bestSeconds: null,
    barsPerSecond: null,
    target: null,
    pass: null,
    ratios: {},
    details: { skipped: NOT_IN_CATALOG, ...details },
    skipped: NOT_IN_CATALOG,
  };
}
