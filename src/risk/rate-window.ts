/**
 * A sliding-window rate limit: at most `count` events in any `windowUs` span. Keeps the times of
 * the last `count` events in a ring, so a check is O(1) and allocates nothing.
 */
export class RateWindow {
  readonly #times: Float64Array;
  /** Index of the oldest kept time (the next one overwritten once the ring is full). */
  #head = 0;
  #size = 0;

  constructor(
    readonly count: number,
    readonly windowUs: number,
  ) {
    this.#times = new Float64Array(count);
  }

  /** True when an event at `nowUs` would keep the window within its count. */
  allows(nowUs: number): boolean {
    // The oldest of the last `count` events must have left the window (nowUs − windowUs, nowUs].
    return this.#size < this.count || this.#times[this.#head] <= nowUs - this.windowUs;
  }

  /** Events in the window ending at `nowUs` (for messages). */
  inWindow(nowUs: number): number {
    let n = 0;
    for (let i = 0; i < this.#size; i++) if (this.#times[i] > nowUs - this.windowUs) n++;
    return n;
  }

  /** Records an event at `nowUs` (times never decrease: they come from the kernel clock). */
  record(nowUs: number): void {
    if (this.#size < this.count) {
      this.#times[(this.#head + this.#size) % this.count] = nowUs;
      this.#size++;
      return;
    }
    this.#times[this.#head] = nowUs;
    this.#head = (this.#head + 1) % this.count;
  }
}
