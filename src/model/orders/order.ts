import { InvariantError } from '../../core/assert.js';
import type { OrderEvent } from '../events/order-events.js';
import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, VenueOrderId } from '../identifiers/order-ids.js';
import type { Price } from '../types/price.js';
import { Quantity } from '../types/quantity.js';
import type { OrderSide, OrderType, TimeInForce } from './order-enums.js';
import { canTransition, OrderStatus, TERMINAL_STATUSES } from './order-status.js';

/** What a strategy asks for; the engine turns it into an {@link Order}. */
export interface OrderSpec {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: Quantity;
  /** Limit price (LIMIT, STOP_LIMIT). */
  readonly price?: Price;
  /** Trigger price (STOP_MARKET, STOP_LIMIT). */
  readonly triggerPrice?: Price;
  readonly timeInForce?: TimeInForce;
  /** Expiry for GTD, µs. */
  readonly expireTimeUs?: number;
  /** Only ever reduce an open position. */
  readonly reduceOnly?: boolean;
  /** Free text kept with the order (e.g. why it was sent). */
  readonly tags?: string;
}

/** The status each event leads to (a fill: PARTIALLY_FILLED or FILLED, decided by quantity). */
const EVENT_STATUS = new Map<OrderEvent['type'], OrderStatus>([
  ['OrderSubmitted', OrderStatus.SUBMITTED],
  ['OrderDenied', OrderStatus.DENIED],
  ['OrderAccepted', OrderStatus.ACCEPTED],
  ['OrderRejected', OrderStatus.REJECTED],
  ['OrderTriggered', OrderStatus.TRIGGERED],
  ['OrderCanceled', OrderStatus.CANCELED],
  ['OrderExpired', OrderStatus.EXPIRED],
]);

/**
 * An order and its history. State changes only through {@link Order.apply}, which
 * enforces the state machine of {@link ORDER_TRANSITIONS}: an illegal transition is a bug
 * and throws.
 */
export class Order {
  #status: OrderStatus = OrderStatus.INITIALIZED;
  #filledRaw = 0;
  #avgPx = 0;
  #venueOrderId: VenueOrderId | undefined;
  #lastEvent: OrderEvent | undefined;
  /** @internal Set by the cache while the order is in its open-order index (saves a set lookup per event). */
  isIndexedOpen = false;
  #eventCount = 0;

  constructor(
    readonly clientOrderId: ClientOrderId,
    readonly strategyId: StrategyId,
    readonly spec: OrderSpec,
    /** When the order was created, µs. */
    readonly tsInit: number,
  ) {}

  get instrumentId(): InstrumentId {
    return this.spec.instrumentId;
  }
  get side(): OrderSide {
    return this.spec.side;
  }
  get type(): OrderType {
    return this.spec.type;
  }
  get quantity(): Quantity {
    return this.spec.quantity;
  }
  get status(): OrderStatus {
    return this.#status;
  }
  get venueOrderId(): VenueOrderId | undefined {
    return this.#venueOrderId;
  }
  /** Quantity executed so far. */
  get filledQty(): Quantity {
    return Quantity.fromRaw(this.#filledRaw, this.spec.quantity.precision);
  }
  /** Quantity still to execute. */
  get leavesQty(): Quantity {
    return Quantity.fromRaw(this.spec.quantity.raw - this.#filledRaw, this.spec.quantity.precision);
  }
  /** Volume-weighted average fill price (for display and analytics). */
  get avgPx(): number {
    return this.#avgPx;
  }
  get isTerminal(): boolean {
    return TERMINAL_STATUSES.has(this.#status);
  }
  /** True while the order can still execute at the venue. */
  get isOpen(): boolean {
    return !this.isTerminal && this.#status !== OrderStatus.INITIALIZED;
  }
  /**
   * The latest event applied. The full history lives in the journal and on the message
   * bus; an order keeps only its state, so millions of orders fit in a backtest.
   */
  get lastEvent(): OrderEvent | undefined {
    return this.#lastEvent;
  }
  /** How many events were applied. */
  get eventCount(): number {
    return this.#eventCount;
  }

  /** Applies an event, moving the order through its state machine. */
  apply(event: OrderEvent): void {
    if (event.clientOrderId !== this.clientOrderId) {
      throw new InvariantError(`event for ${event.clientOrderId} applied to order ${this.clientOrderId}`);
    }
    const next =
      event.type === 'OrderFilled' ? this.#statusAfterFill(event.lastQty) : EVENT_STATUS.get(event.type)!;
    if (!canTransition(this.#status, next)) {
      throw new InvariantError(
        `order ${this.clientOrderId}: ${event.type} not allowed in status ${this.#status}`,
      );
    }
    if (event.type === 'OrderAccepted') this.#venueOrderId = event.venueOrderId;
    if (event.type === 'OrderFilled') {
      const qtyRaw = event.lastQty.rawAt(this.spec.quantity.precision);
      const before = this.#filledRaw;
      this.#filledRaw += qtyRaw;
      this.#avgPx = (this.#avgPx * before + event.lastPx.asNumber() * qtyRaw) / this.#filledRaw;
      this.#venueOrderId ??= event.venueOrderId;
    }
    this.#status = next;
    this.#lastEvent = event;
    this.#eventCount++;
  }

  #statusAfterFill(lastQty: Quantity): OrderStatus {
    const after = this.#filledRaw + lastQty.rawAt(this.spec.quantity.precision);
    if (after > this.spec.quantity.raw) {
      throw new InvariantError(
        `order ${this.clientOrderId} overfilled: ${after} > ${this.spec.quantity.raw}`,
      );
    }
    return after === this.spec.quantity.raw ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
  }
}
