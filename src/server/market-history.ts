/**
 * What the server remembers of a running node beyond its cache: the last bars built for each
 * instrument (for `/market/:id/bars`) and the latest fills (for `/fills`; the node keeps only a
 * few). Fixed-size rings: memory stays bounded however long the node runs.
 */
import type { Bar } from '../model/data/bar.js';
import type { OrderFilled } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { TradingNode } from '../live/trading-node.js';

/** Bars kept per instrument. */
export const BARS_KEPT = 1_000;
/** Fills kept. */
export const FILLS_KEPT = 1_000;

/** A ring of the last `capacity` items, oldest first. */
export class Ring<T> {
  readonly #items: T[] = [];
  #start = 0;

  constructor(readonly capacity: number) {}

  push(item: T): void {
    if (this.#items.length < this.capacity) this.#items.push(item);
    else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.capacity;
    }
  }

  get size(): number {
    return this.#items.length;
  }

  /** The newest `n` items, oldest first. */
  last(n: number): T[] {
    const size = this.#items.length;
    const count = Math.min(n, size);
    const out: T[] = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = this.#items[(this.#start + size - count + i) % size];
    return out;
  }
}

export class MarketHistory {
  readonly #bars = new Map<InstrumentId, Ring<Bar>>();
  readonly fills = new Ring<OrderFilled>(FILLS_KEPT);
  readonly #unsubscribe: (() => void)[] = [];

  /** Starts recording `node`'s bars and fills (the fills it still remembers are taken over). */
  constructor(node: TradingNode) {
    for (const fill of node.recentFills) this.fills.push(fill);
    for (const instrument of node.instruments) {
      const ring = new Ring<Bar>(BARS_KEPT);
      this.#bars.set(instrument.id, ring);
      this.#unsubscribe.push(node.kernel.data.subscribeBars(instrument.id, (bar) => ring.push(bar)));
    }
    this.#unsubscribe.push(node.kernel.execution.fills.subscribe((fill) => this.fills.push(fill)));
  }

  /** The latest `limit` bars of an instrument, oldest first (undefined: not an instrument of the node). */
  bars(id: InstrumentId, limit: number): Bar[] | undefined {
    return this.#bars.get(id)?.last(limit);
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }
}
