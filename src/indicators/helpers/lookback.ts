/**
 * The input `period` steps before the latest one, for indicators of change over a fixed
 * distance (momentum, rate of change). A ring buffer of the last `period` inputs; O(1) per
 * input, and the latest input can be replaced (a still-forming bar).
 */
export class Lookback {
  readonly #window: Float64Array;
  #pos = 0;
  #count = 0;
  /** The input `period` steps before the latest one; NaN until there is one. */
  reference = NaN;

  constructor(readonly period: number) {
    this.#window = new Float64Array(period);
  }

  /** True once an input `period` steps back exists. */
  get isFull(): boolean {
    return this.#count > this.period;
  }

  /** True before the first input. */
  get isEmpty(): boolean {
    return this.#count === 0;
  }

  /** Appends an input; `reference` becomes the input `period` steps before it. */
  push(input: number): void {
    const pos = this.#pos;
    this.reference = this.#count >= this.period ? this.#window[pos] : NaN;
    this.#window[pos] = input;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    this.#count++;
  }

  /** Replaces the latest input; `reference` is unchanged. */
  replaceLatest(input: number): void {
    this.#window[this.#pos === 0 ? this.period - 1 : this.#pos - 1] = input;
  }

  reset(): void {
    this.#window.fill(0);
    this.#pos = 0;
    this.#count = 0;
    this.reference = NaN;
  }
}
