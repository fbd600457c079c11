import type { Brand } from '../../core/brand.js';
import type { OrderFilled } from '../../model/events/order-events.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { StrategyId } from '../../model/identifiers/order-ids.js';
import type { OrderSide } from '../../model/orders/order-enums.js';
import type { Order } from '../../model/orders/order.js';
import { Quantity } from '../../model/types/quantity.js';
import type { AlgoName } from './algo-request.js';
import type { LotGrid } from './lots.js';
import type { ResolvedRequest } from './resolve-request.js';
import { TcaTracker, type TcaReport } from './tca.js';

/** The algorithm engine's id for a parent order, e.g. `P-000001`. */
export type ParentOrderId = Brand<string, 'ParentOrderId'>;

/**
 * Where a parent is in its life. `STOPPING`: it sends nothing new and waits until every
 * child is done (cancels in flight, a final sweep); the three others are final.
 */
export const ParentStatus = {
  RUNNING: 'RUNNING',
  STOPPING: 'STOPPING',
  COMPLETED: 'COMPLETED',
  CANCELED: 'CANCELED',
  FAILED: 'FAILED',
} as const;
export type ParentStatus = (typeof ParentStatus)[keyof typeof ParentStatus];

/**
 * Why a parent stopped: all filled, its end time came, the owner canceled it, or its
 * children kept being denied or rejected.
 */
export type EndReason = 'FILLED' | 'END_TIME' | 'CANCELED' | 'FAILED';

/** A child order and what the algorithm knows about it. */
export interface ChildRecord {
  readonly order: Order;
  /** The schedule slice it was sent for (0 for unscheduled algorithms). */
  readonly slice: number;
  /** The final sweep at the end time. */
  readonly sweep: boolean;
  /** When it was sent, µs. */
  readonly sentUs: number;
  /** Set when the algorithm asked for its cancel. */
  cancelRequested: boolean;
}

/**
 * A parent order: a quantity an algorithm works through child orders. Quantities are
 * kept in raw units at the instrument's size precision; the invariant the algorithms
 * keep is `filled + Σ leaves of open children ≤ total` at every moment, so the parent
 * can never be overfilled, however the venue fills or cancels.
 */
export class ParentOrder {
  #status: ParentStatus = ParentStatus.RUNNING;
  #endReason: EndReason | undefined;
  #endUs: number | undefined;
  #detail: string | undefined;
  readonly #children: ChildRecord[] = [];
  readonly #open = new Set<ChildRecord>();
  readonly tca: TcaTracker;
  /** Parent quantity, raw at the size precision. */
  readonly totalRaw: number;

  constructor(
    readonly id: ParentOrderId,
    readonly strategyId: StrategyId,
    readonly request: ResolvedRequest,
    /** When the parent was started, µs. */
    readonly tsInit: number,
  ) {
    this.totalRaw = request.totalLots * request.grid.lotRaw;
    this.tca = new TcaTracker(
      request.side,
      this.totalRaw,
      request.instrument.tickSize.precision,
      request.grid.precision,
    );
  }

  get algo(): AlgoName {
    return this.request.algo;
  }
  get instrumentId(): InstrumentId {
    return this.request.instrument.id;
  }
  get side(): OrderSide {
    return this.request.side;
  }
  get grid(): LotGrid {
    return this.request.grid;
  }
  get quantity(): Quantity {
    return Quantity.fromRaw(this.totalRaw, this.grid.precision);
  }
  get status(): ParentStatus {
    return this.#status;
  }
  /** Set once the parent starts stopping. */
  get endReason(): EndReason | undefined {
    return this.#endReason;
  }
  /** Why it failed (the last denial or rejection), when it did. */
  get detail(): string | undefined {
    return this.#detail;
  }
  /** When it reached a final status, µs. */
  get tsEnd(): number | undefined {
    return this.#endUs;
  }
  get isDone(): boolean {
    return this.#status !== ParentStatus.RUNNING && this.#status !== ParentStatus.STOPPING;
  }
  get filledRaw(): number {
    return this.tca.filledRaw;
  }
  get filledQty(): Quantity {
    return Quantity.fromRaw(this.filledRaw, this.grid.precision);
  }
  get leavesQty(): Quantity {
    return Quantity.fromRaw(this.totalRaw - this.filledRaw, this.grid.precision);
  }
  /** Every child sent, oldest first. */
  get children(): readonly ChildRecord[] {
    return this.#children;
  }
  /** Children that are not yet terminal. */
  get openChildren(): readonly ChildRecord[] {
    return [...this.#open];
  }
  get hasOpenChildren(): boolean {
    return this.#open.size > 0;
  }
  /** Filled plus what open children may still fill: never above {@link totalRaw}. */
  get committedRaw(): number {
    let raw = this.filledRaw;
    for (const child of this.#open) raw += child.order.leavesQty.rawAt(this.grid.precision);
    return raw;
  }

  /** Transaction cost analysis so far (final once the parent is done). */
  report(): TcaReport {
    return this.tca.report();
  }

  /** @internal Records a child about to be submitted. */
  addChild(record: ChildRecord): void {
    this.#children.push(record);
    this.#open.add(record);
    this.tca.children++;
  }

  /** @internal Books a child's fill. */
  applyFill(fill: OrderFilled): void {
    this.tca.addFill(fill.lastPx, fill.lastQty);
  }

  /** @internal Drops a child that reached a terminal status from the open set. */
  closeChild(record: ChildRecord): void {
    this.#open.delete(record);
  }

  /** @internal RUNNING → STOPPING. */
  beginStop(reason: EndReason, detail?: string): void {
    if (this.#status !== ParentStatus.RUNNING) return;
    this.#status = ParentStatus.STOPPING;
    this.#endReason = reason;
    this.#detail = detail;
  }

  /** @internal STOPPING → a final status (COMPLETED when everything filled, whatever the reason). */
  finish(nowUs: number): void {
    const reason = this.#endReason ?? 'FILLED';
    this.#status =
      this.filledRaw === this.totalRaw || reason === 'FILLED' || reason === 'END_TIME'
        ? ParentStatus.COMPLETED
        : reason === 'CANCELED'
          ? ParentStatus.CANCELED
          : ParentStatus.FAILED;
    this.#endUs = nowUs;
  }
}
