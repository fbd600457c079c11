import type { ScalarIndicator } from '../indicator.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';

/**
 * Exponential moving average, seeded with the simple mean of the first `period` inputs
 * (TTR `EMA(x, n)`; not seeded with the first value). Smoothing α = 2/(period+1), or
 * 1/period with `wilder` (Wilder's smoothing, a.k.a. RMA/SMMA: TTR `EMA(x, n, wilder = TRUE)`).
 * Ready after `period` inputs.
 */
export class Ema implements ScalarIndicator {
  readonly name: string;
  readonly warmup: number;
  readonly alpha: number;
  #count = 0;
  /** Sum of the first inputs while seeding. */
  #seedSum = 0;
  /** State before the latest update, for `replace`. */
  #prevValue = NaN;
  #prevSeedSum = 0;
  value = NaN;

  constructor(
    readonly period: number,
    readonly wilder = false,
  ) {
    requirePeriod(wilder ? 'wilder' : 'ema', 'period', period);
    this.name = `${wilder ? 'wilder' : 'ema'}(${period})`;
    this.warmup = period;
    this.alpha = wilder ? 1 / period : 2 / (period + 1);
  }

  get isReady(): boolean {
    return this.#count >= this.period;
  }

  update(input: number): number {
    requireFiniteInput(this.name, input);
    this.#prevValue = this.value;
    this.#prevSeedSum = this.#seedSum;
    return this.#apply(input, ++this.#count);
  }

  replace(input: number): number {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    this.value = this.#prevValue;
    this.#seedSum = this.#prevSeedSum;
    return this.#apply(input, this.#count);
  }

  reset(): void {
    this.#count = 0;
    this.#seedSum = this.#prevSeedSum = 0;
    this.value = this.#prevValue = NaN;
  }

  /** Folds in the `n`-th input. */
  #apply(input: number, n: number): number {
    if (n > this.period) {
      this.value += this.alpha * (input - this.value);
    } else {
      this.#seedSum += input;
      if (n === this.period) this.value = this.#seedSum / this.period;
    }
    return this.value;
  }
}
