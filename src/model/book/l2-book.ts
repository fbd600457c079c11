import type { BookLevelUpdate, BookUpdate } from '../data/book-update.js';
import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { Price } from '../types/price.js';
import type { Quantity } from '../types/quantity.js';

/** A level of an L2 book: the total displayed size at a price. */
export interface L2Level {
  readonly price: Price;
  readonly size: Quantity;
}

/**
 * One side of the book, its levels kept sorted best first. A level is found by binary search
 * on the price; venues send few levels (5 to a few hundred), so the array moves this costs are
 * small next to the map-and-sort a read would need otherwise, and reads of the top are free.
 */
class BookSide {
  readonly #levels: L2Level[] = [];

  /** `sign` 1: descending prices (bids); -1: ascending (asks). */
  constructor(readonly sign: 1 | -1) {}

  get size(): number {
    return this.#levels.length;
  }

  clear(): void {
    this.#levels.length = 0;
  }

  /** Sets the size at a price; a zero size removes the level. */
  set(update: BookLevelUpdate): void {
    const levels = this.#levels;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // Best first: for bids a higher price sorts earlier, for asks a lower one.
      if (this.sign * levels[mid]!.price.compare(update.price) > 0) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < levels.length && levels[lo]!.price.compare(update.price) === 0;
    if (update.size.isZero()) {
      if (found) levels.splice(lo, 1);
    } else if (found) levels[lo] = { price: update.price, size: update.size };
    else levels.splice(lo, 0, { price: update.price, size: update.size });
  }

  top(depth: number): L2Level[] {
    return this.#levels.slice(0, Math.max(0, depth));
  }

  best(): L2Level | undefined {
    return this.#levels[0];
  }
}

/**
 * A market-by-price (L2) order book rebuilt from a venue's {@link BookUpdate}s: a snapshot
 * replaces both sides, a delta sets the sizes of the levels it names (zero removes one). It
 * keeps what the venue sent, exactly; gaps in the sequence are the feed's to detect (the
 * pipeline asks for a new snapshot), so the book only records the last sequence applied.
 */
export class L2Book {
  readonly #bids = new BookSide(1);
  readonly #asks = new BookSide(-1);
  /** The venue sequence of the last update applied (0 before the first). */
  sequence = 0;
  /** Event time of the last update applied, µs (0 before the first). */
  tsEvent = 0;
  /** Updates applied so far. */
  updates = 0;

  constructor(readonly instrumentId: InstrumentId) {}

  apply(update: BookUpdate): void {
    if (update.isSnapshot) {
      this.#bids.clear();
      this.#asks.clear();
    }
    for (const level of update.bids) this.#bids.set(level);
    for (const level of update.asks) this.#asks.set(level);
    this.sequence = update.sequence;
    this.tsEvent = update.tsEvent;
    this.updates++;
  }

  /** The best `depth` bid levels, highest price first. */
  bids(depth = Infinity): L2Level[] {
    return this.#bids.top(depth);
  }

  /** The best `depth` ask levels, lowest price first. */
  asks(depth = Infinity): L2Level[] {
    return this.#asks.top(depth);
  }

  bestBid(): L2Level | undefined {
    return this.#bids.best();
  }

  bestAsk(): L2Level | undefined {
    return this.#asks.best();
  }

  /** Levels on each side. */
  get depth(): { bids: number; asks: number } {
    return { bids: this.#bids.size, asks: this.#asks.size };
  }
}
