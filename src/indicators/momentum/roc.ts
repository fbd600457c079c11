import type { ScalarIndicator } from '../indicator.js';
import { requirePeriod } from '../validation.js';
import { requirePositiveInput } from './positive-input.js';

/**
 * Rate of change in percent: `100·(C / C[period] − 1)`, where `C[period]` is the input
 * `period` steps back. TTR's `ROC(x, n, type = 'discrete')` is the same as a fraction (×100
 * here); TTR's default `type = 'continuous'` is the log change. Inputs are prices: zero,
 * negative and non-finite inputs throw.
 *
 * Ready after `period + 1` inputs. O(1) per update and replace.
 */
export class Roc implements ScalarIndicator {
  readonly name: string;
  readonly warmup: number;
  /** The last `period` inputs, ring buffer. */
  readonly #window: Float64Array;
  #pos = 0;
  #count = 0;
  /** The input `period` steps before the latest one (the reference of the latest value). */
  #reference = NaN;
  value = NaN;

  constructor(readonly period = 10) {
    requirePeriod('roc', 'period', period);
    this.name = `roc(${period})`;
    this.warmup = period + 1;
    this.#window = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.#count > this.period;
  }

  update(input: number): number {
    requirePositiveInput(this.name, input);
    const pos = this.#pos;
    const reference = this.#window[pos];
    this.#reference = reference;
    this.#window[pos] = input;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    if (++this.#count > this.period) this.value = 100 * (input / reference - 1);
    return this.value;
  }

  replace(input: number): number {
    if (this.#count === 0) return this.update(input);
    requirePositiveInput(this.name, input);
    this.#window[this.#pos === 0 ? this.period - 1 : this.#pos - 1] = input;
    if (this.#count > this.period) this.value = 100 * (input / this.#reference - 1);
    return this.value;
  }

  reset(): void {
    this.#window.fill(0);
    this.#pos = 0;
    this.#count = 0;
    this.#reference = NaN;
    this.value = NaN;
  }
}
