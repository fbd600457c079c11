import { finiteOrNull } from './finite.js';

/**
 * Growth over the whole backtest: `endEquity / startEquity − 1`.
 *
 * @returns `null` when the start equity is not positive (no base to grow from)
 */
export function totalReturn(startEquity: number, endEquity: number): number | null {
  if (!(startEquity > 0)) return null;
  return finiteOrNull(endEquity / startEquity - 1);
}

/**
 * Compound annual growth rate: `(endEquity / startEquity)^(1 / years) − 1`.
 *
 * @returns `null` when no time elapsed, or when either equity is not positive (a
 *   fractional power of a negative ratio is not a real number)
 */
export function cagr(startEquity: number, endEquity: number, years: number): number | null {
  if (!(years > 0) || !(startEquity > 0) || !(endEquity > 0)) return null;
  return finiteOrNull(Math.pow(endEquity / startEquity, 1 / years) - 1);
}
