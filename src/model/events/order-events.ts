import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, TradeId, VenueOrderId } from '../identifiers/order-ids.js';
import type { LiquiditySide, OrderSide } from '../orders/order-enums.js';
import type { Money } from '../types/money.js';
import type { Price } from '../types/price.js';
import type { Quantity } from '../types/quantity.js';

/** Fields every order event carries. */
interface OrderEventBase {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  /** When it happened, µs. */
  readonly tsEvent: number;
  /** When we recorded it, µs. */
  readonly tsInit: number;
}

/** The order left us for the venue. */
export interface OrderSubmitted extends OrderEventBase {
  readonly type: 'OrderSubmitted';
}

/** The order was refused before leaving us (risk, or invalid for the instrument). */
export interface OrderDenied extends OrderEventBase {
  readonly type: 'OrderDenied';
  readonly code: string;
  readonly reason: string;
}

/** The venue took the order. */
export interface OrderAccepted extends OrderEventBase {
  readonly type: 'OrderAccepted';
  readonly venueOrderId: VenueOrderId;
}

/** The venue refused the order. */
export interface OrderRejected extends OrderEventBase {
  readonly type: 'OrderRejected';
  readonly code: string;
  readonly reason: string;
}

/** A stop's trigger price was reached; it now works as a market or limit order. */
export interface OrderTriggered extends OrderEventBase {
  readonly type: 'OrderTriggered';
}

/** The order was canceled. */
export interface OrderCanceled extends OrderEventBase {
  readonly type: 'OrderCanceled';
}

/** The order's time in force ran out. */
export interface OrderExpired extends OrderEventBase {
  readonly type: 'OrderExpired';
}

/** Part or all of the order executed. */
export interface OrderFilled extends OrderEventBase {
  readonly type: 'OrderFilled';
  readonly venueOrderId: VenueOrderId;
  readonly tradeId: TradeId;
  readonly side: OrderSide;
  readonly lastQty: Quantity;
  readonly lastPx: Price;
  readonly commission: Money;
  readonly liquiditySide: LiquiditySide;
}

/** We asked the venue to change the order; its answer is {@link OrderUpdated} or {@link OrderModifyRejected}. */
export interface OrderPendingUpdate extends OrderEventBase {
  readonly type: 'OrderPendingUpdate';
}

/** We asked the venue to cancel the order; its answer is {@link OrderCanceled} or {@link OrderCancelRejected}. */
export interface OrderPendingCancel extends OrderEventBase {
  readonly type: 'OrderPendingCancel';
}

/**
 * The venue changed the order (our modify, or its own doing). Fields are the order's values
 * after the change; an absent price or trigger price is unchanged.
 */
export interface OrderUpdated extends OrderEventBase {
  readonly type: 'OrderUpdated';
  /** Set when the venue gave the order a new id with the change (cancel-replace venues). */
  readonly venueOrderId?: VenueOrderId;
  /** New total quantity (filled + open). */
  readonly quantity: Quantity;
  readonly price?: Price;
  readonly triggerPrice?: Price;
}

/** A modify was refused (by the venue, or by us before sending it); the order is as it was. */
export interface OrderModifyRejected extends OrderEventBase {
  readonly type: 'OrderModifyRejected';
  readonly code: string;
  readonly reason: string;
}

/** A cancel was refused (e.g. the order had already filled); the order is as it was. */
export interface OrderCancelRejected extends OrderEventBase {
  readonly type: 'OrderCancelRejected';
  readonly code: string;
  readonly reason: string;
}

/** Any order event. */
export type OrderEvent =
  | OrderSubmitted
  | OrderDenied
  | OrderAccepted
  | OrderRejected
  | OrderTriggered
  | OrderPendingUpdate
  | OrderPendingCancel
  | OrderUpdated
  | OrderModifyRejected
  | OrderCancelRejected
  | OrderCanceled
  | OrderExpired
  | OrderFilled;

/** Event types only we create (never a venue): a venue report of one of these is invalid. */
export const LOCAL_EVENT_TYPES: ReadonlySet<OrderEvent['type']> = new Set([
  'OrderSubmitted',
  'OrderDenied',
  'OrderPendingUpdate',
  'OrderPendingCancel',
]);
