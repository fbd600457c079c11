/**
 * The SmaCross strategy written as one hand-written loop over the bars: no kernel, no
 * orders, no events. It is the lower bound of what a backtest of this strategy costs in
 * JavaScript, to put the engine's throughput in perspective.
 *
 * Same rules as the engine with the default next-open fill mode:
 * - at each bar, a market order decided on the previous bar fills at this bar's open;
 * - then the SMAs of closes are updated; once the slow one is ready, a flat book with
 *   SMA(fast) > SMA(slow) sends a buy of `qty`, a long book with SMA(fast) ≤ SMA(slow) a sell;
 * - an order still pending after the last bar never fills.
 * The SMAs keep a running sum re-summed from their window once per period, like the
 * engine's `Sma`, so both make bit-identical decisions and trade the same bars.
 */
import type { Bar } from '../src/model/data/bar.js';

export interface PlainLoopResult {
  readonly fills: number;
  readonly roundTrips: number;
  readonly finalEquity: number;
  /** Equity after each bar, account currency. */
  readonly equity: Float64Array;
}

const NONE = 0;
const BUY = 1;
const SELL = 2;

export function plainLoopSmaCross(
  bars: readonly Bar[],
  fast: number,
  slow: number,
  qty: number,
  startingCash: number,
): PlainLoopResult {
  const n = bars.length;
  const equity = new Float64Array(n);
  if (n === 0) return { fills: 0, roundTrips: 0, finalEquity: startingCash, equity };
  const scale = 10 ** bars[0].close.precision;

  const fastWindow = new Float64Array(fast);
  const slowWindow = new Float64Array(slow);
  let fastSum = 0;
  let slowSum = 0;
  let fastPos = 0;
  let slowPos = 0;
  let seen = 0;

  let cash = startingCash;
  let position = 0;
  let pending = NONE;
  let fills = 0;
  let roundTrips = 0;

  for (let i = 0; i < n; i++) {
    const bar = bars[i];
    if (pending !== NONE) {
      const open = bar.open.raw / scale;
      if (pending === BUY) {
        cash -= open * qty;
        position = qty;
      } else {
        cash += open * position;
        position = 0;
        roundTrips++;
      }
      pending = NONE;
      fills++;
    }

    const close = bar.close.raw / scale;
    fastSum += close - fastWindow[fastPos];
    fastWindow[fastPos] = close;
    if (++fastPos === fast) {
      fastPos = 0;
      fastSum = 0;
      for (let k = 0; k < fast; k++) fastSum += fastWindow[k];
    }
    slowSum += close - slowWindow[slowPos];
    slowWindow[slowPos] = close;
    if (++slowPos === slow) {
      slowPos = 0;
      slowSum = 0;
      for (let k = 0; k < slow; k++) slowSum += slowWindow[k];
    }
    seen++;

    if (seen >= slow) {
      if (fastSum / fast > slowSum / slow) {
        if (position === 0) pending = BUY;
      } else if (position > 0) {
        pending = SELL;
      }
    }
    equity[i] = cash + position * close;
  }
  return { fills, roundTrips, finalEquity: equity[n - 1], equity };
}
