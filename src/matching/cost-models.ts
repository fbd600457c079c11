import { divRound, rawFromNumber } from '../model/types/fixed-point.js';
import type { OrderSide } from '../model/orders/order-enums.js';

/**
 * Moves a price against the trader by `bps` basis points and rounds it to the tick,
 * again against the trader (a buy pays up, a sell receives less). Zero bps changes nothing.
 * `priceRaw` and `tickRaw` share the instrument's price precision.
 */
export function slippedPrice(priceRaw: number, side: OrderSide, bps: number, tickRaw: number): number {
  if (bps === 0) return priceRaw;
  // Exact integer arithmetic: price × (10^8 ± bps × 10^4) / 10^8, rounded to whole ticks.
  const factor = 100_000_000 + (side === 'BUY' ? 1 : -1) * rawFromNumber(bps, 4);
  const buy = side === 'BUY';
  const numerator = priceRaw * factor;
  const denominator = 100_000_000 * tickRaw;
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) {
    const q = Math.floor(numerator / denominator);
    const exact = q * denominator === numerator;
    return (buy && !exact ? q + 1 : q) * tickRaw;
  }
  const n = BigInt(priceRaw) * BigInt(factor);
  const d = BigInt(denominator);
  let q = n / d; // truncates toward zero; prices here are positive
  if (buy && q * d !== n) q += 1n;
  return Number(q) * tickRaw;
}

/**
 * Commission of `bps` basis points on a notional, in the currency's smallest units,
 * rounded half away from zero. `bps` may have up to 4 decimals.
 */
export function commissionRaw(notionalRaw: number, bps: number): number {
  if (bps === 0) return 0;
  const bpsScaled = rawFromNumber(bps, 4); // bps × 10^4, exact for ≤ 4 decimals
  const product = Math.abs(notionalRaw) * bpsScaled;
  if (Number.isSafeInteger(product)) return divRound(product, 100_000_000);
  return Math.round((Math.abs(notionalRaw) * bps) / 10_000);
}
