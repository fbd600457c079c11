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

/** Any order event. */
export type OrderEvent =
  | OrderSubmitted
  | OrderDenied
  | OrderAccepted
  | OrderRejected
  | OrderTriggered
  | OrderCanceled
  | OrderExpired
  | OrderFilled;
