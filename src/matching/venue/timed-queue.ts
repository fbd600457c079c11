/**
 * A min-heap of items by time; items due at the same time come out in the order they were
 * pushed. That tie rule is what makes a simulated venue deterministic: equal timestamps never
 * depend on heap layout.
 */
export class TimedQueue<T> {
  #times: number[] = [];
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

  push(time: number, item: T): void {
    this.#times.push(time);
    this.#seqs.push(this.#nextSeq++);
    this.#items.push(item);
    this.#up(this.#items.length - 1);
  }

  /** Removes and returns the earliest item (first pushed among equal times). */
  pop(): T | undefined {
    const n = this.#items.length;
    if (n === 0) return undefined;
    const top = this.#items[0];
    const lastTime = this.#times.pop() as number;
    const lastSeq = this.#seqs.pop() as number;
    const lastItem = this.#items.pop() as T;
    if (n > 1) {
      this.#times[0] = lastTime;
      this.#seqs[0] = lastSeq;
      this.#items[0] = lastItem;
      this.#down(0);
    }
    return top;
  }

  #less(a: number, b: number): boolean {
    const ta = this.#times[a];
    const tb = this.#times[b];
    return ta < tb || (ta === tb && this.#seqs[a] < this.#seqs[b]);
  }

  #swap(a: number, b: number): void {
    [this.#times[a], this.#times[b]] = [this.#times[b], this.#times[a]];
    [this.#seqs[a], this.#seqs[b]] = [this.#seqs[b], this.#seqs[a]];
    [this.#items[a], this.#items[b]] = [this.#items[b], this.#items[a]];
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const n = this.#items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const child = r < n && this.#less(r, l) ? r : l;
      if (!this.#less(child, i)) return;
      this.#swap(i, child);
      i = child;
    }
  }
}
