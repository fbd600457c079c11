import type { ScalarIndicator } from '../indicator.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';

/**
 * Simple moving average of the last `period` inputs (TTR `SMA`). Ready after `period`
 * inputs. Keeps a running sum, re-summed from the window every `period` updates so that
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
    requirePeriod('sma', 'period', period);
    this.name = `sma(${period})`;
    this.warmup = period;
    this.#window = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.#count >= this.period;
  }

  update(input: number): number {
    requireFiniteInput(this.name, input);
    const window = this.#window;
    const pos = this.#pos;
    this.#sum += input - window[pos];
    window[pos] = input;
    this.#count++;
    const next = pos + 1 === this.period ? 0 : pos + 1;
    this.#pos = next;
    if (next === 0) this.#sum = this.#resum();
    if (this.#count >= this.period) this.value = this.#sum / this.period;
    return this.value;
  }

  /** Batch fast path (see {@link BatchFastPath}). */
  updateEach(values: ArrayLike<number>, [out]: readonly Float64Array[]): void {
    for (let i = 0; i < values.length; i++) {
      const v = this.update(values[i]);
      out[i] = this.isReady ? v : NaN;
    }
  }

  replace(input: number): number {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    // A forming bar is replaced far less often than bars arrive: re-summing the window,
    // O(period), keeps `update` free of bookkeeping for this rare case.
    const last = this.#pos === 0 ? this.period - 1 : this.#pos - 1;
    this.#window[last] = input;
    this.#sum = this.#resum();
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

  #resum(): number {
    const window = this.#window;
    let fresh = 0;
    for (let i = 0; i < window.length; i++) fresh += window[i];
    return fresh;
  }
}
