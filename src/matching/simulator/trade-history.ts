/**
 * Recent trade prices by time, so agents can ask "what was the last trade price `lookback` ago".
 * Only a window is kept (the longest lookback any agent uses): older entries are dropped, except
 * the last one before the window, which still answers queries at the window's start.
 */
export class TradeHistory {
  #times: number[] = [];
  #prices: number[] = [];
  /** Index of the first kept entry: dropping from the front is done lazily, in bulk. */
  #start = 0;

  /** @param keepUs how far back (µs) queries may reach */
  constructor(private readonly keepUs: number) {}

  /** Records a trade; times must not decrease. */
  record(time: number, price: number): void {
    const n = this.#times.length;
    if (n > this.#start && this.#times[n - 1] === time) {
      // Several trades in one microsecond: the last one is the price "at" that time.
      this.#prices[n - 1] = price;
    } else {
      this.#times.push(time);
      this.#prices.push(price);
    }
    this.#trim(time);
  }

  /** The last trade price at or before `time`, or `undefined` if none is known. */
  priceAt(time: number): number | undefined {
    const times = this.#times;
    let lo = this.#start;
    let hi = times.length - 1;
    if (hi < lo || times[lo] > time) return undefined;
    // Largest index with times[i] ≤ time.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (times[mid] <= time) lo = mid;
      else hi = mid - 1;
    }
    return this.#prices[lo];
  }

  /** Entries currently kept (for tests). */
  get size(): number {
    return this.#times.length - this.#start;
  }

  #trim(now: number): void {
    const horizon = now - this.keepUs;
    const times = this.#times;
    // Keep the last entry at or before the horizon: it is the answer for times just after it.
    while (this.#start + 1 < times.length && times[this.#start + 1] <= horizon) this.#start++;
    if (this.#start > 1024 && this.#start * 2 > times.length) {
      this.#times = times.slice(this.#start);
      this.#prices = this.#prices.slice(this.#start);
      this.#start = 0;
    }
  }
}
