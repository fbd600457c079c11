import { InvariantError } from '../core/assert.js';
import type { Clock } from '../core/clock.js';
import type { Cache } from '../common/cache.js';
import type { Logger } from '../common/logger.js';
import { Topic } from '../common/message-bus.js';
import {
  LOCAL_EVENT_TYPES,
  type OrderEvent,
  type OrderFilled,
  type OrderModifyRejected,
} from '../model/events/order-events.js';
import { venueOf, type InstrumentId } from '../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, VenueOrderId } from '../model/identifiers/order-ids.js';
import { isOnLot, isOnTick, type Instrument } from '../model/instruments/instrument.js';
import { ApplyOutcome, wasApplied } from '../model/orders/apply-outcome.js';
import { Order, type OrderSpec } from '../model/orders/order.js';
import type { OrderChanges } from '../model/orders/order-changes.js';
import { OrderStatus } from '../model/orders/order-status.js';
import { DenialCode } from './denial-codes.js';
import type { ExecutionClient, VenueFillReport } from './execution-client.js';
import { validateOrder } from './order-validation.js';

/** A refusal with a stable code: what a pre-trade check (the risk engine) returns to deny an order. */
export interface Refusal {
  readonly code: string;
  readonly reason: string;
}

/** Runs on every order before it is sent; a refusal denies it (OrderDenied with that code and reason). */
export type PreTradeCheck = (order: Order) => Refusal | undefined;

/** Counts of venue reports the engine ignored or handled specially (never thrown). */
export interface ExecutionAnomalies {
  /** Fills whose trade id the order already had: ignored. */
  duplicateFills: number;
  /** Fills that would have taken an order past its quantity: ignored, logged, kept in unmatchedReports. */
  overfills: number;
  /** Reports announcing a status the order already has (accepted twice): ignored. */
  duplicateReports: number;
  /** Reports older than the order's state (accepted after a fill): ignored. */
  staleReports: number;
  /** Reports about an order already done (accepted or canceled after filled): ignored. */
  terminalReports: number;
  /** Reports that fit no state (a fill of an order never sent, an event only we may create): ignored. */
  invalidReports: number;
  /** Reports for a client order id we do not know: kept in unmatchedReports. */
  unknownOrderReports: number;
  /** Fills or updates that came before the accept (applied: they imply it). */
  implicitAccepts: number;
  /** Fills of orders already canceled/expired/rejected (applied: the venue executed them first). */
  lateFills: number;
}

/** What was odd about one report; published on {@link ExecutionEngine.anomalyEvents}. */
export interface ExecutionAnomaly {
  readonly kind: keyof ExecutionAnomalies;
  readonly event: OrderEvent;
}

/** How many reports {@link ExecutionEngine.unmatchedReports} keeps (a broken venue must not eat memory). */
export const MAX_UNMATCHED_REPORTS = 10_000;

const OUTCOME_KIND = new Map<ApplyOutcome, keyof ExecutionAnomalies>([
  [ApplyOutcome.APPLIED_IMPLICIT_ACCEPT, 'implicitAccepts'],
  [ApplyOutcome.APPLIED_LATE_FILL, 'lateFills'],
  [ApplyOutcome.IGNORED_DUPLICATE_FILL, 'duplicateFills'],
  [ApplyOutcome.IGNORED_OVERFILL, 'overfills'],
  [ApplyOutcome.IGNORED_DUPLICATE, 'duplicateReports'],
  [ApplyOutcome.IGNORED_STALE, 'staleReports'],
  [ApplyOutcome.IGNORED_TERMINAL, 'terminalReports'],
  [ApplyOutcome.IGNORED_INVALID, 'invalidReports'],
]);

/**
 * Routes orders from strategies to execution clients and execution reports back. It owns the
 * order state machine: every event goes through {@link Order.apply}, and each applied event is
 * published on {@link ExecutionEngine.events}, fills also on {@link ExecutionEngine.fills}.
 *
 * Venue reports never throw: duplicates, late and out-of-order reports are ignored (or, for
 * fills of canceled orders, applied) and counted in {@link ExecutionEngine.anomalies}; reports
 * about unknown orders are kept in {@link ExecutionEngine.unmatchedReports} for reconciliation.
 * Events we create ourselves (submitted, denied, pending) throw if the order refuses them: that
 * is a bug in the engine.
 */
export class ExecutionEngine {
  /** Every order event, after it was applied to its order. */
  readonly events = new Topic<OrderEvent>('events.order');
  /** Fills only, after they were applied (portfolio subscribes here). */
  readonly fills = new Topic<OrderFilled>('events.fills');
  /** Each report that was ignored or handled specially, as it happens. */
  readonly anomalyEvents = new Topic<ExecutionAnomaly>('events.execution.anomalies');
  readonly #clients = new Map<string, ExecutionClient>();
  /** Client per instrument, resolved once (saves parsing the venue out of the id per order). */
  readonly #clientByInstrument = new Map<InstrumentId, ExecutionClient>();
  readonly #anomalies: ExecutionAnomalies = {
    duplicateFills: 0,
    overfills: 0,
    duplicateReports: 0,
    staleReports: 0,
    terminalReports: 0,
    invalidReports: 0,
    unknownOrderReports: 0,
    implicitAccepts: 0,
    lateFills: 0,
  };
  readonly #unmatched: OrderEvent[] = [];
  #preTradeCheck: PreTradeCheck | undefined;
  #sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly cache: Cache,
    /** Where overfills and reports for unknown orders are logged (warn); silent without one. */
    private readonly logger?: Logger,
  ) {}

  /** Counters of odd venue reports (live view: read, do not write). */
  get anomalies(): Readonly<ExecutionAnomalies> {
    return this.#anomalies;
  }

  /**
   * Reports the engine could not apply but must not lose: those for unknown client order ids
   * and overfilling fills, oldest first (at most {@link MAX_UNMATCHED_REPORTS}).
   */
  get unmatchedReports(): readonly OrderEvent[] {
    return this.#unmatched;
  }

  /** Hands over the unmatched reports (for reconciliation) and forgets them. */
  takeUnmatchedReports(): OrderEvent[] {
    return this.#unmatched.splice(0, this.#unmatched.length);
  }

  /** Installs (or with `undefined` removes) the check every order passes before it is sent. */
  setPreTradeCheck(check: PreTradeCheck | undefined): void {
    this.#preTradeCheck = check;
  }

  registerClient(client: ExecutionClient): void {
    this.#clients.set(client.venue, client);
    this.#clientByInstrument.clear();
    client.connect((event) => this.process(event));
  }

  /**
   * Re-creates an order known from a journal, with its original id, without sending it; later
   * ids continue after the highest one restored (so a restarted node never reuses an id). Its
   * events are then replayed through {@link process}.
   */
  restoreOrder(clientOrderId: ClientOrderId, strategyId: StrategyId, spec: OrderSpec, tsInit: number): Order {
    if (this.cache.order(clientOrderId) !== undefined)
      throw new Error(`order ${clientOrderId} is already known: a journal holds its submission twice`);
    const order = new Order(clientOrderId, strategyId, spec, tsInit);
    this.cache.addOrder(order);
    const match = /^O-(\d+)$/.exec(clientOrderId);
    if (match !== null) this.#sequence = Math.max(this.#sequence, Number(match[1]));
    return order;
  }

  /** Creates an order for a strategy; it is not sent until {@link submit}. */
  createOrder(strategyId: StrategyId, spec: OrderSpec): Order {
    const id = `O-${String(++this.#sequence).padStart(6, '0')}` as ClientOrderId;
    const order = new Order(id, strategyId, spec, this.clock.timestampUs());
    this.cache.addOrder(order);
    return order;
  }

  /**
   * Validates the order against its instrument, runs the pre-trade check and sends it to its
   * venue, or denies it (OrderDenied with a stable code; nothing throws).
   */
  submit(order: Order): void {
    const instrument = this.cache.instrument(order.instrumentId);
    const client = this.#clientFor(order);
    const problem =
      instrument === undefined
        ? { code: DenialCode.UNKNOWN_INSTRUMENT, reason: `no instrument ${order.instrumentId}` }
        : client === undefined
          ? {
              code: DenialCode.NO_EXECUTION_CLIENT,
              reason: `no execution client for venue ${venueOf(order.instrumentId)}`,
            }
          : (validateOrder(order.spec, instrument) ?? this.#preTradeCheck?.(order));
    const now = this.clock.timestampUs();
    if (problem !== undefined) {
      this.#applyLocal(order, {
        type: 'OrderDenied',
        clientOrderId: order.clientOrderId,
        strategyId: order.strategyId,
        instrumentId: order.instrumentId,
        code: problem.code,
        reason: problem.reason,
        tsEvent: now,
        tsInit: now,
      });
      return;
    }
    this.#applyLocal(order, {
      type: 'OrderSubmitted',
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: now,
      tsInit: now,
    });
    client!.submitOrder(order);
  }

  /**
   * Asks the venue to cancel a working order: OrderPendingCancel, then the venue answers with
   * OrderCanceled or OrderCancelRejected. Ignored for orders not working (never submitted, or
   * done). Calling it again while the cancel is pending sends it again (the first may be lost).
   */
  cancel(order: Order): void {
    if (!order.isOpen) return;
    const client = this.#clientFor(order);
    if (client === undefined) return; // an open order was sent through a client: cannot happen
    this.#applyLocal(order, this.#plain(order, 'OrderPendingCancel'));
    client.cancelOrder(order);
  }

  /**
   * Asks the venue to change a working order's quantity (new total), limit price or trigger
   * price: OrderPendingUpdate, then the venue answers with OrderUpdated or OrderModifyRejected.
   * A change the engine can refuse by itself (order not working, cancel pending, off tick or
   * lot, quantity not above what filled, nothing to change, venue cannot modify) is answered at
   * once with OrderModifyRejected and never sent.
   */
  modify(order: Order, changes: OrderChanges): void {
    const client = this.#clientFor(order);
    const problem = this.#checkModify(order, changes, client);
    if (problem !== undefined) {
      const now = this.clock.timestampUs();
      const event: OrderModifyRejected = {
        type: 'OrderModifyRejected',
        clientOrderId: order.clientOrderId,
        strategyId: order.strategyId,
        instrumentId: order.instrumentId,
        code: problem.code,
        reason: problem.reason,
        tsEvent: now,
        tsInit: now,
      };
      this.#applyLocal(order, event);
      return;
    }
    this.#applyLocal(order, this.#plain(order, 'OrderPendingUpdate'));
    client!.modifyOrder!(order, changes);
  }

  /**
   * Applies a venue report to its order and publishes it; never throws for a report that does
   * not fit (see the class comment). Returns true when the report was applied.
   */
  process(event: OrderEvent): boolean {
    return this.#process(event, false);
  }

  /**
   * {@link process} for an event recorded earlier (a journal being replayed after a restart):
   * our own events (submitted, denied, pending cancel / update) are accepted too, since this
   * engine's predecessor issued them.
   */
  replayEvent(event: OrderEvent): boolean {
    return this.#process(event, true);
  }

  #process(event: OrderEvent, replaying: boolean): boolean {
    const order = this.cache.order(event.clientOrderId);
    if (order === undefined) {
      this.#keep(event);
      this.logger?.warn(`${event.type} for unknown order ${event.clientOrderId}`);
      this.#count('unknownOrderReports', event);
      return false;
    }
    if (!replaying && LOCAL_EVENT_TYPES.has(event.type)) {
      this.#count('invalidReports', event);
      return false;
    }
    const outcome = order.apply(event);
    if (outcome !== ApplyOutcome.APPLIED) {
      if (outcome === ApplyOutcome.IGNORED_OVERFILL) {
        this.#keep(event);
        this.logger?.warn(`ignored overfill of ${order.clientOrderId}: ${describeFill(event)}`);
      }
      this.#count(OUTCOME_KIND.get(outcome)!, event);
      if (!wasApplied(outcome)) return false;
    }
    this.#publish(order, event);
    return true;
  }

  /**
   * Reconciliation: applies fills the venue says it executed (e.g. from
   * `ExecutionClient.fillsSince` after a reconnect). Fills already applied are recognised by
   * their trade id and ignored, so replaying an overlapping range is safe. Returns how many
   * were new.
   */
  reconcileFills(reports: readonly VenueFillReport[]): number {
    let applied = 0;
    const now = this.clock.timestampUs();
    for (const r of reports) {
      const order = this.cache.order(r.clientOrderId);
      if (order?.hasTrade(r.tradeId)) continue; // seen: not an anomaly here
      const fill: OrderFilled = {
        type: 'OrderFilled',
        clientOrderId: r.clientOrderId,
        strategyId: order?.strategyId ?? ('' as StrategyId),
        instrumentId: r.instrumentId,
        venueOrderId: r.venueOrderId,
        tradeId: r.tradeId,
        side: r.side,
        lastQty: r.lastQty,
        lastPx: r.lastPx,
        commission: r.commission,
        liquiditySide: r.liquiditySide,
        tsEvent: r.tsEvent,
        tsInit: now,
      };
      if (this.process(fill)) applied++;
    }
    return applied;
  }

  /** The order the venue knows by this id (open orders first; closed ones if the cache keeps them). */
  findOrderByVenueId(venueOrderId: VenueOrderId): Order | undefined {
    for (const order of this.cache.openOrders()) if (order.venueOrderId === venueOrderId) return order;
    for (const order of this.cache.orders()) if (order.venueOrderId === venueOrderId) return order;
    return undefined;
  }

  #checkModify(
    order: Order,
    changes: OrderChanges,
    client: ExecutionClient | undefined,
  ): Refusal | undefined {
    if (!order.isOpen) return { code: DenialCode.ORDER_NOT_OPEN, reason: `order is ${order.status}` };
    if (order.status === OrderStatus.PENDING_CANCEL) {
      return { code: DenialCode.CANCEL_PENDING, reason: 'a cancel is in flight' };
    }
    if (client?.modifyOrder === undefined) {
      return {
        code: DenialCode.MODIFY_NOT_SUPPORTED,
        reason: `venue ${venueOf(order.instrumentId)} cannot modify orders`,
      };
    }
    const type = order.type;
    const { quantity, price, triggerPrice } = changes;
    if (price !== undefined && type !== 'LIMIT' && type !== 'STOP_LIMIT') {
      return { code: DenialCode.INVALID_MODIFY, reason: `a ${type} order has no limit price` };
    }
    if (triggerPrice !== undefined && type !== 'STOP_MARKET' && type !== 'STOP_LIMIT') {
      return { code: DenialCode.INVALID_MODIFY, reason: `a ${type} order has no trigger price` };
    }
    const instrument = this.cache.instrument(order.instrumentId) as Instrument; // known: it was submitted
    if (
      quantity !== undefined &&
      (!isOnLot(instrument, quantity) || quantity.compare(order.filledQty) <= 0)
    ) {
      return {
        code: DenialCode.INVALID_QUANTITY,
        reason: `quantity ${quantity} must be a multiple of lot ${instrument.lotSize} above the filled ${order.filledQty}`,
      };
    }
    const offTick = [price, triggerPrice].find((p) => p !== undefined && !isOnTick(instrument, p));
    if (offTick !== undefined) {
      return {
        code: DenialCode.PRICE_OFF_TICK,
        reason: `price ${offTick} is not a multiple of tick ${instrument.tickSize}`,
      };
    }
    const spec = order.spec;
    const same =
      (quantity === undefined || quantity.equals(spec.quantity)) &&
      (price === undefined || (spec.price !== undefined && price.equals(spec.price))) &&
      (triggerPrice === undefined ||
        (spec.triggerPrice !== undefined && triggerPrice.equals(spec.triggerPrice)));
    return same ? { code: DenialCode.NOTHING_TO_MODIFY, reason: 'the change equals the order' } : undefined;
  }

  #clientFor(order: Order): ExecutionClient | undefined {
    let client = this.#clientByInstrument.get(order.instrumentId);
    if (client === undefined) {
      client = this.#clients.get(venueOf(order.instrumentId));
      if (client !== undefined) this.#clientByInstrument.set(order.instrumentId, client);
    }
    return client;
  }

  /** An event we create: the order must take it (anything else is a bug here). */
  #applyLocal(order: Order, event: OrderEvent): void {
    const outcome = order.apply(event);
    if (outcome !== ApplyOutcome.APPLIED) {
      throw new InvariantError(`order ${order.clientOrderId} refused our ${event.type}: ${outcome}`);
    }
    this.#publish(order, event);
  }

  #publish(order: Order, event: OrderEvent): void {
    this.cache.indexOrder(order);
    this.events.publish(event);
    if (event.type === 'OrderFilled') this.fills.publish(event);
  }

  #plain(order: Order, type: 'OrderPendingCancel' | 'OrderPendingUpdate'): OrderEvent {
    const now = this.clock.timestampUs();
    return {
      type,
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: now,
      tsInit: now,
    };
  }

  #count(kind: keyof ExecutionAnomalies, event: OrderEvent): void {
    this.#anomalies[kind]++;
    if (this.anomalyEvents.hasSubscribers) this.anomalyEvents.publish({ kind, event });
  }

  #keep(event: OrderEvent): void {
    if (this.#unmatched.length < MAX_UNMATCHED_REPORTS) this.#unmatched.push(event);
  }
}

function describeFill(event: OrderEvent): string {
  return event.type === 'OrderFilled'
    ? `${event.lastQty} @ ${event.lastPx} (trade ${event.tradeId})`
    : event.type;
}
