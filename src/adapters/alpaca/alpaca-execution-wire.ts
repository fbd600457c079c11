/**
 * Alpaca Trading API v2 as we speak it: order request bodies, the mapping of our order enums to
 * Alpaca's, stable codes of refusals, and the client order ids of replacements. Kept apart from
 * the client so tests and the local test server use the same definitions.
 */
import type { ClientOrderId } from '../../model/identifiers/order-ids.js';
import type { Order } from '../../model/orders/order.js';
import type { OrderChanges } from '../../model/orders/order-changes.js';
import { OrderSide, OrderType, TimeInForce } from '../../model/orders/order-enums.js';
import { Quantity } from '../../model/types/quantity.js';

/** Stable codes of the refusals this adapter reports (venue refusals carry `ALPACA_<code>`). */
export const AlpacaExecCode = {
  /** An order Alpaca cannot take (GTD, reduce-only), refused before sending. */
  UNSUPPORTED_ORDER: 'UNSUPPORTED_ORDER',
  /** After a lost submit (timeout, network, 5xx), Alpaca still had no order with our client id. */
  NOT_RECEIVED: 'NOT_RECEIVED',
  /** The request could not be delivered after retries (cancel, replace). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** A `rejected` trade update: Alpaca gives no reason on the stream. */
  VENUE_REJECTED: 'VENUE_REJECTED',
  /** An `order_cancel_rejected` trade update. */
  CANCEL_REJECTED: 'CANCEL_REJECTED',
  /** An `order_replace_rejected` trade update, or the replacing order was rejected. */
  REPLACE_REJECTED: 'REPLACE_REJECTED',
  /** Cancel or replace of an order Alpaca has no id for (never accepted). */
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
} as const;
export type AlpacaExecCode = (typeof AlpacaExecCode)[keyof typeof AlpacaExecCode];

const TYPES: Record<OrderType, string> = {
  MARKET: 'market',
  LIMIT: 'limit',
  STOP_MARKET: 'stop',
  STOP_LIMIT: 'stop_limit',
};

const TIFS: Partial<Record<TimeInForce, string>> = { DAY: 'day', GTC: 'gtc', IOC: 'ioc', FOK: 'fok' };

/** Alpaca's `type` of ours, and back. */
export const alpacaOrderType = (type: OrderType): string => TYPES[type];
export function orderTypeOf(text: string): OrderType | undefined {
  return (Object.keys(TYPES) as OrderType[]).find((t) => TYPES[t] === text);
}

/** Ours of Alpaca's `time_in_force` (`opg`/`cls` have no equivalent: undefined). */
export function timeInForceOf(text: string): TimeInForce | undefined {
  return (Object.keys(TIFS) as TimeInForce[]).find((t) => TIFS[t] === text);
}

/** Ours of Alpaca's `side`. */
export function orderSideOf(text: string): OrderSide | undefined {
  // Activities of short sales say `sell_short`.
  return text === 'buy'
    ? OrderSide.BUY
    : text === 'sell' || text === 'sell_short'
      ? OrderSide.SELL
      : undefined;
}

/** A request body, or why Alpaca cannot take the order. */
export type WireBody = { readonly body: Record<string, string> } | { readonly refusal: string };

/**
 * The body of `POST /v2/orders`: our client order id, and quantity and prices as exact decimal
 * strings (never floats). Without a time in force an order is `gtc`, our default.
 */
export function submitBody(order: Order, symbol: string): WireBody {
  const spec = order.spec;
  const tif = TIFS[spec.timeInForce ?? TimeInForce.GTC];
  if (tif === undefined) return { refusal: `Alpaca has no ${spec.timeInForce} time in force` };
  if (spec.reduceOnly === true) return { refusal: 'Alpaca has no reduce-only orders for equities' };
  const body: Record<string, string> = {
    symbol,
    qty: spec.quantity.toString(),
    side: spec.side === OrderSide.BUY ? 'buy' : 'sell',
    type: TYPES[spec.type],
    time_in_force: tif,
    client_order_id: order.clientOrderId,
  };
  if (spec.price !== undefined) body.limit_price = spec.price.toString();
  if (spec.triggerPrice !== undefined) body.stop_price = spec.triggerPrice.toString();
  return { body };
}

/**
 * The body of `PATCH /v2/orders/{id}`. Alpaca replaces an order with a new one for `qty` shares;
 * the old order keeps its fills. So the new order gets what is left to trade: our new total
 * quantity minus what has filled (`filled`). If Alpaca counted `qty` as a total instead, this
 * would trade less, never more.
 */
export function replaceBody(
  changes: OrderChanges,
  filled: Quantity,
  replacementId: string,
): Record<string, string> {
  const body: Record<string, string> = { client_order_id: replacementId };
  if (changes.quantity !== undefined) {
    const p = Math.max(changes.quantity.precision, filled.precision);
    body.qty = Quantity.fromRaw(changes.quantity.rawAt(p) - filled.rawAt(p), p).toString();
  }
  if (changes.price !== undefined) body.limit_price = changes.price.toString();
  if (changes.triggerPrice !== undefined) body.stop_price = changes.triggerPrice.toString();
  return body;
}

/**
 * Alpaca's client order ids must be unique, so the n-th replacement of our order `O-000001` goes
 * out as `O-000001~r<n>`; `~` is never part of our ids, so the original id is recovered exactly.
 */
export const replacementClientId = (id: ClientOrderId, n: number): string => `${id}~r${n}`;

/** The client order id an Alpaca client order id belongs to (the original of a replacement). */
export function baseClientId(text: string): string {
  const cut = text.indexOf('~r');
  return cut < 0 ? text : text.slice(0, cut);
}

/** The refusal in an Alpaca error answer: `{"code": 40310000, "message": "insufficient buying power"}`. */
export function venueRefusal(status: number, body: unknown): { code: string; reason: string } {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code =
    typeof record.code === 'number' || typeof record.code === 'string' ? String(record.code) : undefined;
  const message = typeof record.message === 'string' ? record.message : `HTTP ${status}`;
  return {
    code: code !== undefined ? `ALPACA_${code}` : `HTTP_${status}`,
    reason: `${message} (HTTP ${status})`,
  };
}
