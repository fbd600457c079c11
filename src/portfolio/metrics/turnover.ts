import { ratioOrNull } from './finite.js';

/**
 * Turnover: traded notional over the mean equity of the curve, for the whole backtest
 * (not annualized). A turnover of 10 means the strategy traded ten times its average
 * capital.
 *
 * Mean equity, rather than the starting equity, so a strategy that doubled its account
 * is not credited with twice the turnover per unit of capital it actually used.
 *
 * @returns `null` for an empty curve or a mean equity that is not positive
 */
export function turnover(tradedNotional: number, equity: ArrayLike<number>): number | null {
  const n = equity.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += equity[i];
  const meanEquity = sum / n;
  return meanEquity > 0 ? ratioOrNull(tradedNotional, meanEquity) : null;
}
