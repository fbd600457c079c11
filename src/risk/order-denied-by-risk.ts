import type { OrderDenied } from '../model/events/order-events.js';
import type { Order } from '../model/orders/order.js';
import type { RiskDenial } from './risk-codes.js';

/**
 * The `OrderDenied` event for an order the risk engine refused, for the node to pass to the
 * execution engine's `process` (which applies it to the order and publishes it to the strategy,
 * the journal and the user).
 */
export function orderDeniedByRisk(order: Order, denial: RiskDenial, tsUs: number): OrderDenied {
  return {
    type: 'OrderDenied',
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    code: denial.code,
    reason: denial.reason,
    tsEvent: tsUs,
    tsInit: tsUs,
  };
}
