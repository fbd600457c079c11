/** Small series helpers for the charts (pure, so they are unit-tested in Node). */

/** Simple moving average of `values` over `period`: one entry per input, `undefined` during warm-up. */
export function sma(values: readonly number[], period: number): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= period) sum -= values[i - period];
    out.push(i >= period - 1 ? sum / period : undefined);
  }
  return out;
}

/** Drawdown from the running peak as a fraction ≤ 0, one entry per input. */
export function drawdown(values: readonly number[]): number[] {
  let peak = -Infinity;
  return values.map((v) => {
    peak = Math.max(peak, v);
    return peak > 0 ? v / peak - 1 : 0;
  });
}
