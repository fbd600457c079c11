import type { Order } from '../model/orders/order.js';
import type { OrderEvent } from '../model/events/order-events.js';

/**
 * The port between the execution engine and a venue: simulated (backtest, paper) or
 * real (an adapter). A client reports what happens to orders by calling the
 * `report` callback it was given, never by touching orders itself.
 */
export interface ExecutionClient {
  /** Venue name as in instrument ids (`SIM`, `BINANCE`). */
  readonly venue: string;
  /** Called once by the engine before any order is sent. */
  connect(report: (event: OrderEvent) => void): void;
  submitOrder(order: Order): void;
  cancelOrder(order: Order): void;
}
