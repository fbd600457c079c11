/**
 * The `data` of stream events: plain JSON objects built from model values. Prices, quantities
 * and amounts are exact decimal strings formatted from their raw integers (money without its
 * currency code, which travels in its own field); times are integer µs.
 */
import type { FeedHealth } from '../../data/feed/feed-health.js';
import type { NodeStatus } from '../../live/node-status.js';
import type { Bar } from '../../model/data/bar.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { OrderEvent, OrderFilled } from '../../model/events/order-events.js';
import { Money } from '../../model/types/money.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { RiskStateChanged } from '../../risk/risk-codes.js';

export interface QuoteData {
  readonly instrumentId: string;
  readonly bidPrice: string;
  readonly askPrice: string;
  readonly bidSize: string;
  readonly askSize: string;
  readonly tsEvent: number;
  readonly tsInit: number;
}

export function quoteData(q: QuoteTick): QuoteData {
  return {
    instrumentId: q.instrumentId,
    bidPrice: q.bidPrice.toString(),
    askPrice: q.askPrice.toString(),
    bidSize: q.bidSize.toString(),
    askSize: q.askSize.toString(),
    tsEvent: q.tsEvent,
    tsInit: q.tsInit,
  };
}

export interface TradeData {
  readonly instrumentId: string;
  readonly price: string;
  readonly size: string;
  readonly aggressorSide: string;
  readonly tradeId: string;
  readonly tsEvent: number;
  readonly tsInit: number;
}

export function tradeData(t: TradeTick): TradeData {
  return {
    instrumentId: t.instrumentId,
    price: t.price.toString(),
    size: t.size.toString(),
    aggressorSide: t.aggressorSide,
    tradeId: t.tradeId,
    tsEvent: t.tsEvent,
    tsInit: t.tsInit,
  };
}

export interface BarData {
  readonly instrumentId: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly tsEvent: number;
  readonly tsInit: number;
}

export function barData(b: Bar): BarData {
  return {
    instrumentId: b.instrumentId,
    open: b.open.toString(),
    high: b.high.toString(),
    low: b.low.toString(),
    close: b.close.toString(),
    volume: b.volume.toString(),
    tsEvent: b.tsEvent,
    tsInit: b.tsInit,
  };
}

/**
 * An order event with its fields as they are named in the model, values made plain: a
 * `Money` field `x` becomes `x` (decimal) and `xCurrency`.
 */
export function orderEventData(event: OrderEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'type') continue;
    if (value instanceof Price || value instanceof Quantity) out[key] = value.toString();
    else if (value instanceof Money) {
      out[key] = value.toDecimalString();
      out[`${key}Currency`] = value.currency.code;
    } else out[key] = value;
  }
  return out;
}

export interface FillData {
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly instrumentId: string;
  readonly venueOrderId: string;
  readonly tradeId: string;
  readonly side: string;
  readonly quantity: string;
  readonly price: string;
  readonly commission: string;
  readonly commissionCurrency: string;
  readonly liquiditySide: string;
  readonly tsEvent: number;
  readonly tsInit: number;
}

/** A fill in the shape of the REST `/fills` rows (plus ids and the commission's currency). */
export function fillData(f: OrderFilled): FillData {
  return {
    clientOrderId: f.clientOrderId,
    strategyId: f.strategyId,
    instrumentId: f.instrumentId,
    venueOrderId: f.venueOrderId,
    tradeId: f.tradeId,
    side: f.side,
    quantity: f.lastQty.toString(),
    price: f.lastPx.toString(),
    commission: f.commission.toDecimalString(),
    commissionCurrency: f.commission.currency.code,
    liquiditySide: f.liquiditySide,
    tsEvent: f.tsEvent,
    tsInit: f.tsInit,
  };
}

export function riskData(c: RiskStateChanged): Omit<RiskStateChanged, 'type'> {
  return {
    previous: c.previous,
    state: c.state,
    cause: c.cause,
    reason: c.reason,
    flatten: c.flatten,
    tsEvent: c.tsEvent,
  };
}

/** Feed health with its per-instrument map as an object. */
export function healthData(h: FeedHealth): Record<string, unknown> {
  return { ...h, lastMessageAgeUs: Object.fromEntries(h.lastMessageAgeUs) };
}

/** The `pnl` topic's data from a node status. */
export function pnlData(s: NodeStatus): Record<string, unknown> {
  return {
    timeUs: s.timeUs,
    currency: s.currency,
    equity: s.equity,
    cash: s.cash,
    realizedPnl: s.realizedPnl,
    unrealizedPnl: s.unrealizedPnl,
    fees: s.fees,
    strategies: s.strategies.map((x) => ({ id: x.id, state: x.state, pnl: x.pnl, openOrders: x.openOrders })),
  };
}
