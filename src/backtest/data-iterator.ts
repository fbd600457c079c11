import type { Bar } from '../model/data/bar.js';

/**
 * Merges several time-sorted bar streams into one, by `tsEvent` (a k-way merge on a
 * binary heap). Bars with equal timestamps come out in the order the streams were
 * added, so a run is deterministic.
 */
export class BarMergeIterator {
  readonly #streams: readonly (readonly Bar[])[];
  readonly #pos: number[];
  /** Timestamp of each stream's next bar (a typed array: the heap compares these constantly). */
  readonly #headTs: Float64Array;
  /** Heap of stream indices ordered by (timestamp of current bar, stream index). */
  readonly #heap: number[] = [];
  readonly total: number;

  constructor(streams: readonly (readonly Bar[])[]) {
    this.#streams = streams;
    this.#pos = streams.map(() => 0);
    this.#headTs = Float64Array.from(streams, (s) => (s.length > 0 ? s[0].tsEvent : Infinity));
    this.total = streams.reduce((n, s) => n + s.length, 0);
    streams.forEach((s, i) => {
      if (s.length > 0) this.#push(i);
    });
  }

  /** The next bar in time order, or `undefined` when all streams are done. */
  next(): Bar | undefined {
    // One stream needs no merging.
    if (this.#streams.length === 1) return this.#streams[0][this.#pos[0]++];
    const heap = this.#heap;
    if (heap.length === 0) return undefined;
    const streamIndex = heap[0];
    const stream = this.#streams[streamIndex];
    const pos = this.#pos[streamIndex]++;
    const bar = stream[pos];
    if (pos + 1 < stream.length) {
      this.#headTs[streamIndex] = stream[pos + 1].tsEvent;
      this.#siftDown(0);
    } else {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        this.#siftDown(0);
      }
    }
    return bar;
  }

  #before(a: number, b: number): boolean {
    const ta = this.#headTs[a];
    const tb = this.#headTs[b];
    return ta < tb || (ta === tb && a < b);
  }

  #push(stream: number): void {
    const heap = this.#heap;
    heap.push(stream);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  #siftDown(start: number): void {
    const heap = this.#heap;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && this.#before(heap[l], heap[best])) best = l;
      if (r < heap.length && this.#before(heap[r], heap[best])) best = r;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best], heap[i]];
      i = best;
    }
  }
}
