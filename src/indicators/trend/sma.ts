import type { ScalarIndicator } from '../indicator.js';

/**
 * Simple moving average of the last `period` inputs. Ready after `period` inputs.
 * Keeps a running sum, re-summed from the window every `period` updates so that
 * floating-point drift cannot accumulate over millions of values.
 */
export class Sma implements ScalarIndicator {
  readonly name: string;
  readonly warmup: number;
  readonly #window: Float64Array;
  #sum = 0;
  #count = 0;
  #pos = 0;
  value = NaN;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`sma period must be ≥ 1, got ${period}`);
    this.name = `sma(${period})`;
    this.warmup = period;
    this.#window = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.#count >= this.period;
  }

  update(input: number): number {
    const window = this.#window;
    const pos = this.#pos;
    this.#sum += input - window[pos];
    window[pos] = input;
    this.#count++;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    if (this.#pos === 0) {
      let fresh = 0;
      for (let i = 0; i < window.length; i++) fresh += window[i];
      this.#sum = fresh;
    }
    if (this.#count >= this.period) this.value = this.#sum / this.period;
    return this.value;
  }

  reset(): void {
    this.#window.fill(0);
    this.#sum = 0;
    this.#count = 0;
    this.#pos = 0;
    this.value = NaN;
  }
}
