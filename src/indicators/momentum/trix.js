import { Ema } from '../trend/ema.js';
import { requirePeriod } from '../validation.js';
import { requirePositiveInput } from './positive-input.js';
/**
 * TRIX (Hutson): the 1-step rate of change, in percent, of a triple EMA:
 * `e3 = EMA(EMA(EMA(x, period), period), period)`, `trix = 100·(e3 / e3[−1] − 1)`,
 * `signal = EMA(trix, signal)`. Every EMA is SMA-seeded on its own first `period` inputs
 * ({@link Ema}), as in TTR's `TRIX(x, n)`. TTR's signal is EMA(TRIX, **n**) unless `maType` is
 * a list (its `nSig` is ignored otherwise); ours always uses `signal`, which equals TTR with a
 * list `maType`. Inputs are prices: zero, negative and non-finite inputs throw (so e3 > 0).
 *
 * e3 is set from input `3·period − 2`, `trix` from `3·period − 1`, `signal` from
 * `warmup = 3·period + signal − 2`. O(1) per update and replace.
 */
export class Trix {
  period;
  signalPeriod;
  name;
  warmup;
  value = { trix: NaN, signal: NaN };
  #e1;
  #e2;
  #e3;
  #signal;
  /** e3 before the latest update: the denominator of the latest `trix`. */
  #previousE3 = NaN;
  constructor(period = 15, signalPeriod = 9) {
    this.period = period;
    this.signalPeriod = signalPeriod;
    requirePeriod('trix', 'period', period);
    requirePeriod('trix', 'signal', signalPeriod);
    this.name = `trix(${period},${signalPeriod})`;
    this.warmup = 3 * period + signalPeriod - 2;
    this.#e1 = new Ema(period);
    this.#e2 = new Ema(period);
    this.#e3 = new Ema(period);
    this.#signal = new Ema(signalPeriod);
  }
  get isReady() {
    return this.#signal.isReady;
  }
  update(input) {
    requirePositiveInput(this.name, input);
    const e1 = this.#e1.update(input);
    if (!this.#e1.isReady) return this.value;
    const e2 = this.#e2.update(e1);
    if (!this.#e2.isReady) return this.value;
    const previous = this.#e3.value;
    this.#previousE3 = previous;
    const e3 = this.#e3.update(e2);
    if (previous !== previous) return this.value; // no e3 before this one
    const value = this.value;
    const trix = 100 * (e3 / previous - 1);
    value.trix = trix;
    value.signal = this.#signal.update(trix);
    return value;
  }
  replace(input) {
    requirePositiveInput(this.name, input);
    const e1 = this.#e1.replace(input);
    // Each stage was fed by the latest update exactly when the stage before it was ready.
    if (!this.#e1.isReady) return this.value;
    const e2 = this.#e2.replace(e1);
    if (!this.#e2.isReady) return this.value;
    const e3 = this.#e3.replace(e2);
    const previous = this.#previousE3;
    if (previous !== previous) return this.value;
    const value = this.value;
    const trix = 100 * (e3 / previous - 1);
    value.trix = trix;
    value.signal = this.#signal.replace(trix);
    return value;
  }
  reset() {
    this.#e1.reset();
    this.#e2.reset();
    this.#e3.reset();
    this.#signal.reset();
    this.#previousE3 = NaN;
    this.value.trix = this.value.signal = NaN;
  }
}
//# sourceMappingURL=trix.js.map
