/**
 * Items scheduled by time (µs): a binary min-heap ordered by time, then by an optional integer
 * `key`, then by push order. The last rule makes every user deterministic — items due at the
 * same time never come out in an order that depends on the heap's layout. Used for the
 * simulator's agenda, a venue's in-flight messages and a book's order expiries.
 */
export class TimedQueue<T> {
  // Parallel arrays rather than an object per entry: these queues sit on hot paths.
  #times: number[] = [];
  #keys: number[] = [];
  #seqs: number[] = [];
  #items: T[] = [];
  #nextSeq = 0;

  get size(): number {
    return this.#items.length;
  }

  /** Time of the next item, or undefined when empty. */
  peekTime(): number | undefined {
    return this.#items.length === 0 ? undefined : this.#times[0];
  }

  /** Schedules `item` at `time`; among equal times, lower `key`s first (default 0), then push order. */
  push(time: number, item: T, key = 0): void {
    const seq = this.#nextSeq++;
    let i = this.#items.length;
    this.#times.push(time);
    this.#keys.push(key);
    this.#seqs.push(seq);
    this.#items.push(item);
    // Sift up, moving the hole rather than swapping.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(time, key, seq, parent)) break;
      this.#move(parent, i);
      i = parent;
    }
    this.#place(i, time, key, seq, item);
  }

  /** Removes and returns the first item, or undefined when empty. */
  pop(): T | undefined {
    const n = this.#items.length;
    if (n === 0) return undefined;
    const first = this.#items[0];
    const time = this.#times.pop()!;
    const key = this.#keys.pop()!;
    const seq = this.#seqs.pop()!;
    const item = this.#items.pop()!;
    if (n === 1) return first;
    const size = n - 1;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#entryBefore(child + 1, child)) child++;
      if (this.#before(time, key, seq, child)) break;
      this.#move(child, i);
      i = child;
    }
    this.#place(i, time, key, seq, item);
    return first;
  }

  /** Whether (time, key, seq) comes before entry `j`. */
  #before(time: number, key: number, seq: number, j: number): boolean {
    const t = this.#times[j];
    if (time !== t) return time < t;
    const k = this.#keys[j];
    return key !== k ? key < k : seq < this.#seqs[j];
  }

  #entryBefore(i: number, j: number): boolean {
    return this.#before(this.#times[i], this.#keys[i], this.#seqs[i], j);
  }

  #move(from: number, to: number): void {
    this.#times[to] = this.#times[from];
    this.#keys[to] = this.#keys[from];
    this.#seqs[to] = this.#seqs[from];
    this.#items[to] = this.#items[from];
  }

  #place(i: number, time: number, key: number, seq: number, item: T): void {
    this.#times[i] = time;
    this.#keys[i] = key;
    this.#seqs[i] = seq;
    this.#items[i] = item;
  }
}
