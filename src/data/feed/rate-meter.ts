const SECOND_US = 1_000_000;

/**
 * Messages per second over the last `windowSeconds` whole seconds, from per-second buckets keyed
 * by the clock time passed in (never the wall clock), so a TestClock gives exact rates.
 */
export class RateMeter {
  readonly #buckets: number[];
  #bucketSecond = -1;

  constructor(private readonly windowSeconds = 5) {
    this.#buckets = new Array<number>(windowSeconds).fill(0);
  }

  mark(timeUs: number, count = 1): void {
    this.#roll(Math.floor(timeUs / SECOND_US));
    this.#buckets[this.#bucketSecond % this.windowSeconds] += count;
  }

  /** Average rate over the window's complete seconds before `nowUs`. */
  perSecond(nowUs: number): number {
    const second = Math.floor(nowUs / SECOND_US);
    this.#roll(second);
    let sum = 0;
    for (let s = second - this.windowSeconds + 1; s < second; s++) if (s >= 0) sum += this.#buckets[s % this.windowSeconds];
    return sum / (this.windowSeconds - 1);
  }

  #roll(second: number): void {
    if (second <= this.#bucketSecond) return;
    const from = Math.max(this.#bucketSecond + 1, second - this.windowSeconds + 1);
    for (let s = from; s <= second; s++) this.#buckets[s % this.windowSeconds] = 0;
    this.#bucketSecond = second;
  }
}
