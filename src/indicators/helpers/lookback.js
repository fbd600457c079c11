/**
 * The input `period` steps before the latest one, for indicators of change over a fixed
 * distance (momentum, rate of change). A ring buffer of the last `period` inputs; O(1) per
 * input, and the latest input can be replaced (a still-forming bar).
 */
export class Lookback {
  period;
  #window;
  #pos = 0;
  #count = 0;
  /** The input `period` steps before the latest one; NaN until there is one. */
  reference = NaN;
  constructor(period) {
    this.period = period;
    this.#window = new Float64Array(period);
  }
  /** True once an input `period` steps back exists. */
  get isFull() {
    return this.#count > this.period;
  }
  /** True before the first input. */
  get isEmpty() {
    return this.#count === 0;
  }
  /** Appends an input; `reference` becomes the input `period` steps before it. */
  push(input) {
    const pos = this.#pos;
    this.reference = this.#count >= this.period ? this.#window[pos] : NaN;
    this.#window[pos] = input;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    this.#count++;
  }
  /** Replaces the latest input; `reference` is unchanged. */
  replaceLatest(input) {
    this.#window[this.#pos === 0 ? this.period - 1 : this.#pos - 1] = input;
  }
  reset() {
    this.#window.fill(0);
    this.#pos = 0;
    this.#count = 0;
    this.reference = NaN;
  }
}
//# sourceMappingURL=lookback.js.map
