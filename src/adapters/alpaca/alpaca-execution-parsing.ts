/**
 * Alpaca Trading API v2 messages into exact values: order objects (REST answers and the `order`
 * of every trade update), `trade_updates` events and FILL account activities. Prices and
 * quantities are read from their decimal strings at the instrument's precision, never through a
 * float; a value with more decimals than the instrument allows is an error, not rounded.
 */
import {
  type TradeId,
  type VenueOrderId,
  parseTradeId,
  parseVenueOrderId,
} from '../../model/identifiers/order-ids.js';
import type { OrderSide, OrderType, TimeInForce } from '../../model/orders/order-enums.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { parseRfc3339Us } from './alpaca-time.js';
import { orderSideOf, orderTypeOf, timeInForceOf } from './alpaca-execution-wire.js';

/** Decimals of a symbol's prices and sizes; `undefined` (unknown symbol): the strings' own. */
export type PrecisionSource = (
  symbol: string,
) => { readonly price: number; readonly size: number } | undefined;

/** Why a message could not be read (the message is skipped and counted). */
export class AlpacaExecParseError {
  constructor(readonly reason: string) {}
}

/** An Alpaca order object, the fields we use. */
export interface AlpacaOrder {
  readonly venueOrderId: VenueOrderId;
  /** As Alpaca has it (ours, or ours with a replacement suffix, or someone else's). */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Undefined for Alpaca-only values (`opg`, `cls`). */
  readonly timeInForce: TimeInForce | undefined;
  /** Alpaca's status: `new`, `partially_filled`, `filled`, `canceled`, `replaced`, ... */
  readonly status: string;
  readonly quantity: Quantity;
  readonly filledQty: Quantity;
  readonly limitPrice?: Price;
  readonly stopPrice?: Price;
  /** The order this one replaced. */
  readonly replaces?: VenueOrderId;
  /** The order that replaced this one. */
  readonly replacedBy?: VenueOrderId;
  /** `updated_at` (else `created_at`), µs. */
  readonly tsLast: number;
}

/** One `trade_updates` event. */
export interface AlpacaTradeUpdate {
  readonly event: string;
  readonly order: AlpacaOrder;
  /** When it happened (`timestamp`, else `at`), µs; undefined when absent. */
  readonly tsEvent: number | undefined;
  /** Fills: the execution. */
  readonly executionId?: TradeId;
  readonly price?: Price;
  readonly qty?: Quantity;
}

/** One FILL account activity (`GET /v2/account/activities/FILL`). */
export interface AlpacaFillActivity {
  /** The activity id's execution part: `20210127144930176::<uuid>` gives `<uuid>`. */
  readonly tradeId: TradeId;
  /** The full activity id (the page token of the next page). */
  readonly activityId: string;
  readonly venueOrderId: VenueOrderId;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly lastQty: Quantity;
  readonly lastPx: Price;
  /** The order's filled quantity after this fill. */
  readonly cumQty: Quantity;
  readonly tsEvent: number;
}

type Json = Record<string, unknown>;

class Fail extends Error {}

function text(record: Json, key: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value.length === 0)
    throw new Fail(`${key}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function optionalText(record: Json, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Fail(`${key}: expected a string or null`);
  return value;
}

function time(record: Json, key: string): number {
  const us = parseRfc3339Us(text(record, key));
  if (us === undefined) throw new Fail(`${key}: not an RFC-3339 time`);
  return us;
}

function price(record: Json, key: string, precision: number | undefined): Price {
  try {
    return Price.parse(text(record, key), precision);
  } catch (error) {
    throw new Fail(`${key}: ${(error as Error).message}`);
  }
}

function quantity(record: Json, key: string, precision: number | undefined): Quantity {
  let q: Quantity;
  try {
    q = Quantity.parse(text(record, key), precision);
  } catch (error) {
    throw new Fail(`${key}: ${(error as Error).message}`);
  }
  if (q.raw < 0) throw new Fail(`${key}: negative`);
  return q;
}

function venueId(value: string, key: string): VenueOrderId {
  const id = parseVenueOrderId(value);
  if (!id.ok) throw new Fail(`${key}: ${id.error.reason}`);
  return id.value;
}

function guard<T>(read: () => T): T | AlpacaExecParseError {
  try {
    return read();
  } catch (error) {
    if (error instanceof Fail) return new AlpacaExecParseError(error.message);
    throw error;
  }
}

function readOrder(raw: unknown, precisionOf: PrecisionSource): AlpacaOrder {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Fail('order: expected an object');
  const o = raw as Json;
  const symbol = text(o, 'symbol');
  const p = precisionOf(symbol);
  const side = orderSideOf(text(o, 'side'));
  if (side === undefined) throw new Fail(`side: unknown "${String(o.side)}"`);
  const typeText = optionalText(o, 'type') ?? text(o, 'order_type');
  const type = orderTypeOf(typeText);
  if (type === undefined) throw new Fail(`type: unsupported "${typeText}"`);
  const limit = optionalText(o, 'limit_price');
  const stop = optionalText(o, 'stop_price');
  const replaces = optionalText(o, 'replaces');
  const replacedBy = optionalText(o, 'replaced_by');
  return {
    venueOrderId: venueId(text(o, 'id'), 'id'),
    clientOrderId: text(o, 'client_order_id'),
    symbol,
    side,
    type,
    timeInForce: timeInForceOf(text(o, 'time_in_force')),
    status: text(o, 'status'),
    quantity: quantity(o, 'qty', p?.size),
    filledQty: quantity(o, 'filled_qty', p?.size),
    ...(limit !== undefined ? { limitPrice: price(o, 'limit_price', p?.price) } : {}),
    ...(stop !== undefined ? { stopPrice: price(o, 'stop_price', p?.price) } : {}),
    ...(replaces !== undefined ? { replaces: venueId(replaces, 'replaces') } : {}),
    ...(replacedBy !== undefined ? { replacedBy: venueId(replacedBy, 'replaced_by') } : {}),
    tsLast: o.updated_at != null ? time(o, 'updated_at') : time(o, 'created_at'),
  };
}

/** An order object of the REST API or of a trade update. */
export function parseAlpacaOrder(
  raw: unknown,
  precisionOf: PrecisionSource,
): AlpacaOrder | AlpacaExecParseError {
  return guard(() => readOrder(raw, precisionOf));
}

/**
 * The `data` of a `trade_updates` message: `{event, order, timestamp?, at?, execution_id?,
 * price?, qty?, position_qty?}`. Fills (`fill`, `partial_fill`) must carry `execution_id`, and
 * `price` and `qty` of this execution.
 */
export function parseTradeUpdate(
  raw: unknown,
  precisionOf: PrecisionSource,
): AlpacaTradeUpdate | AlpacaExecParseError {
  return guard(() => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new Fail('data: expected an object');
    const d = raw as Json;
    const event = text(d, 'event');
    const order = readOrder(d.order, precisionOf);
    const stamp =
      optionalText(d, 'timestamp') !== undefined
        ? 'timestamp'
        : optionalText(d, 'at') !== undefined
          ? 'at'
          : undefined;
    const tsEvent = stamp === undefined ? undefined : time(d, stamp);
    if (event !== 'fill' && event !== 'partial_fill') return { event, order, tsEvent };
    const p = precisionOf(order.symbol);
    const execution = parseTradeId(text(d, 'execution_id'));
    if (!execution.ok) throw new Fail(`execution_id: ${execution.error.reason}`);
    const qty = quantity(d, 'qty', p?.size);
    if (qty.raw === 0) throw new Fail('qty: zero');
    return { event, order, tsEvent, executionId: execution.value, price: price(d, 'price', p?.price), qty };
  });
}

/** One FILL activity: `{id, activity_type: "FILL", order_id, symbol, side, qty, price, cum_qty, transaction_time}`. */
export function parseFillActivity(
  raw: unknown,
  precisionOf: PrecisionSource,
): AlpacaFillActivity | AlpacaExecParseError {
  return guard(() => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new Fail('activity: expected an object');
    const a = raw as Json;
    if (a.activity_type !== 'FILL')
      throw new Fail(`activity_type: expected FILL, got ${JSON.stringify(a.activity_type)}`);
    const activityId = text(a, 'id');
    const cut = activityId.lastIndexOf('::');
    const trade = parseTradeId(cut < 0 ? activityId : activityId.slice(cut + 2));
    if (!trade.ok) throw new Fail(`id: ${trade.error.reason}`);
    const symbol = text(a, 'symbol');
    const p = precisionOf(symbol);
    const side = orderSideOf(text(a, 'side'));
    if (side === undefined) throw new Fail(`side: unknown "${String(a.side)}"`);
    const lastQty = quantity(a, 'qty', p?.size);
    if (lastQty.raw === 0) throw new Fail('qty: zero');
    return {
      tradeId: trade.value,
      activityId,
      venueOrderId: venueId(text(a, 'order_id'), 'order_id'),
      symbol,
      side,
      lastQty,
      lastPx: price(a, 'price', p?.price),
      cumQty: quantity(a, 'cum_qty', p?.size),
      tsEvent: time(a, 'transaction_time'),
    };
  });
}
