import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { Price } from '../types/price.js';
import type { Quantity } from '../types/quantity.js';

/** A price level of an L2 update: the total displayed size at `price` (zero removes the level). */
export interface BookLevelUpdate {
  readonly price: Price;
  readonly size: Quantity;
}

/** A snapshot replaces the whole book; a delta replaces only the levels it names. */
export const BookUpdateAction = { SNAPSHOT: 'SNAPSHOT', DELTA: 'DELTA' } as const;
export type BookUpdateAction = (typeof BookUpdateAction)[keyof typeof BookUpdateAction];

/**
 * An L2 (market-by-price) order book update from a venue. Levels carry absolute sizes, not
 * changes, so consecutive deltas can be merged by keeping the latest size per price.
 *
 * Sequence numbers are the venue's: an update covers `firstSequence..sequence` (both equal for
 * a single venue message; a merged update spans several). A delta whose `firstSequence` is not
 * the previous update's `sequence + 1` means messages were lost and the book must be rebuilt
 * from a snapshot. A snapshot's `firstSequence` equals its `sequence`.
 */
export class BookUpdate {
  constructor(
    readonly instrumentId: InstrumentId,
    readonly action: BookUpdateAction,
    /** Bid levels, best (highest) first for a snapshot; any order for a delta. */
    readonly bids: readonly BookLevelUpdate[],
    /** Ask levels, best (lowest) first for a snapshot; any order for a delta. */
    readonly asks: readonly BookLevelUpdate[],
    readonly firstSequence: number,
    readonly sequence: number,
    readonly tsEvent: number,
    readonly tsInit: number,
  ) {}

  get isSnapshot(): boolean {
    return this.action === BookUpdateAction.SNAPSHOT;
  }
}
