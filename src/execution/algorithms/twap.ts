import type { ParentOrder } from './parent-order.js';
import type { AlgoHost, MarketView } from './execution-algorithm.js';
import { ScheduledAlgorithm } from './scheduled-algorithm.js';
import { evenCumulative, SliceSchedule } from './slice-schedule.js';

/**
 * Time-weighted average price: the parent in `slices` equal parts (in whole lots, the
 * remainder going to later slices) over its horizon; what a slice does not fill carries
 * over to the next one.
 */
export class TwapAlgorithm extends ScheduledAlgorithm {
  constructor(parent: ParentOrder, host: AlgoHost, market: MarketView) {
    const r = parent.request;
    if (r.algo !== 'TWAP') throw new TypeError(`TwapAlgorithm given a ${r.algo} request`);
    const schedule = new SliceSchedule(r.startUs, r.endUs - r.startUs, evenCumulative(r.totalLots, r.slices));
    super(parent, host, market, schedule);
  }
}
