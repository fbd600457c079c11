import { Ema } from '../trend/ema.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Moving Average Convergence/Divergence (Appel): `macd = EMA(x, fast) − EMA(x, slow)`,
 * `signal = EMA(macd, signal)`, `histogram = macd − signal`. Every EMA is SMA-seeded on its own
 * first `period` inputs ({@link Ema}); the fast EMA is not re-seeded when the slow one starts.
 * This is TTR's `MACD(x, nFast, nSlow, nSig, percent = FALSE)` (TTR's default `percent = TRUE`
 * would give 100·(fast/slow − 1) instead).
 *
 * `macd` is set from the `slow`-th input on, `signal` and `histogram` from input
 * `slow + signal − 1` (= `warmup`, when `isReady` turns true). O(1) per update and replace.
 */
export class Macd {
  fastPeriod;
  slowPeriod;
  signalPeriod;
  name;
  warmup;
  value = { macd: NaN, signal: NaN, histogram: NaN };
  #fast;
  #slow;
  #signal;
  #count = 0;
  constructor(fastPeriod = 12, slowPeriod = 26, signalPeriod = 9) {
    this.fastPeriod = fastPeriod;
    this.slowPeriod = slowPeriod;
    this.signalPeriod = signalPeriod;
    requirePeriod('macd', 'fast', fastPeriod);
    requirePeriod('macd', 'slow', slowPeriod);
    requirePeriod('macd', 'signal', signalPeriod);
    if (fastPeriod >= slowPeriod) {
      throw new RangeError(`macd(fast): must be less than slow (${slowPeriod}), got ${fastPeriod}`);
    }
    this.name = `macd(${fastPeriod},${slowPeriod},${signalPeriod})`;
    this.warmup = slowPeriod + signalPeriod - 1;
    this.#fast = new Ema(fastPeriod);
    this.#slow = new Ema(slowPeriod);
    this.#signal = new Ema(signalPeriod);
  }
  get isReady() {
    return this.#count >= this.warmup;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const macd = this.#fast.update(input) - this.#slow.update(input);
    if (++this.#count < this.slowPeriod) return this.value;
    const value = this.value;
    value.macd = macd;
    const signal = this.#signal.update(macd);
    if (this.#count >= this.warmup) {
      value.signal = signal;
      value.histogram = macd - signal;
    }
    return value;
  }
  /** Batch fast path (see {@link BatchFastPath}): columns macd, signal, histogram. */
  updateEach(values, [macd, signal, histogram]) {
    for (let i = 0; i < values.length; i++) {
      const v = this.update(values[i]);
      const ready = this.isReady;
      macd[i] = ready ? v.macd : NaN;
      signal[i] = ready ? v.signal : NaN;
      histogram[i] = ready ? v.histogram : NaN;
    }
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    const macd = this.#fast.replace(input) - this.#slow.replace(input);
    // The signal EMA was fed by the latest update exactly when the slow EMA was ready.
    if (this.#count < this.slowPeriod) return this.value;
    const value = this.value;
    value.macd = macd;
    const signal = this.#signal.replace(macd);
    if (this.#count >= this.warmup) {
      value.signal = signal;
      value.histogram = macd - signal;
    }
    return value;
  }
  reset() {
    this.#fast.reset();
    this.#slow.reset();
    this.#signal.reset();
    this.#count = 0;
    this.value.macd = this.value.signal = this.value.histogram = NaN;
  }
}
//# sourceMappingURL=macd.js.map
