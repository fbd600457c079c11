/**
 * Guards at the JSON boundary: metrics are written with `JSON.stringify`, which turns
 * NaN and ±Infinity into `null` silently, and -0 into `0`. We make that explicit here
 * so every metric is either a real number or a deliberate `null`.
 */

/** `value` if it is finite, otherwise `null`; folds -0 into 0 so results compare cleanly. */
export function finiteOrNull(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/** `numerator / denominator`, or `null` when the denominator is 0 or either side is not finite. */
export function ratioOrNull(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return finiteOrNull(numerator / denominator);
}

/**
 * Dispersion below this (in return units per period) is treated as zero when it is a
 * divisor. Returns computed as E_i/E_{i−1} − 1 carry rounding noise of ~1e-16, so a curve
 * growing at a perfectly constant rate has a "standard deviation" of ~1e-17 and would
 * report a Sharpe ratio of 1e15. No real equity curve moves less than 1e-12 per period.
 */
export const ZERO_DISPERSION = 1e-12;
