import { finiteOrNull } from './finite.js';

/**
 * Time in the market: the time-weighted share of `[ts_first, ts_last]` during which a
 * position was open.
 *
 * `exposed[i]` covers the interval `[ts[i], ts[i+1])`, so each flag is weighted by the
 * length of its interval: on a daily curve an exposed Friday counts for the whole
 * weekend, which is when that position was actually at risk.
 *
 * @param ts strictly increasing timestamps (µs)
 * @param exposed one flag per interval (length ≥ ts.length − 1); truthy means exposed
 * @returns `null` when the curve spans no time
 */
export function timeInMarket(ts: ArrayLike<number>, exposed: ArrayLike<boolean | number>): number | null {
  const n = ts.length;
  if (n < 2) return null;
  let exposedUs = 0;
  for (let i = 0; i + 1 < n; i++) {
    if (exposed[i]) exposedUs += ts[i + 1] - ts[i];
  }
  const spanUs = ts[n - 1] - ts[0];
  return spanUs > 0 ? finiteOrNull(exposedUs / spanUs) : null;
}
