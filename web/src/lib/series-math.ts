/** Small series helpers for the charts (pure, so they are unit-tested in Node). */

/** Drawdown from the running peak as a fraction ≤ 0, one entry per input. */
export function drawdown(values: readonly number[]): number[] {
  let peak = -Infinity;
  return values.map((v) => {
    peak = Math.max(peak, v);
    return peak > 0 ? v / peak - 1 : 0;
  });
}
