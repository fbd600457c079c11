import type { ScalarIndicator } from '../indicator.js';
import { Sma } from '../trend/sma.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';

/**
 * Mean of the last `period` inputs (TTR `runMean(x, n)`), as an indicator: the
 * {@link Sma} under the name `mean(n)`, for rolling statistics of any series (volumes,
 * spreads, returns). Ready after `period` inputs.
 */
export class RollingMean implements ScalarIndicator {
  readonly name: string;
  readonly warmup: number;
  readonly #sma: Sma;
  value = NaN;

  constructor(readonly period: number) {
    requirePeriod('mean', 'period', period);
    this.name = `mean(${period})`;
    this.warmup = period;
    this.#sma = new Sma(period);
  }

  get isReady(): boolean {
    return this.#sma.isReady;
  }

  update(input: number): number {
    requireFiniteInput(this.name, input);
    return (this.value = this.#sma.update(input));
  }

  replace(input: number): number {
    requireFiniteInput(this.name, input);
    return (this.value = this.#sma.replace(input));
  }

  reset(): void {
    this.#sma.reset();
    this.value = NaN;
  }
}
