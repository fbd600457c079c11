/**
 * Resting orders added beside the standard stream: 100,000 GTC limit orders that no operation of
 * the stream can reach by price — bids on the 1,000 levels starting 1,000 ticks below the
 * stream's lowest price, asks on the 1,000 levels starting 1,000 ticks above its highest — so the
 * stream replays as it does on an empty book. The one difference: a market order that empties a
 * side of the stream's book (73 lots in all on orders.csv) now fills on these far orders instead
 * of being left unfilled.
 */
import { StreamOp, StreamSide, type OrderStream } from '../../src/matching/replay/order-stream.js';

/** Orders as columns, like the stream's. */
export interface RestingOrders {
  readonly count: number;
  readonly ids: Float64Array;
  readonly sides: Uint8Array;
  readonly prices: Float64Array;
  readonly quantities: Float64Array;
  /** The bid and ask levels used: nearest to the stream's prices and farthest. */
  readonly priceRange: {
    readonly nearestBid: number;
    readonly lowestBid: number;
    readonly nearestAsk: number;
    readonly highestAsk: number;
  };
}

export const RESTING_ORDERS = 100_000;
/** Levels per side the orders are spread over. */
export const RESTING_LEVELS = 1_000;
/** Ticks between the stream's price range and the nearest resting level. */
export const RESTING_GAP = 1_000;
export const RESTING_QUANTITY = 10;

/**
 * `count` orders with ids from `firstId` up, alternating buy and sell, going round the levels of
 * each side so every level fills up evenly (`count / 2 / RESTING_LEVELS` orders each).
 */
export function farRestingOrders(stream: OrderStream, count: number, firstId: number): RestingOrders {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < stream.length; i++) {
    if (stream.ops[i] !== StreamOp.LIMIT) continue;
    const price = stream.prices[i];
    if (price < low) low = price;
    if (price > high) high = price;
  }
  if (!Number.isFinite(low)) low = high = 10_000;
  const nearestBid = low - RESTING_GAP;
  const nearestAsk = high + RESTING_GAP;
  if (nearestBid - (RESTING_LEVELS - 1) < 1)
    throw new RangeError(`stream prices too low (${low}) to rest bids ${RESTING_GAP} ticks below them`);

  const ids = new Float64Array(count);
  const sides = new Uint8Array(count);
  const prices = new Float64Array(count);
  const quantities = new Float64Array(count).fill(RESTING_QUANTITY);
  for (let i = 0; i < count; i++) {
    const buy = i % 2 === 0;
    const level = (i >> 1) % RESTING_LEVELS;
    ids[i] = firstId + i;
    sides[i] = buy ? StreamSide.BUY : StreamSide.SELL;
    prices[i] = buy ? nearestBid - level : nearestAsk + level;
  }
  return {
    count,
    ids,
    sides,
    prices,
    quantities,
    priceRange: {
      nearestBid,
      lowestBid: nearestBid - (RESTING_LEVELS - 1),
      nearestAsk,
      highestAsk: nearestAsk + RESTING_LEVELS - 1,
    },
  };
}
