import { requireFiniteInput, requirePeriod } from '../validation.js';
import { Ema } from './ema.js';
/**
 * Double exponential moving average (Mulloy 1994; TTR `DEMA(x, n)`): 2·EMA(x) − EMA(EMA(x)).
 * Each EMA is SMA-seeded on its own first `period` inputs ({@link Ema}), and the second EMA
 * is fed only once the first is ready, so the warm-ups add up: ready after 2·period − 1
 * inputs (row 39 for period 20).
 */
export class Dema {
  period;
  name;
  warmup;
  #ema1;
  #ema2;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('dema', 'period', period);
    this.name = `dema(${period})`;
    this.warmup = 2 * period - 1;
    this.#ema1 = new Ema(period);
    this.#ema2 = new Ema(period);
  }
  get isReady() {
    return this.#ema2.isReady;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const e1 = this.#ema1.update(input);
    if (this.#ema1.isReady) {
      const e2 = this.#ema2.update(e1);
      if (this.#ema2.isReady) this.value = 2 * e1 - e2;
    }
    return this.value;
  }
  replace(input) {
    requireFiniteInput(this.name, input);
    // The first EMA's readiness depends only on the input count, which `replace` keeps:
    // when it is ready now, the second EMA was fed on this same bar and is replaced too.
    const e1 = this.#ema1.replace(input);
    if (this.#ema1.isReady) {
      const e2 = this.#ema2.replace(e1);
      if (this.#ema2.isReady) this.value = 2 * e1 - e2;
    }
    return this.value;
  }
  reset() {
    this.#ema1.reset();
    this.#ema2.reset();
    this.value = NaN;
  }
}
//# sourceMappingURL=dema.js.map
