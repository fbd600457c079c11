import { InvariantError } from '../../core/assert.js';
import type { OrderEvent, OrderFilled, OrderUpdated } from '../events/order-events.js';
import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, TradeId, VenueOrderId } from '../identifiers/order-ids.js';
import type { Price } from '../types/price.js';
import { Quantity } from '../types/quantity.js';
import { ApplyOutcome, wasApplied } from './apply-outcome.js';
import type { OrderSide, OrderType, TimeInForce } from './order-enums.js';
import { canTransition, OrderStatus, PENDING_STATUSES, TERMINAL_STATUSES } from './order-status.js';

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

const S = OrderStatus;
const O = ApplyOutcome;

/**
 * An order and its history. State changes only through {@link Order.apply}, which moves it
 * through the state machine of {@link ORDER_TRANSITIONS}.
 *
 * Venue reports are outside input and may come twice, late or out of order: `apply` never
 * throws on them. It returns an {@link ApplyOutcome} saying whether the event was applied or
 * why it was ignored (a trade id seen before, an overfill, a report about a finished order...).
 * Only an event addressed to another order throws: that is a routing bug.
 *
 * Pending states: our modify or cancel request moves the order to PENDING_UPDATE /
 * PENDING_CANCEL and remembers the status it worked in; the venue's answer (updated, modify or
 * cancel rejected) returns it there, or an outcome (filled, canceled) ends it. A partial fill
 * while a request is in flight keeps the pending status and moves the remembered one to
 * PARTIALLY_FILLED.
 */
export class Order {
  #spec: OrderSpec;
  #status: OrderStatus = S.INITIALIZED;
  /** The status the order works in while a request is pending (== #status otherwise). */
  #working: OrderStatus = S.INITIALIZED;
  #filledRaw = 0;
  #avgPx = 0;
  #venueOrderId: VenueOrderId | undefined;
  #lastEvent: OrderEvent | undefined;
  /**
   * Trade ids of the fills applied, for dropping duplicates. Most orders fill once, so the
   * first id is kept in a field and the set is only made for a second fill.
   */
  #firstTradeId: TradeId | undefined;
  #tradeIds: Set<TradeId> | undefined;
  /** @internal Set by the cache while the order is in its open-order index (saves a set lookup per event). */
  isIndexedOpen = false;
  #eventCount = 0;

  constructor(
    readonly clientOrderId: ClientOrderId,
    readonly strategyId: StrategyId,
    spec: OrderSpec,
    /** When the order was created, µs. */
    readonly tsInit: number,
  ) {
    this.#spec = spec;
  }

  /** What the order is now: as created, with the changes of every {@link OrderUpdated} applied. */
  get spec(): OrderSpec {
    return this.#spec;
  }
  get instrumentId(): InstrumentId {
    return this.#spec.instrumentId;
  }
  get side(): OrderSide {
    return this.#spec.side;
  }
  get type(): OrderType {
    return this.#spec.type;
  }
  get quantity(): Quantity {
    return this.#spec.quantity;
  }
  get status(): OrderStatus {
    return this.#status;
  }
  /**
   * The status the order works in: its status, or while a modify or cancel is pending, the
   * status it will return to if the request is refused.
   */
  get workingStatus(): OrderStatus {
    return this.#working;
  }
  get venueOrderId(): VenueOrderId | undefined {
    return this.#venueOrderId;
  }
  /** Quantity executed so far. */
  get filledQty(): Quantity {
    return Quantity.fromRaw(this.#filledRaw, this.#spec.quantity.precision);
  }
  /** Quantity not executed (still working, or left unexecuted when the order ended). */
  get leavesQty(): Quantity {
    return Quantity.fromRaw(
      Math.max(0, this.#spec.quantity.raw - this.#filledRaw),
      this.#spec.quantity.precision,
    );
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
    return !this.isTerminal && this.#status !== S.INITIALIZED;
  }
  /** True while a modify or cancel request waits for the venue's answer. */
  get isPending(): boolean {
    return PENDING_STATUSES.has(this.#status);
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

  /** True when a fill with this trade id was applied. */
  hasTrade(tradeId: TradeId): boolean {
    return this.#firstTradeId === tradeId || (this.#tradeIds?.has(tradeId) ?? false);
  }

  /**
   * Applies an event, moving the order through its state machine, or ignores it; see
   * {@link ApplyOutcome}. Never throws for a report that does not fit the order's state.
   */
  apply(event: OrderEvent): ApplyOutcome {
    if (event.clientOrderId !== this.clientOrderId) {
      throw new InvariantError(`event for ${event.clientOrderId} applied to order ${this.clientOrderId}`);
    }
    const outcome = this.#decide(event);
    if (wasApplied(outcome)) {
      this.#lastEvent = event;
      this.#eventCount++;
    }
    return outcome;
  }

  #decide(event: OrderEvent): ApplyOutcome {
    const status = this.#status;
    const terminal = TERMINAL_STATUSES.has(status);
    switch (event.type) {
      case 'OrderSubmitted':
        return status === S.INITIALIZED ? this.#move(S.SUBMITTED) : O.IGNORED_INVALID;
      case 'OrderDenied':
        return status === S.INITIALIZED ? this.#move(S.DENIED) : O.IGNORED_INVALID;
      case 'OrderFilled':
        return this.#fill(event, status, terminal);
    }
    if (terminal) {
      // A refused modify/cancel of a finished order is the venue's normal answer to a late request.
      return event.type === 'OrderModifyRejected' || event.type === 'OrderCancelRejected'
        ? O.APPLIED
        : O.IGNORED_TERMINAL;
    }
    const working = this.#working;
    switch (event.type) {
      case 'OrderAccepted':
        if (status === S.INITIALIZED) return O.IGNORED_INVALID;
        if (working === S.SUBMITTED) {
          this.#venueOrderId = event.venueOrderId;
          return this.#work(S.ACCEPTED);
        }
        // Accepted after a trigger or a fill: the venue's id is still worth keeping.
        this.#venueOrderId ??= event.venueOrderId;
        return working === S.ACCEPTED ? O.IGNORED_DUPLICATE : O.IGNORED_STALE;
      case 'OrderRejected':
        if (status === S.INITIALIZED) return O.IGNORED_INVALID;
        // A venue cannot reject what it has partly executed.
        return working === S.PARTIALLY_FILLED ? O.IGNORED_STALE : this.#move(S.REJECTED);
      case 'OrderTriggered':
        if (status === S.INITIALIZED || (this.type !== 'STOP_MARKET' && this.type !== 'STOP_LIMIT')) {
          return O.IGNORED_INVALID;
        }
        if (working === S.TRIGGERED) return O.IGNORED_DUPLICATE;
        return working === S.PARTIALLY_FILLED ? O.IGNORED_STALE : this.#work(S.TRIGGERED);
      case 'OrderPendingUpdate':
        if (status === S.INITIALIZED || status === S.PENDING_CANCEL) return O.IGNORED_INVALID;
        return status === S.PENDING_UPDATE ? O.APPLIED : this.#move(S.PENDING_UPDATE, true);
      case 'OrderPendingCancel':
        if (status === S.INITIALIZED) return O.IGNORED_INVALID;
        // A repeated cancel (e.g. after the first was lost) keeps the order pending.
        return status === S.PENDING_CANCEL ? O.APPLIED : this.#move(S.PENDING_CANCEL, true);
      case 'OrderModifyRejected':
        return status === S.PENDING_UPDATE ? this.#move(working) : O.APPLIED;
      case 'OrderCancelRejected':
        return status === S.PENDING_CANCEL ? this.#move(working) : O.APPLIED;
      case 'OrderUpdated':
        if (status === S.INITIALIZED) return O.IGNORED_INVALID;
        return this.#update(event, status, working);
      case 'OrderCanceled':
        return status === S.INITIALIZED ? O.IGNORED_INVALID : this.#move(S.CANCELED);
      case 'OrderExpired':
        return status === S.INITIALIZED ? O.IGNORED_INVALID : this.#move(S.EXPIRED);
    }
  }

  #fill(event: OrderFilled, status: OrderStatus, terminal: boolean): ApplyOutcome {
    if (status === S.INITIALIZED || status === S.DENIED) return O.IGNORED_INVALID;
    if (this.hasTrade(event.tradeId)) return O.IGNORED_DUPLICATE_FILL;
    const quantity = this.#spec.quantity;
    const qtyRaw = event.lastQty.rawAt(quantity.precision);
    const after = this.#filledRaw + qtyRaw;
    if (after > quantity.raw || qtyRaw <= 0) return qtyRaw <= 0 ? O.IGNORED_INVALID : O.IGNORED_OVERFILL;
    const implicitAccept = this.#working === S.SUBMITTED;
    if (this.#firstTradeId === undefined) this.#firstTradeId = event.tradeId;
    else (this.#tradeIds ??= new Set()).add(event.tradeId);
    const before = this.#filledRaw;
    this.#filledRaw = after;
    this.#avgPx = (this.#avgPx * before + event.lastPx.asNumber() * qtyRaw) / after;
    this.#venueOrderId ??= event.venueOrderId;
    if (terminal) return O.APPLIED_LATE_FILL;
    if (after === quantity.raw) this.#move(S.FILLED);
    else this.#work(S.PARTIALLY_FILLED);
    return implicitAccept ? O.APPLIED_IMPLICIT_ACCEPT : O.APPLIED;
  }

  #update(event: OrderUpdated, status: OrderStatus, working: OrderStatus): ApplyOutcome {
    const quantity = event.quantity.rawAt(this.#spec.quantity.precision);
    if (quantity < this.#filledRaw || quantity <= 0) return O.IGNORED_INVALID;
    this.#spec = {
      ...this.#spec,
      quantity: Quantity.fromRaw(quantity, this.#spec.quantity.precision),
      price: event.price ?? this.#spec.price,
      triggerPrice: event.triggerPrice ?? this.#spec.triggerPrice,
    };
    if (event.venueOrderId !== undefined) this.#venueOrderId = event.venueOrderId;
    if (quantity === this.#filledRaw) return this.#move(S.FILLED); // cut down to what has filled
    const implicitAccept = working === S.SUBMITTED;
    if (implicitAccept) this.#work(S.ACCEPTED);
    if (status === S.PENDING_UPDATE) this.#move(this.#working);
    return implicitAccept ? O.APPLIED_IMPLICIT_ACCEPT : O.APPLIED;
  }

  /**
   * Moves to `next`. `pending`: a request starts, so remember the working status; otherwise the
   * order works in `next` (a pending request is over).
   */
  #move(next: OrderStatus, pending = false): ApplyOutcome {
    const from = this.#status;
    if (next !== from && !canTransition(from, next)) {
      throw new InvariantError(`order ${this.clientOrderId}: ${from} → ${next} is not in ORDER_TRANSITIONS`);
    }
    this.#status = next;
    if (!pending) this.#working = next;
    return O.APPLIED;
  }

  /** The working status changes; a pending request (if any) stays pending. */
  #work(next: OrderStatus): ApplyOutcome {
    if (PENDING_STATUSES.has(this.#status)) {
      this.#working = next;
      return O.APPLIED;
    }
    return this.#move(next);
  }
}
