import type { ScalarIndicator } from '../indicator.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';

/**
 * Sum of the last `period` inputs (TTR `runSum(x, n)`), as an indicator. Ready after
 * `period` inputs. A running sum, re-summed from the window every `period` updates so that
 * floating-point drift cannot accumulate.
 */
export class RollingSum implements ScalarIndicator {
  readonly name: string;
  readonly warmup: number;
  readonly #window: Float64Array;
  #sum = 0;
  #count = 0;
  /** Slot the next input goes to. */
  #pos = 0;
  // State before the latest update, for `replace`.
  #evicted = 0;
  #sumBefore = 0;
  value = NaN;

  constructor(readonly period: number) {
    requirePeriod('sum', 'period', period);
    this.name = `sum(${period})`;
    this.warmup = period;
    this.#window = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.#count >= this.period;
  }

  update(input: number): number {
    requireFiniteInput(this.name, input);
    const pos = this.#pos;
    this.#evicted = this.#window[pos];
    this.#sumBefore = this.#sum;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    this.#count++;
    return this.#apply(input, pos);
  }

  replace(input: number): number {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    return this.#apply(input, this.#pos === 0 ? this.period - 1 : this.#pos - 1);
  }

  reset(): void {
    this.#window.fill(0);
    this.#sum = this.#count = this.#pos = this.#evicted = this.#sumBefore = 0;
    this.value = NaN;
  }

  /** Writes `input` into `slot` (the newest) from the state before the latest update. */
  #apply(input: number, slot: number): number {
    this.#window[slot] = input;
    if (slot === this.period - 1) {
      this.#resum();
    } else {
      this.#sum = this.#sumBefore + (input - this.#evicted);
    }
    if (this.#count >= this.period) this.value = this.#sum;
    return this.value;
  }

  #resum(): void {
    const window = this.#window;
    let sum = 0;
    for (let i = 0; i < window.length; i++) sum += window[i];
    this.#sum = sum;
  }
}
