/**
 * The JSON shapes of the API, built from the node's objects: amounts as exact decimal strings
 * (formatted from raw integers), times as integer microseconds.
 */
import type { FeedHealth } from '../data/feed/feed-health.js';
import type { L2Book, L2Level } from '../model/book/l2-book.js';
import type { Bar } from '../model/data/bar.js';
import type { QuoteTick } from '../model/data/quote-tick.js';
import type { TradeTick } from '../model/data/trade-tick.js';
import type { OrderFilled } from '../model/events/order-events.js';
import type { Order } from '../model/orders/order.js';
import { formatFixed } from '../model/types/fixed-point.js';
import type { Currency } from '../model/types/currency.js';
import type { EquityHistory } from '../portfolio/equity-history.js';

export interface OrderView {
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly instrumentId: string;
  readonly side: string;
  readonly type: string;
  readonly quantity: string;
  readonly filled: string;
  /** Limit price ('' when the order has none). */
  readonly price: string;
  /** Trigger price ('' when the order has none). */
  readonly triggerPrice: string;
  readonly timeInForce: string;
  readonly status: string;
  readonly tsInit: number;
}

export function orderView(order: Order): OrderView {
  const spec = order.spec;
  return {
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: order.quantity.toString(),
    filled: order.filledQty.toString(),
    price: spec.price?.toString() ?? '',
    triggerPrice: spec.triggerPrice?.toString() ?? '',
    timeInForce: spec.timeInForce ?? 'GTC',
    status: order.status,
    tsInit: order.tsInit,
  };
}

export interface FillView {
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly tradeId: string;
  readonly instrumentId: string;
  readonly side: string;
  readonly quantity: string;
  readonly price: string;
  readonly commission: string;
  readonly commissionCurrency: string;
  readonly liquiditySide: string;
  readonly tsEvent: number;
}

export function fillView(fill: OrderFilled): FillView {
  return {
    clientOrderId: fill.clientOrderId,
    strategyId: fill.strategyId,
    tradeId: fill.tradeId,
    instrumentId: fill.instrumentId,
    side: fill.side,
    quantity: fill.lastQty.toString(),
    price: fill.lastPx.toString(),
    commission: fill.commission.toDecimalString(),
    commissionCurrency: fill.commission.currency.code,
    liquiditySide: fill.liquiditySide,
    tsEvent: fill.tsEvent,
  };
}

export interface BarView {
  readonly instrumentId: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly tsEvent: number;
}

export function barView(bar: Bar): BarView {
  return {
    instrumentId: bar.instrumentId,
    open: bar.open.toString(),
    high: bar.high.toString(),
    low: bar.low.toString(),
    close: bar.close.toString(),
    volume: bar.volume.toString(),
    tsEvent: bar.tsEvent,
  };
}

export function quoteView(quote: QuoteTick) {
  return {
    bidPrice: quote.bidPrice.toString(),
    askPrice: quote.askPrice.toString(),
    bidSize: quote.bidSize.toString(),
    askSize: quote.askSize.toString(),
    tsEvent: quote.tsEvent,
  };
}

export function tradeView(trade: TradeTick) {
  return {
    price: trade.price.toString(),
    size: trade.size.toString(),
    aggressorSide: trade.aggressorSide,
    tradeId: trade.tradeId,
    tsEvent: trade.tsEvent,
  };
}

/** Feed health with its map as a plain object (a Map serializes to `{}`). */
export function feedHealthView(health: FeedHealth) {
  return { ...health, lastMessageAgeUs: Object.fromEntries(health.lastMessageAgeUs) };
}

/**
 * A validated risk configuration as JSON: exact decimals (`{ raw, precision }`) as strings,
 * per-instrument limits as `{ default?, <instrumentId>: limit }`.
 */
export function riskConfigView(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, riskConfigView(v)]));
  if (Array.isArray(value)) return value.map(riskConfigView);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.raw === 'number' && typeof record.precision === 'number') {
    return formatFixed(record.raw, record.precision);
  }
  if (keys.length === 2 && 'fallback' in record && record.byId instanceof Map) {
    return {
      ...(record.fallback === undefined ? {} : { default: riskConfigView(record.fallback) }),
      ...(riskConfigView(record.byId) as object),
    };
  }
  return Object.fromEntries(
    keys.filter((k) => record[k] !== undefined).map((k) => [k, riskConfigView(record[k])]),
  );
}

export interface BookLevelView {
  readonly price: string;
  readonly size: string;
}

/** The top of an L2 book; `sequence` 0 means no book update has arrived for the instrument. */
export interface BookView {
  readonly instrumentId: string;
  readonly sequence: number;
  readonly tsEvent: number;
  /** Best (highest) first. */
  readonly bids: BookLevelView[];
  /** Best (lowest) first. */
  readonly asks: BookLevelView[];
}

const levelView = (l: L2Level): BookLevelView => ({ price: l.price.toString(), size: l.size.toString() });

export function bookView(instrumentId: string, book: L2Book | undefined, depth: number): BookView {
  return {
    instrumentId,
    sequence: book?.sequence ?? 0,
    tsEvent: book?.tsEvent ?? 0,
    bids: book === undefined ? [] : book.bids(depth).map(levelView),
    asks: book === undefined ? [] : book.asks(depth).map(levelView),
  };
}

export interface EquityCurveView {
  readonly currency: string;
  readonly intervalUs: number;
  /** Oldest first. `drawdown`: equity against the running peak of every point kept, ≤ 0 (−0.05 is 5 % below). */
  readonly points: { readonly timeUs: number; readonly equity: string; readonly drawdown: number }[];
}

export function equityCurveView(
  history: EquityHistory,
  currency: Currency,
  sinceUs: number | undefined,
  limit: number,
): EquityCurveView {
  const all = history.points();
  const from = Math.max(0, all.length - limit);
  const points: EquityCurveView['points'] = [];
  let peak = -Infinity;
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    if (p.equityRaw > peak) peak = p.equityRaw;
    if (i < from || (sinceUs !== undefined && p.timeUs < sinceUs)) continue;
    // A ratio for display, rounded to 1e-6: the amounts themselves stay exact strings.
    const drawdown = peak > 0 ? Math.round(((p.equityRaw - peak) / peak) * 1e6) / 1e6 : 0;
    points.push({
      timeUs: p.timeUs,
      equity: formatFixed(p.equityRaw, currency.precision),
      drawdown: drawdown || 0,
    });
  }
  return { currency: currency.code, intervalUs: history.intervalUs, points };
}
