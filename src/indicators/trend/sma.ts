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
  /** What the latest update overwrote, to undo it in `replace`. */
  #evicted = 0;
  #sumBefore = 0;
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
    this.#evicted = window[pos];
    this.#sumBefore = this.#sum;
    this.#sum += input - window[pos];
    window[pos] = input;
    this.#count++;
    const next = pos + 1 === this.period ? 0 : pos + 1;
    this.#pos = next;
    if (next === 0) this.#sum = this.#resum();
    if (this.#count >= this.period) this.value = this.#sum / this.period;
    return this.value;
  }

  replace(input: number): number {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    const last = this.#pos === 0 ? this.period - 1 : this.#pos - 1;
    this.#window[last] = input;
    this.#sum = this.#pos === 0 ? this.#resum() : this.#sumBefore - this.#evicted + input;
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
