import type { OrderSide } from '../../model/orders/order-enums.js';
import { Price } from '../../model/types/price.js';
import type { ChildPricing } from './algo-request.js';

/** The best bid and offer an algorithm prices against (either may be unknown). */
export interface Touch {
  readonly bid: Price | undefined;
  readonly ask: Price | undefined;
}

/** A child's order type and price. */
export type ChildPrice = { readonly type: 'MARKET' } | { readonly type: 'LIMIT'; readonly price: Price };

/**
 * Prices a child: MARKET as it is; CROSS at the far touch (a buy at the ask), JOIN at the
 * near touch (a buy at the bid); with `limit`, capped at it, so a buy is never priced
 * above it nor a sell below. `undefined` when the touch needed is unknown: the slice
 * waits for market data rather than guess a price.
 */
export function priceChild(
  side: OrderSide,
  pricing: ChildPricing,
  touch: Touch,
  limit: Price | undefined,
): ChildPrice | undefined {
  if (pricing === 'MARKET') return { type: 'MARKET' };
  const buy = side === 'BUY';
  const reference = pricing === 'CROSS' ? (buy ? touch.ask : touch.bid) : buy ? touch.bid : touch.ask;
  if (reference === undefined) return undefined;
  return { type: 'LIMIT', price: limit === undefined ? reference : capped(side, reference, limit) };
}

/** The price, or the limit when the price is beyond it for this side. */
export function capped(side: OrderSide, price: Price, limit: Price): Price {
  const beyond = side === 'BUY' ? price.compare(limit) > 0 : price.compare(limit) < 0;
  return beyond ? limit : price;
}

/** True when `price` is within the protection `limit` for this side (always, without a limit). */
export function withinLimit(side: OrderSide, price: Price, limit: Price | undefined): boolean {
  return limit === undefined || capped(side, price, limit) === price;
}
