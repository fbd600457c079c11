import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { mergeBookUpdates } from './book-merge.js';
import type { FeedEvent, FeedEventHandler } from './feed-event.js';

interface Entry {
  event: FeedEvent;
  dead: boolean;
}

/** Queue counters for feed health. */
export interface FeedQueueStats {
  /** Events waiting. */
  readonly depth: number;
  readonly softCapacity: number;
  /** Largest depth seen. */
  readonly highWater: number;
  /** Quotes and book updates folded into a later one under pressure. */
  readonly conflated: number;
  /** Trades and bars queued while the queue was at or past its soft bound. */
  readonly overSoftBound: number;
}

/**
 * The bounded queue between a client's socket callbacks and the kernel. Below its soft capacity
 * it is a plain FIFO. At or above it ("under pressure"):
 *
 * - **Quotes conflate**: a new quote of an instrument replaces that instrument's queued quote
 *   (only the latest best bid/offer matters).
 * - **Book updates merge**: a new delta is merged into the instrument's queued update (exact:
 *   levels carry absolute sizes, see {@link mergeBookUpdates}); a new snapshot replaces it. No
 *   snapshot request is needed and sequence continuity is kept (the merged update spans both
 *   ranges).
 * - **Trades (and bars) are never dropped**: the queue grows past its soft bound and counts
 *   each such event in `overSoftBound`, which feed health reports. Pausing the socket instead
 *   would only move the loss to the venue, which disconnects slow readers.
 *
 * The replaced entry is removed and the new one appended, so the consumer still sees events
 * in the order they were received. Quote/book growth past the bound is at most one entry per
 * instrument and kind.
 */
export class FeedQueue {
  #entries: Entry[] = [];
  #head = 0;
  #live = 0;
  #highWater = 0;
  #conflated = 0;
  #overSoftBound = 0;
  /** The newest queued quote / book entry per instrument (the only ones conflation touches). */
  readonly #lastQuote = new Map<InstrumentId, Entry>();
  readonly #lastBook = new Map<InstrumentId, Entry>();

  constructor(readonly softCapacity = 10_000) {
    if (!Number.isSafeInteger(softCapacity) || softCapacity < 1) throw new RangeError('softCapacity must be ≥ 1');
  }

  get depth(): number {
    return this.#live;
  }

  push(event: FeedEvent): void {
    const pressure = this.#live >= this.softCapacity;
    switch (event.type) {
      case 'quote': {
        const id = event.data.instrumentId;
        const last = this.#lastQuote.get(id);
        if (pressure && last !== undefined && !last.dead) {
          this.#kill(last);
          this.#conflated++;
        }
        this.#lastQuote.set(id, this.#append(event));
        return;
      }
      case 'book': {
        const id = event.data.instrumentId;
        const last = this.#lastBook.get(id);
        let merged: FeedEvent = event;
        if (pressure && last !== undefined && !last.dead && last.event.type === 'book') {
          merged = { type: 'book', data: mergeBookUpdates(last.event.data, event.data) };
          this.#kill(last);
          this.#conflated++;
        }
        this.#lastBook.set(id, this.#append(merged));
        return;
      }
      default:
        if (pressure) this.#overSoftBound++;
        this.#append(event);
    }
  }

  /** Hands up to `max` events to `handler`, oldest first; returns how many. */
  drain(handler: FeedEventHandler, max = Infinity): number {
    let delivered = 0;
    while (delivered < max && this.#head < this.#entries.length) {
      const entry = this.#entries[this.#head++];
      if (entry.dead) continue;
      entry.dead = true; // so a later conflation never touches a delivered entry
      this.#live--;
      delivered++;
      handler(entry.event);
    }
    this.#compact();
    return delivered;
  }

  stats(): FeedQueueStats {
    return {
      depth: this.#live,
      softCapacity: this.softCapacity,
      highWater: this.#highWater,
      conflated: this.#conflated,
      overSoftBound: this.#overSoftBound,
    };
  }

  #append(event: FeedEvent): Entry {
    const entry = { event, dead: false };
    this.#entries.push(entry);
    this.#live++;
    if (this.#live > this.#highWater) this.#highWater = this.#live;
    return entry;
  }

  #kill(entry: Entry): void {
    entry.dead = true;
    this.#live--;
  }

  /** Drops consumed and dead entries once they are the bulk of the array (amortized O(1)). */
  #compact(): void {
    if (this.#head === this.#entries.length) {
      // Emptied (the usual case when drained after each message): reuse the array rather than
      // allocate one per drain.
      this.#entries.length = 0;
      this.#head = 0;
      if (this.#lastQuote.size > 0) this.#lastQuote.clear();
      if (this.#lastBook.size > 0) this.#lastBook.clear();
    } else if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }
}
