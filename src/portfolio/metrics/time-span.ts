import { US } from '../../core/clock.js';

/** Microseconds in a Julian year (365.25 days), the year length used for annualizing. */
export const YEAR_US = 365.25 * US.DAY;

/** Length of `[startUs, endUs]` in Julian years. */
export function yearsBetween(startUs: number, endUs: number): number {
  return (endUs - startUs) / YEAR_US;
}

/**
 * Return observations per year actually present in the data: `returnCount / years`.
 *
 * Measured rather than configured, so daily stock data (no weekends) annualizes at
 * ~252 and 24/7 crypto at ~365 without anyone having to say which it is.
 *
 * @param returnCount number of period returns (N − 1 for an N-point curve)
 * @param spanUs time from the first to the last observation, in microseconds
 * @returns `null` when there is no return or no elapsed time
 */
export function periodsPerYear(returnCount: number, spanUs: number): number | null {
  if (returnCount < 1 || spanUs <= 0) return null;
  // Multiply before dividing: for whole-day spans this stays exact (5 daily returns over
  // 5 days gives exactly 365.25), which (returnCount / (spanUs / YEAR_US)) does not.
  return (returnCount * YEAR_US) / spanUs;
}
