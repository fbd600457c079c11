import type { ChildPrice } from './child-pricing.js';
import type { ParentOrder } from './parent-order.js';
import { ExecutionAlgorithm, type AlgoHost, type MarketView } from './execution-algorithm.js';

/**
 * Iceberg: one visible child of `displayQuantity` (less for the last one) resting at the
 * limit price; when it is completely filled, the next one is shown. Partial fills do not
 * replenish: the market only ever sees the display quantity.
 */
export class IcebergAlgorithm extends ExecutionAlgorithm {
  readonly #displayRaw: number;

  constructor(parent: ParentOrder, host: AlgoHost, market: MarketView) {
    const r = parent.request;
    if (r.algo !== 'ICEBERG') throw new TypeError(`IcebergAlgorithm given a ${r.algo} request`);
    super(parent, host, market);
    this.#displayRaw = r.displayLots * parent.grid.lotRaw;
  }

  // Filled plus one display: with a visible child working, the commitment already equals it.
  protected override targetRaw(): number {
    return this.parent.filledRaw + this.#displayRaw;
  }

  // A child partly filled still counts in full against the display: no second child.
  protected override childLots(gapLots: number): number {
    return this.parent.hasOpenChildren ? 0 : gapLots;
  }

  protected override priceNextChild(): ChildPrice {
    return { type: 'LIMIT', price: this.parent.request.limitPrice! };
  }
}
