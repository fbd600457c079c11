import { requireFiniteInput, requirePeriod } from '../validation.js';
import { Wma } from './wma.js';
/**
 * Hull moving average (Alan Hull 2005; TTR `HMA(x, n)`):
 * WMA(2·WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋). The outer WMA is fed once WMA(x, n) is ready, so
 * the indicator is ready after n + ⌊√n⌋ − 1 inputs (row 23 for n = 20). `period` must be at
 * least 2 (⌊n/2⌋ ≥ 1).
 */
export class Hma {
  period;
  name;
  warmup;
  #half;
  #full;
  #hull;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('hma', 'period', period, 2);
    this.name = `hma(${period})`;
    const root = Math.floor(Math.sqrt(period));
    this.warmup = period + root - 1;
    this.#half = new Wma(Math.floor(period / 2));
    this.#full = new Wma(period);
    this.#hull = new Wma(root);
  }
  get isReady() {
    return this.#hull.isReady;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const half = this.#half.update(input);
    const full = this.#full.update(input);
    if (this.#full.isReady) {
      const hull = this.#hull.update(2 * half - full);
      if (this.#hull.isReady) this.value = hull;
    }
    return this.value;
  }
  replace(input) {
    requireFiniteInput(this.name, input);
    const half = this.#half.replace(input);
    const full = this.#full.replace(input);
    // WMA(x, n) is ready now exactly when it was after this bar's update, which then fed the
    // outer WMA: replace that input too.
    if (this.#full.isReady) {
      const hull = this.#hull.replace(2 * half - full);
      if (this.#hull.isReady) this.value = hull;
    }
    return this.value;
  }
  reset() {
    this.#half.reset();
    this.#full.reset();
    this.#hull.reset();
    this.value = NaN;
  }
}
//# sourceMappingURL=hma.js.map
