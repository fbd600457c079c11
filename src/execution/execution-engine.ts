import type { Clock } from '../core/clock.js';
import type { Cache } from '../common/cache.js';
import { Topic } from '../common/message-bus.js';
import type { OrderEvent, OrderFilled } from '../model/events/order-events.js';
import { venueOf, type InstrumentId } from '../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../model/identifiers/order-ids.js';
import { Order, type OrderSpec } from '../model/orders/order.js';
import { DenialCode } from './denial-codes.js';
import type { ExecutionClient } from './execution-client.js';
import { validateOrder } from './order-validation.js';

/**
 * Routes orders from strategies to execution clients and execution reports back:
 * it owns the order state machine (every event goes through {@link Order.apply}) and
 * publishes each applied event on {@link ExecutionEngine.events}, fills also on
 * {@link ExecutionEngine.fills}.
 */
export class ExecutionEngine {
  /** Every order event, after it was applied to its order. */
  readonly events = new Topic<OrderEvent>('events.order');
  /** Fills only, after they were applied (portfolio subscribes here). */
  readonly fills = new Topic<OrderFilled>('events.fills');
  readonly #clients = new Map<string, ExecutionClient>();
  /** Client per instrument, resolved once (saves parsing the venue out of the id per order). */
  readonly #clientByInstrument = new Map<InstrumentId, ExecutionClient>();
  #sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly cache: Cache,
  ) {}

  registerClient(client: ExecutionClient): void {
    this.#clients.set(client.venue, client);
    client.connect((event) => this.process(event));
  }

  /** Creates an order for a strategy; it is not sent until {@link submit}. */
  createOrder(strategyId: StrategyId, spec: OrderSpec): Order {
    const id = `O-${String(++this.#sequence).padStart(6, '0')}` as ClientOrderId;
    const order = new Order(id, strategyId, spec, this.clock.timestampUs());
    this.cache.addOrder(order);
    return order;
  }

  /** Validates the order against its instrument and sends it to its venue, or denies it. */
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
          : validateOrder(order.spec, instrument);
    const now = this.clock.timestampUs();
    if (problem !== undefined) {
      this.process({
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
    this.process({
      type: 'OrderSubmitted',
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: now,
      tsInit: now,
    });
    client!.submitOrder(order);
  }

  /** Asks the venue to cancel a working order; ignored for orders already done. */
  cancel(order: Order): void {
    if (!order.isOpen) return;
    this.#clientFor(order)?.cancelOrder(order);
  }

  #clientFor(order: Order): ExecutionClient | undefined {
    let client = this.#clientByInstrument.get(order.instrumentId);
    if (client === undefined) {
      client = this.#clients.get(venueOf(order.instrumentId));
      if (client !== undefined) this.#clientByInstrument.set(order.instrumentId, client);
    }
    return client;
  }

  /** Applies an execution report to its order and publishes it. */
  process(event: OrderEvent): void {
    const order = this.cache.order(event.clientOrderId);
    if (order === undefined) throw new Error(`execution report for unknown order ${event.clientOrderId}`);
    order.apply(event);
    this.cache.indexOrder(order);
    this.events.publish(event);
    if (event.type === 'OrderFilled') this.fills.publish(event);
  }
}
