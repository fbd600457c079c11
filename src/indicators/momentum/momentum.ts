import type { ScalarIndicator } from '../indicator.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';

/**
 * Momentum: the change over `period` steps, `C − C[period]`, in the units of the input.
 * (TTR's `momentum(x, n)`.) Ready after `period + 1` inputs. O(1) per update and replace.
 */
export class Momentum implements ScalarIndicator {
  readonly name: string;
  readonly warmup: number;
  /** The last `period` inputs, ring buffer. */
  readonly #window: Float64Array;
  #pos = 0;
  #count = 0;
  /** The input `period` steps before the latest one. */
  #reference = NaN;
  value = NaN;

  constructor(readonly period = 10) {
    requirePeriod('mom', 'period', period);
    this.name = `mom(${period})`;
    this.warmup = period + 1;
    this.#window = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.#count > this.period;
  }

  update(input: number): number {
    requireFiniteInput(this.name, input);
    const pos = this.#pos;
    const reference = this.#window[pos];
    this.#reference = reference;
    this.#window[pos] = input;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    if (++this.#count > this.period) this.value = input - reference;
    return this.value;
  }

  replace(input: number): number {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    this.#window[this.#pos === 0 ? this.period - 1 : this.#pos - 1] = input;
    if (this.#count > this.period) this.value = input - this.#reference;
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
