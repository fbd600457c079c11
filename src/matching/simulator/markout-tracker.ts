import { BookSide } from '../book/book-types.js';
import type { AgentFill, MarketContext } from './agent.js';

/** Mark-out statistics at one horizon. */
export interface MarkoutResult {
  readonly horizonSeconds: number;
  /** Fills whose horizon fell inside the run (the others are not counted). */
  readonly fills: number;
  /**
   * Mean over fills of the mid's move against the fill's side from just before the fill to the
   * horizon, in ticks: for a buy mid(t) − mid(t + h), for a sell mid(t + h) − mid(t). Positive =
   * adversely selected (the price moved the way the counterparty bet).
   */
  readonly adverseSelectionTicks: number | null;
  /**
   * Quantity-weighted mean of the fill's value at the later mid, ticks per lot: for a buy
   * mid(t + h) − price, for a sell price − mid(t + h). The spread captured minus the adverse move.
   */
  readonly markoutTicksPerLot: number | null;
}

/**
 * Measures what happens to the mid after each fill. For every fill it schedules one reading of
 * the reference price per horizon; fills whose horizon lies past the end of the run are left out
 * rather than measured early.
 */
export class MarkoutTracker {
  readonly #horizonsUs: number[];
  readonly #fills: number[];
  readonly #adverseSum: number[];
  readonly #markoutSum: number[];
  readonly #quantity: number[];

  /** @param horizonsSeconds horizons in seconds, e.g. [1, 10] */
  constructor(readonly horizonsSeconds: readonly number[]) {
    this.#horizonsUs = horizonsSeconds.map((s) => Math.max(1, Math.round(s * 1_000_000)));
    this.#fills = horizonsSeconds.map(() => 0);
    this.#adverseSum = horizonsSeconds.map(() => 0);
    this.#markoutSum = horizonsSeconds.map(() => 0);
    this.#quantity = horizonsSeconds.map(() => 0);
  }

  /** Schedules the readings for `fill`. */
  track(fill: AgentFill, market: MarketContext): void {
    const sign = fill.side === BookSide.BUY ? 1 : -1;
    this.#horizonsUs.forEach((h, i) => {
      const at = fill.time + h;
      if (at > market.endTime) return;
      market.schedule(at, () => {
        const mid = market.referencePrice();
        this.#fills[i]++;
        this.#adverseSum[i] += sign * (fill.midBefore - mid);
        this.#markoutSum[i] += sign * (mid - fill.price) * fill.quantity;
        this.#quantity[i] += fill.quantity;
      });
    });
  }

  /** One result per horizon, in the order given. */
  results(): MarkoutResult[] {
    return this.horizonsSeconds.map((horizonSeconds, i) => ({
      horizonSeconds,
      fills: this.#fills[i],
      adverseSelectionTicks: this.#fills[i] > 0 ? this.#adverseSum[i] / this.#fills[i] : null,
      markoutTicksPerLot: this.#quantity[i] > 0 ? this.#markoutSum[i] / this.#quantity[i] : null,
    }));
  }
}
