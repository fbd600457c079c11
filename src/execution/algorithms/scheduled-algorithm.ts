import type { ChildRecord, ParentOrder } from './parent-order.js';
import { ExecutionAlgorithm, type AlgoHost, type MarketView } from './execution-algorithm.js';
import type { SliceSchedule } from './slice-schedule.js';

/**
 * An algorithm that follows a {@link SliceSchedule} (TWAP, VWAP). At the start of each
 * slice, children still working from earlier slices are canceled and their remainder
 * joins the new slice's child: one child per slice, re-priced at the current touch.
 */
export abstract class ScheduledAlgorithm extends ExecutionAlgorithm {
  constructor(
    parent: ParentOrder,
    host: AlgoHost,
    market: MarketView,
    readonly schedule: SliceSchedule,
  ) {
    super(parent, host, market);
  }

  protected override targetRaw(nowUs: number): number {
    return this.schedule.targetLotsAt(nowUs) * this.parent.grid.lotRaw;
  }

  protected override sliceAt(nowUs: number): number {
    return Math.max(0, this.schedule.sliceAt(nowUs));
  }

  protected override isStale(child: ChildRecord, nowUs: number): boolean {
    return child.slice < this.sliceAt(nowUs);
  }
}
