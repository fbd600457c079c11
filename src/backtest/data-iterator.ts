import type { Bar } from '../model/data/bar.js';

/**
 * Merges several time-sorted bar streams into one, by `tsEvent` (a k-way merge on a
 * binary heap of stream indices, keyed by each stream's next timestamp). Bars with equal
 * timestamps come out in the order the streams were added, so a run is deterministic.
 */
export class BarMergeIterator {
  readonly #streams: readonly (readonly Bar[])[];
  readonly #pos: Int32Array;
  /** Timestamp of each stream's next bar: the heap compares these constantly. */
  readonly #headTs: Float64Array;
  /** Heap of stream indices, smallest (timestamp, index) first; `#size` entries in use. */
  readonly #heap: Int32Array;
  #size = 0;
  /** Index of the stream the latest bar came from. */
  lastStream = 0;
  readonly total: number;

  constructor(streams: readonly (readonly Bar[])[]) {
    this.#streams = streams;
    this.#pos = new Int32Array(streams.length);
    this.#headTs = Float64Array.from(streams, (s) => (s.length > 0 ? s[0].tsEvent : Infinity));
    this.#heap = new Int32Array(streams.length);
    this.total = streams.reduce((n, s) => n + s.length, 0);
    streams.forEach((s, i) => {
      if (s.length > 0) this.#push(i);
    });
  }

  /** The next bar in time order, or `undefined` when all streams are done. */
  next(): Bar | undefined {
    // One stream needs no merging.
    if (this.#streams.length === 1) return this.#streams[0][this.#pos[0]++];
    if (this.#size === 0) return undefined;
    const heap = this.#heap;
    const top = heap[0];
    this.lastStream = top;
    const stream = this.#streams[top];
    const pos = this.#pos[top]++;
    if (pos + 1 < stream.length) {
      this.#headTs[top] = stream[pos + 1].tsEvent;
    } else {
      heap[0] = heap[--this.#size]; // the stream is done: its slot goes to the last entry
    }
    if (this.#size > 1) this.#siftDown();
    return stream[pos];
  }

  /** True when stream `a` comes before stream `b`: earlier timestamp, or same time and added first. */
  #before(a: number, b: number): boolean {
    const ta = this.#headTs[a];
    const tb = this.#headTs[b];
    return ta < tb || (ta === tb && a < b);
  }

  #push(stream: number): void {
    const heap = this.#heap;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(stream, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = stream;
  }

  /** Moves the root down to its place, shifting smaller children up (no swaps). */
  #siftDown(): void {
    const heap = this.#heap;
    const size = this.#size;
    const item = heap[0];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#before(heap[child + 1], heap[child])) child++;
      if (!this.#before(heap[child], item)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = item;
  }
}
