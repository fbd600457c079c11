import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/**
 * Suppresses trades seen before, by trade id per instrument. Venues resend trades after a
 * reconnect (and ccxt's watchTrades returns overlapping arrays), so the same id can arrive twice.
 * Memory is bounded: each instrument remembers its last `capacity` ids (a ring plus a set), which
 * covers any realistic resend window.
 */
export class DuplicateFilter {
  readonly #windows = new Map<InstrumentId, IdWindow>();

  constructor(private readonly capacity = 10_000) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
  }

  /** True the first time `(id, tradeId)` is seen (within the window), false for a duplicate. */
  accept(id: InstrumentId, tradeId: string): boolean {
    let window = this.#windows.get(id);
    if (window === undefined) {
      window = new IdWindow(this.capacity);
      this.#windows.set(id, window);
    }
    return window.add(tradeId);
  }

  /** Ids remembered for an instrument (≤ capacity). */
  size(id: InstrumentId): number {
    return this.#windows.get(id)?.size ?? 0;
  }
}

class IdWindow {
  readonly #ring: (string | undefined)[];
  readonly #set = new Set<string>();
  #head = 0;

  constructor(capacity: number) {
    this.#ring = new Array<string | undefined>(capacity);
  }

  get size(): number {
    return this.#set.size;
  }

  add(tradeId: string): boolean {
    if (this.#set.has(tradeId)) return false;
    const evicted = this.#ring[this.#head];
    if (evicted !== undefined) this.#set.delete(evicted);
    this.#ring[this.#head] = tradeId;
    this.#head = (this.#head + 1) % this.#ring.length;
    this.#set.add(tradeId);
    return true;
  }
}
