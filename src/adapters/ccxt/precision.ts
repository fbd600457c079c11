/**
 * Decimals of a market's price and amount, from ccxt's `market.precision`. ccxt reports it either
 * as a tick size (`0.01`, TICK_SIZE mode, Binance) or as a count of decimals (`2`,
 * DECIMAL_PLACES mode); the model wants decimals.
 */
import { decimalsOf, MAX_PRECISION } from '../../model/types/fixed-point.js';

/** ccxt's `TICK_SIZE` precision mode constant. */
export const CCXT_TICK_SIZE = 4;

/** Decimals for one precision value (`undefined` when the market does not say: 8). */
export function decimalsFromPrecision(value: number | undefined, precisionMode: number): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return 8;
  if (precisionMode !== CCXT_TICK_SIZE && Number.isInteger(value)) return Math.min(value, MAX_PRECISION);
  // A tick size: 0.01 → 2. Exponent notation (1e-8) is expanded first.
  const text = value.toFixed(MAX_PRECISION);
  return Math.min(decimalsOf(text), MAX_PRECISION);
}
