/**
 * Orders waiting to expire, as a binary min-heap on (expiry time, order id). Entries are not
 * removed when an order leaves the book early; the book checks on `pop` that the order is still
 * live with that expiry (lazy deletion keeps cancel O(1)).
 */
export class ExpiryQueue {
  #time: number[] = [];
  #id: number[] = [];

  get size(): number {
    return this.#time.length;
  }

  push(time: number, id: number): void {
    const times = this.#time;
    const ids = this.#id;
    let i = times.length;
    times.push(time);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(time, id, times[parent], ids[parent])) break;
      times[i] = times[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Expiry time of the first entry (Infinity when empty). */
  peekTime(): number {
    return this.#time.length === 0 ? Infinity : this.#time[0];
  }

  /** Removes the first entry and returns its order id. */
  pop(): number {
    const times = this.#time;
    const ids = this.#id;
    const first = ids[0];
    const lastTime = times.pop()!;
    const lastId = ids.pop()!;
    const n = times.length;
    if (n === 0) return first;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(times[child + 1], ids[child + 1], times[child], ids[child])) child++;
      if (!before(times[child], ids[child], lastTime, lastId)) break;
      times[i] = times[child];
      ids[i] = ids[child];
      i = child;
    }
    times[i] = lastTime;
    ids[i] = lastId;
    return first;
  }
}

function before(timeA: number, idA: number, timeB: number, idB: number): boolean {
  return timeA < timeB || (timeA === timeB && idA < idB);
}
