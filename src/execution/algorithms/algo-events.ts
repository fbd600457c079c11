import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../../model/identifiers/order-ids.js';
import type { OrderSide, OrderType } from '../../model/orders/order-enums.js';
import type { Price } from '../../model/types/price.js';
import type { Quantity } from '../../model/types/quantity.js';
import type { AlgoName } from './algo-request.js';
import type { EndReason, ParentOrderId, ParentStatus } from './parent-order.js';
import type { TcaReport } from './tca.js';

interface AlgoEventBase {
  readonly parentId: ParentOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  /** When it happened, µs. */
  readonly tsEvent: number;
}

/** A parent order was accepted and its algorithm started. */
export interface AlgoStarted extends AlgoEventBase {
  readonly type: 'AlgoStarted';
  readonly algo: AlgoName;
  readonly side: OrderSide;
  readonly quantity: Quantity;
}

/** A child order was submitted for a parent. */
export interface AlgoChildSent extends AlgoEventBase {
  readonly type: 'AlgoChildSent';
  readonly clientOrderId: ClientOrderId;
  readonly orderType: OrderType;
  readonly quantity: Quantity;
  /** Limit price (undefined for a market child). */
  readonly price: Price | undefined;
  /** The schedule slice it belongs to (0 for unscheduled algorithms). */
  readonly slice: number;
  readonly sweep: boolean;
}

/** A parent reached a final status; every child is terminal. */
export interface AlgoEnded extends AlgoEventBase {
  readonly type: 'AlgoEnded';
  readonly status: Exclude<ParentStatus, 'RUNNING' | 'STOPPING'>;
  readonly reason: EndReason;
  /** Why it failed, when it did. */
  readonly detail: string | undefined;
  readonly tca: TcaReport;
}

/** Any event of the algorithm engine. */
export type AlgoEvent = AlgoStarted | AlgoChildSent | AlgoEnded;
