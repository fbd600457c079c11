/** Moments of a return series, gathered in one pass. */
export interface ReturnStats {
  /** Number of returns, n. */
  readonly count: number;
  /** Mean of the returns; NaN when n = 0. */
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1); NaN when n < 2. */
  readonly stdev: number;
  /**
   * Downside deviation below the per-period target:
   * `sqrt(Σ min(0, r_i − target)² / n)` over all n returns; NaN when n = 0.
   */
  readonly downsideDeviation: number;
}

/**
 * Mean, sample standard deviation and downside deviation of `returns` in a single pass.
 *
 * Uses Welford's update for the variance: the textbook `Σr² − n·mean²` cancels
 * catastrophically when returns are small and many (a million returns of ~1e-4).
 *
 * @param targetPerPeriod the threshold for downside deviation, normally the risk-free
 *   rate per period (0 by default)
 */
export function returnStats(returns: ArrayLike<number>, targetPerPeriod = 0): ReturnStats {
  const n = returns.length;
  let mean = 0;
  let m2 = 0;
  let downsideSquares = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i];
    const delta = r - mean;
    mean += delta / (i + 1);
    m2 += delta * (r - mean);
    const shortfall = r - targetPerPeriod;
    if (shortfall < 0) downsideSquares += shortfall * shortfall;
  }
  return {
    count: n,
    mean: n > 0 ? mean : NaN,
    // m2 is mathematically ≥ 0 but rounding can leave it at -1e-20; clamp before sqrt.
    stdev: n > 1 ? Math.sqrt(Math.max(0, m2) / (n - 1)) : NaN,
    downsideDeviation: n > 0 ? Math.sqrt(downsideSquares / n) : NaN,
  };
}
