import { BookSide } from '../../matching/book/book-types.js';

/** One level change for the fill simulator: the displayed size at `price` is now `size` (0: gone). */
export interface LevelChange {
  readonly side: BookSide;
  readonly price: number;
  readonly size: number;
}

/**
 * What the market shows of one instrument, in price and size units, kept so that quotes and L2
 * updates can be turned into the level changes the L2 fill simulator expects.
 *
 * Changes come out removals first: a level that disappears (an ask below the new best ask) moves
 * our orders at that price to the front before a new opposite level is shown, so an order the
 * new quote crosses fills on that same quote.
 *
 * Two sources: quotes (top of book only) and L2 updates. Once an instrument has had an L2
 * update its quotes no longer change levels (the book is the better source; both would count
 * the same liquidity twice). From quotes, deeper levels seen earlier are kept at their last size
 * (the best bid moving up leaves the old bid standing below it) up to `quoteDepth` a side; what
 * the quote shows to be gone (bids above the new best bid, asks below the new best ask) goes.
 */
export class LevelMirror {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  #bookFed = false;

  constructor(private readonly quoteDepth: number) {}

  /** True once an L2 update arrived: quotes no longer move levels. */
  get bookFed(): boolean {
    return this.#bookFed;
  }

  bestBid(): number | undefined {
    return best(this.bids, BookSide.BUY);
  }

  bestAsk(): number | undefined {
    return best(this.asks, BookSide.SELL);
  }

  /** The changes a quote implies (none once the book is fed from L2 updates). Sizes ≤ 0 remove the level. */
  quote(bid: number, bidSize: number, ask: number, askSize: number): LevelChange[] {
    if (this.#bookFed) return [];
    const removals: LevelChange[] = [];
    for (const price of this.bids.keys()) {
      if (price > bid || (price === bid && bidSize <= 0)) removals.push(this.#set(BookSide.BUY, price, 0));
    }
    for (const price of this.asks.keys()) {
      if (price < ask || (price === ask && askSize <= 0)) removals.push(this.#set(BookSide.SELL, price, 0));
    }
    const sets: LevelChange[] = [];
    if (bidSize > 0) sets.push(this.#set(BookSide.BUY, bid, bidSize));
    if (askSize > 0) sets.push(this.#set(BookSide.SELL, ask, askSize));
    removals.push(...this.#trim(BookSide.BUY), ...this.#trim(BookSide.SELL));
    return [...removals, ...sets];
  }

  /**
   * The changes of an L2 update: a snapshot replaces every level (levels it does not name go),
   * a delta only the levels it names.
   */
  book(
    snapshot: boolean,
    bids: readonly [number, number][],
    asks: readonly [number, number][],
  ): LevelChange[] {
    this.#bookFed = true;
    const removals: LevelChange[] = [];
    const sets: LevelChange[] = [];
    if (snapshot) {
      const keepBids = new Set(bids.filter(([, size]) => size > 0).map(([price]) => price));
      const keepAsks = new Set(asks.filter(([, size]) => size > 0).map(([price]) => price));
      for (const price of this.bids.keys())
        if (!keepBids.has(price)) removals.push(this.#set(BookSide.BUY, price, 0));
      for (const price of this.asks.keys())
        if (!keepAsks.has(price)) removals.push(this.#set(BookSide.SELL, price, 0));
    }
    for (const [side, levels] of [
      [BookSide.BUY, bids],
      [BookSide.SELL, asks],
    ] as const) {
      for (const [price, size] of levels) {
        if (size > 0) sets.push(this.#set(side, price, size));
        else if (this.#map(side).has(price)) removals.push(this.#set(side, price, 0));
      }
    }
    return [...removals, ...sets];
  }

  #map(side: BookSide): Map<number, number> {
    return side === BookSide.BUY ? this.bids : this.asks;
  }

  #set(side: BookSide, price: number, size: number): LevelChange {
    if (size > 0) this.#map(side).set(price, size);
    else this.#map(side).delete(price);
    return { side, price, size: Math.max(0, size) };
  }

  /** Quote-derived levels beyond `quoteDepth` a side: the furthest go. */
  #trim(side: BookSide): LevelChange[] {
    const map = this.#map(side);
    if (map.size <= this.quoteDepth) return [];
    const prices = [...map.keys()].sort((a, b) => (side === BookSide.BUY ? b - a : a - b));
    return prices.slice(this.quoteDepth).map((price) => this.#set(side, price, 0));
  }
}

function best(map: Map<number, number>, side: BookSide): number | undefined {
  let out: number | undefined;
  for (const price of map.keys()) {
    if (out === undefined || (side === BookSide.BUY ? price > out : price < out)) out = price;
  }
  return out;
}
