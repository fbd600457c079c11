import { finiteOrNull } from './finite.js';

/** One-period historical tail risk at 95 %, as positive loss fractions. */
export interface TailRisk {
  /** −r_(k): the k-th smallest return, negated, with k = ⌈0.05·n⌉. */
  readonly var95: number | null;
  /** −mean of the k smallest returns. */
  readonly cvar95: number | null;
}

/**
 * Historical value at risk and conditional value at risk (expected shortfall) at 95 %.
 *
 * Sort the n returns ascending and let k = ⌈0.05·n⌉; VaR is the k-th smallest return and
 * CVaR the mean of the k smallest, both negated so that a loss is a positive number. A
 * sample whose 5 % tail is all gains gives a negative VaR.
 *
 * O(n log n) for the sort, on a copy: the caller's returns are left in time order.
 *
 * @returns nulls when there are no returns
 */
export function historicalTailRisk95(returns: ArrayLike<number>): TailRisk {
  const n = returns.length;
  if (n === 0) return { var95: null, cvar95: null };
  // ⌈n / 20⌉ rather than Math.ceil(0.05 * n): 0.05 is not exact in binary, and an integer
  // division keeps k from ever being off by one through rounding.
  const k = Math.ceil(n / 20);
  // Typed-array sort is numeric (no comparator needed) and much faster than Array#sort.
  const sorted = Float64Array.from(returns).sort();
  let tailSum = 0;
  for (let i = 0; i < k; i++) tailSum += sorted[i];
  return {
    var95: finiteOrNull(-sorted[k - 1]),
    cvar95: finiteOrNull(-tailSum / k),
  };
}
