import type { OrderEvent } from '../../model/events/order-events.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { StrategyId } from '../../model/identifiers/order-ids.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import type { Order, OrderSpec } from '../../model/orders/order.js';

/**
 * What an execution algorithm needs from the order management system to work its child
 * orders. {@link ExecutionEngine} satisfies it as it is, so algorithms run on the same
 * order path (validation, state machine, portfolio booking) as any order a strategy sends.
 */
export interface ChildOrderPort {
  /** Creates a child order for the parent's strategy; it is not sent until {@link submit}. */
  createOrder(strategyId: StrategyId, spec: OrderSpec): Order;
  /** Sends the child to its venue (or denies it; the denial arrives on {@link events}). */
  submit(order: Order): void;
  /** Asks the venue to cancel the child; ignored for orders already done. */
  cancel(order: Order): void;
  /** Every order event after it was applied to its order; the algorithm engine listens here. */
  readonly events: { subscribe(handler: (event: OrderEvent) => void): () => void };
}

/** Where the algorithm engine looks up the lot and tick grid of an instrument (the {@link Cache} fits). */
export interface InstrumentSource {
  instrument(id: InstrumentId): Instrument | undefined;
}
