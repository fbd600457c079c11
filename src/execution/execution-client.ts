import type { OrderEvent } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { ClientOrderId, TradeId, VenueOrderId } from '../model/identifiers/order-ids.js';
import type { Order } from '../model/orders/order.js';
import type { OrderChanges } from '../model/orders/order-changes.js';
import type { LiquiditySide, OrderSide, OrderType, TimeInForce } from '../model/orders/order-enums.js';
import type { OrderStatus } from '../model/orders/order-status.js';
import type { Money } from '../model/types/money.js';
import type { Price } from '../model/types/price.js';
import type { Quantity } from '../model/types/quantity.js';

/**
 * The port between the execution engine and a venue: simulated (backtest, paper) or
 * real (an adapter). A client reports what happens to orders by calling the
 * `report` callback it was given, never by touching orders itself.
 *
 * Reports are outside input: the engine survives duplicates, reordering and reports about
 * orders it does not know. A client never throws for a refused command; it reports it
 * (OrderRejected, OrderModifyRejected, OrderCancelRejected) with a stable code.
 */
export interface ExecutionClient {
  /** Venue name as in instrument ids (`SIM`, `BINANCE`). */
  readonly venue: string;
  /** Called once by the engine before any order is sent. */
  connect(report: (event: OrderEvent) => void): void;
  submitOrder(order: Order): void;
  cancelOrder(order: Order): void;
  /**
   * Asks the venue to change a working order (answer: OrderUpdated or OrderModifyRejected).
   * Optional: without it the engine refuses modifies with MODIFY_NOT_SUPPORTED.
   */
  modifyOrder?(order: Order, changes: OrderChanges): void;
  /** Reconciliation: the venue's view of our working orders now. */
  openOrders?(): Promise<VenueOrderReport[]>;
  /** Reconciliation: our fills the venue executed at or after `tsUs` (µs), oldest first. */
  fillsSince?(tsUs: number): Promise<VenueFillReport[]>;
}

/** One of our orders as the venue sees it (for reconciliation after a disconnect or restart). */
export interface VenueOrderReport {
  readonly clientOrderId: ClientOrderId;
  readonly venueOrderId: VenueOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** SUBMITTED, ACCEPTED, TRIGGERED or PARTIALLY_FILLED for a working order. */
  readonly status: OrderStatus;
  /** Total quantity (filled + open). */
  readonly quantity: Quantity;
  readonly filledQty: Quantity;
  readonly price?: Price;
  readonly triggerPrice?: Price;
  /** When the venue last changed the order, µs. */
  readonly tsLast: number;
}

/** One of our executions as the venue recorded it (same meaning as the fields of OrderFilled). */
export interface VenueFillReport {
  readonly clientOrderId: ClientOrderId;
  readonly venueOrderId: VenueOrderId;
  readonly tradeId: TradeId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly lastQty: Quantity;
  readonly lastPx: Price;
  readonly commission: Money;
  readonly liquiditySide: LiquiditySide;
  /** When it executed at the venue, µs. */
  readonly tsEvent: number;
}
