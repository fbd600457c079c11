import { requireFiniteInput, requirePeriod } from '../validation.js';
import { Ema } from './ema.js';
/**
 * Triple exponential moving average (Mulloy 1994): 3·EMA1 − 3·EMA2 + EMA3, where EMA1 =
 * EMA(x), EMA2 = EMA(EMA1), EMA3 = EMA(EMA2). Each EMA is SMA-seeded on its own first
 * `period` inputs ({@link Ema}, TTR's convention), and each is fed only once the previous
 * one is ready, so the warm-ups add up: ready after 3·period − 2 inputs. Not the TRIX
 * oscillator, which is the rate of change of EMA3.
 */
export class Tema {
  period;
  name;
  warmup;
  #ema1;
  #ema2;
  #ema3;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('tema', 'period', period);
    this.name = `tema(${period})`;
    this.warmup = 3 * period - 2;
    this.#ema1 = new Ema(period);
    this.#ema2 = new Ema(period);
    this.#ema3 = new Ema(period);
  }
  get isReady() {
    return this.#ema3.isReady;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const e1 = this.#ema1.update(input);
    if (this.#ema1.isReady) {
      const e2 = this.#ema2.update(e1);
      if (this.#ema2.isReady) {
        const e3 = this.#ema3.update(e2);
        if (this.#ema3.isReady) this.value = 3 * (e1 - e2) + e3;
      }
    }
    return this.value;
  }
  replace(input) {
    requireFiniteInput(this.name, input);
    // Readiness of each stage depends only on input counts, which `replace` keeps: a stage
    // that is ready now fed the next stage on this same bar, so that one is replaced too.
    const e1 = this.#ema1.replace(input);
    if (this.#ema1.isReady) {
      const e2 = this.#ema2.replace(e1);
      if (this.#ema2.isReady) {
        const e3 = this.#ema3.replace(e2);
        if (this.#ema3.isReady) this.value = 3 * (e1 - e2) + e3;
      }
    }
    return this.value;
  }
  reset() {
    this.#ema1.reset();
    this.#ema2.reset();
    this.#ema3.reset();
    this.value = NaN;
  }
}
//# sourceMappingURL=tema.js.map
