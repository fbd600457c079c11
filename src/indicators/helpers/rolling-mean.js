import { Sma } from '../trend/sma.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Mean of the last `period` inputs (TTR `runMean(x, n)`), as an indicator: the
 * {@link Sma} under the name `mean(n)`, for rolling statistics of any series (volumes,
 * spreads, returns). Ready after `period` inputs.
 */
export class RollingMean {
  period;
  name;
  warmup;
  #sma;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('mean', 'period', period);
    this.name = `mean(${period})`;
    this.warmup = period;
    this.#sma = new Sma(period);
  }
  get isReady() {
    return this.#sma.isReady;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    return (this.value = this.#sma.update(input));
  }
  replace(input) {
    requireFiniteInput(this.name, input);
    return (this.value = this.#sma.replace(input));
  }
  reset() {
    this.#sma.reset();
    this.value = NaN;
  }
}
//# sourceMappingURL=rolling-mean.js.map
