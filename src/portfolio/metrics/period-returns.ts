/**
 * Simple period returns of a series: `r_i = v_i / v_{i−1} − 1` for i = 1..N−1.
 *
 * @returns N−1 returns (empty for fewer than two points), or `null` when some `v_{i−1}`
 *   is zero or negative: a return relative to a non-positive base is a division by zero
 *   or has its sign flipped, so no return-based statistic would mean anything.
 */
export function periodReturns(values: ArrayLike<number>): Float64Array | null {
  const n = values.length;
  const returns = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) {
    const previous = values[i - 1];
    if (!(previous > 0)) return null;
    returns[i - 1] = values[i] / previous - 1;
  }
  return returns;
}
