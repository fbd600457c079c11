import type { BookLevel, BookSide, MatchingBook } from './book-types.js';

/** L2 (market-by-price) picture of a book: displayed levels, best first. */
export interface L2Snapshot {
  readonly time: number;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/** One changed price level; `quantity` 0 (and `orders` 0) means the level is gone. */
export interface L2Delta {
  readonly side: BookSide;
  readonly price: number;
  readonly quantity: number;
  readonly orders: number;
}

/** The book's displayed levels now (all of them, or the best `levels` a side). */
export function l2Snapshot(book: MatchingBook, levels = Infinity): L2Snapshot {
  return { time: book.time, bids: book.depth('BUY', levels), asks: book.depth('SELL', levels) };
}

/**
 * Level changes from one snapshot to the next, bids then asks, each in price order of the
 * side (best first, then removed levels). Applying them to `before` with {@link applyL2Deltas}
 * gives `after` exactly.
 */
export function l2Deltas(before: L2Snapshot, after: L2Snapshot): L2Delta[] {
  return [...sideDeltas('BUY', before.bids, after.bids), ...sideDeltas('SELL', before.asks, after.asks)];
}

/** The snapshot that `deltas` turn `before` into (what a market-data consumer keeps). */
export function applyL2Deltas(before: L2Snapshot, deltas: readonly L2Delta[], time: number): L2Snapshot {
  const bids = new Map(before.bids.map((l) => [l.price, l]));
  const asks = new Map(before.asks.map((l) => [l.price, l]));
  for (const d of deltas) {
    const side = d.side === 'BUY' ? bids : asks;
    if (d.quantity === 0) side.delete(d.price);
    else side.set(d.price, { price: d.price, quantity: d.quantity, orders: d.orders });
  }
  return {
    time,
    bids: [...bids.values()].sort((a, b) => b.price - a.price),
    asks: [...asks.values()].sort((a, b) => a.price - b.price),
  };
}

/**
 * A book's L2 data as a stream of deltas: call {@link L2Feed.next} after each command (or batch
 * of commands) for the levels that changed since the previous call. Follows the best `levels`
 * a side; a level pushed out of that window is reported as removed, one coming in as added.
 */
export class L2Feed {
  #last: L2Snapshot;

  constructor(
    private readonly book: MatchingBook,
    private readonly levels = Infinity,
  ) {
    this.#last = { time: book.time, bids: [], asks: [] };
  }

  /** The current snapshot (what a subscriber receives first). */
  snapshot(): L2Snapshot {
    this.#last = l2Snapshot(this.book, this.levels);
    return this.#last;
  }

  /** Levels changed since the previous `snapshot()`/`next()`; empty when nothing changed. */
  next(): L2Delta[] {
    const now = l2Snapshot(this.book, this.levels);
    const deltas = l2Deltas(this.#last, now);
    this.#last = now;
    return deltas;
  }
}

function sideDeltas(side: BookSide, before: readonly BookLevel[], after: readonly BookLevel[]): L2Delta[] {
  const old = new Map(before.map((l) => [l.price, l]));
  const deltas: L2Delta[] = [];
  for (const level of after) {
    const was = old.get(level.price);
    old.delete(level.price);
    if (!was || was.quantity !== level.quantity || was.orders !== level.orders) {
      deltas.push({ side, price: level.price, quantity: level.quantity, orders: level.orders });
    }
  }
  for (const price of old.keys()) deltas.push({ side, price, quantity: 0, orders: 0 });
  return deltas;
}
