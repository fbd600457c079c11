import type { ParentOrder } from './parent-order.js';
import { ExecutionAlgorithm, type AlgoHost, type MarketView } from './execution-algorithm.js';

/**
 * Percentage of volume: after the market has traded `V` since the start, the parent
 * aims to have `rate × V` filled or working (in whole lots), so its fills stay at or
 * just below the target participation. Deficits smaller than the minimum child wait
 * (except the parent's last remainder); children are capped at the maximum child.
 */
export class PovAlgorithm extends ExecutionAlgorithm {
  readonly #rate: number;
  readonly #source: 'TRADE' | 'BAR';
  readonly #minLots: number;
  readonly #maxLots: number;
  /** Market volume since the start, raw at the size precision. */
  #volumeRaw = 0;

  constructor(parent: ParentOrder, host: AlgoHost, market: MarketView) {
    const r = parent.request;
    if (r.algo !== 'POV') throw new TypeError(`PovAlgorithm given a ${r.algo} request`);
    super(parent, host, market);
    this.#rate = r.participationRate;
    this.#source = r.volumeSource === 'TRADES' ? 'TRADE' : 'BAR';
    this.#minLots = r.minChildLots;
    this.#maxLots = r.maxChildLots;
  }

  /** Market volume counted so far. */
  get marketVolumeRaw(): number {
    return this.#volumeRaw;
  }

  protected override observeVolume(kind: 'TRADE' | 'BAR', raw: number): void {
    if (kind === this.#source) this.#volumeRaw += raw;
  }

  protected override targetRaw(): number {
    // The tolerance keeps float products such as 0.29 × 100 = 28.999… from losing a unit.
    return Math.floor(this.#rate * this.#volumeRaw + 1e-9);
  }

  protected override childLots(gapLots: number, uncommittedLots: number): number {
    const lots = Math.min(gapLots, this.#maxLots);
    return lots >= Math.min(this.#minLots, uncommittedLots) ? lots : 0;
  }
}
