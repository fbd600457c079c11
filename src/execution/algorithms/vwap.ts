import type { ParentOrder } from './parent-order.js';
import type { AlgoHost, MarketView } from './execution-algorithm.js';
import { ScheduledAlgorithm } from './scheduled-algorithm.js';
import { profileCumulative, SliceSchedule } from './slice-schedule.js';

/**
 * Volume-weighted average price against a volume profile: the horizon is cut into one
 * equal bucket per profile weight, and by the start of each bucket the parent has
 * committed its cumulative share of the profile (normalized), in whole lots.
 */
export class VwapAlgorithm extends ScheduledAlgorithm {
  constructor(parent: ParentOrder, host: AlgoHost, market: MarketView) {
    const r = parent.request;
    if (r.algo !== 'VWAP') throw new TypeError(`VwapAlgorithm given a ${r.algo} request`);
    const schedule = new SliceSchedule(
      r.startUs,
      r.endUs - r.startUs,
      profileCumulative(r.totalLots, r.profile),
    );
    super(parent, host, market, schedule);
  }
}
