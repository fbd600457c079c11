import type { OrderSide, OrderType } from '../model/orders/order-enums.js';
import { firstTouch, type PathPoint } from './ohlc-path.js';

/** A working order as the bar fill model sees it: raw prices at the instrument's precision. */
export interface BarOrder {
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Limit price (LIMIT, STOP_LIMIT). */
  readonly limitRaw?: number;
  /** Trigger price (STOP_MARKET, STOP_LIMIT). */
  readonly triggerRaw?: number;
  /** True once a stop-limit has been triggered on an earlier bar. */
  readonly triggered: boolean;
}

/** Where and how an order executes inside a bar. */
export interface BarFill {
  /** Fill price before slippage, raw. */
  readonly priceRaw: number;
  /** Segment of the OHLC path (0–2) where it executed, to order several fills in one bar. */
  readonly segment: number;
  /** Position of the fill along the path, for ordering fills within one segment. */
  readonly distance: number;
  /** True if the fill came from a stop (market or limit) whose trigger was reached. */
  readonly viaStop: boolean;
  /** True if the order rested and was reached by the price (a maker fill). */
  readonly passive: boolean;
}

/** Result of walking one bar: a fill, a trigger without a fill, or nothing. */
export type BarOutcome =
  { readonly kind: 'fill'; readonly fill: BarFill } | { readonly kind: 'triggered' } | undefined;

/**
 * Decides whether and where a working order executes inside a bar, given the bar's
 * OHLC path (see {@link ohlcPath}). Rules, for a buy (a sell mirrors them):
 * - MARKET: the open.
 * - LIMIT at L: the first point with price ≤ L — the open if it already is (price
 *   improvement on a gap), otherwise L itself.
 * - STOP_MARKET at S: the first point with price ≥ S — the open on a gap, otherwise S.
 * - STOP_LIMIT at S, L: triggers as a stop, then works as a limit at L from the trigger
 *   point on; if the limit is not reached in the rest of the bar it stays triggered.
 */
export function walkBar(order: BarOrder, path: readonly number[]): BarOutcome {
  const buy = order.side === 'BUY';
  const start: PathPoint = { price: path[0], segment: 0 };
  switch (order.type) {
    case 'MARKET':
      return fill(start, path, false, false);
    case 'LIMIT': {
      const at = firstTouch(path, start, order.limitRaw!, buy ? 'down' : 'up');
      return at && fill(at, path, false, at !== start);
    }
    case 'STOP_MARKET': {
      const at = firstTouch(path, start, order.triggerRaw!, buy ? 'up' : 'down');
      return at && fill(at, path, true, false);
    }
    case 'STOP_LIMIT': {
      let from: PathPoint | undefined = start;
      if (!order.triggered) from = firstTouch(path, start, order.triggerRaw!, buy ? 'up' : 'down');
      if (from === undefined) return undefined;
      const at = firstTouch(path, from, order.limitRaw!, buy ? 'down' : 'up');
      if (at === undefined) return TRIGGERED;
      return fill(at, path, true, at !== from);
    }
  }
}

function fill(at: PathPoint, path: readonly number[], viaStop: boolean, passive: boolean): BarOutcome {
  const distance = Math.abs(at.price - path[at.segment]);
  return { kind: 'fill', fill: { priceRaw: at.price, segment: at.segment, distance, viaStop, passive } };
}

const TRIGGERED: BarOutcome = Object.freeze({ kind: 'triggered' });
