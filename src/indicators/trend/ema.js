import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Exponential moving average, seeded with the simple mean of the first `period` inputs
 * (TTR `EMA(x, n)`; not seeded with the first value). Smoothing α = 2/(period+1), or
 * 1/period with `wilder` (Wilder's smoothing, a.k.a. RMA/SMMA: TTR `EMA(x, n, wilder = TRUE)`).
 * Ready after `period` inputs.
 */
export class Ema {
  period;
  wilder;
  name;
  warmup;
  alpha;
  /** 1 − α, kept so the hot path is `value·(1−α) + α·input`. */
  #decay;
  /** Inputs seen while seeding; stops at `period` (readiness never goes back). */
  #count = 0;
  /** Sum of the first inputs while seeding. */
  #seedSum = 0;
  /** The value before the latest update (NaN if that update was a seeding one), for `replace`. */
  #prevValue = NaN;
  #prevSeedSum = 0;
  value = NaN;
  constructor(period, wilder = false) {
    this.period = period;
    this.wilder = wilder;
    requirePeriod(wilder ? 'wilder' : 'ema', 'period', period);
    this.name = `${wilder ? 'wilder' : 'ema'}(${period})`;
    this.warmup = period;
    this.alpha = wilder ? 1 / period : 2 / (period + 1);
    this.#decay = 1 - this.alpha;
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const previous = this.value;
    this.#prevValue = previous;
    // Ready (the hot path). Written as two products so that only one multiply and one add depend
    // on the previous value (α·input is computed off that chain): ~20% faster than the
    // textbook `previous + α·(input − previous)`, and equal to it within an ulp or two.
    if (this.#count >= this.period) return (this.value = this.#smooth(previous, input));
    this.#prevSeedSum = this.#seedSum;
    return this.#seed(input);
  }
  /** Batch fast path (see {@link BatchFastPath}). */
  updateEach(values, [out]) {
    for (let i = 0; i < values.length; i++) {
      const v = this.update(values[i]);
      out[i] = this.isReady ? v : NaN;
    }
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    const previous = this.#prevValue;
    // The latest update smoothed a ready value: redo it with the new input.
    if (previous === previous) return (this.value = this.#smooth(previous, input));
    // The latest update was a seeding one: take its input out of the seed again.
    this.#count--;
    this.#seedSum = this.#prevSeedSum;
    this.value = NaN;
    return this.#seed(input);
  }
  reset() {
    this.#count = 0;
    this.#seedSum = this.#prevSeedSum = 0;
    this.value = this.#prevValue = NaN;
  }
  #smooth(previous, input) {
    return previous * this.#decay + this.alpha * input;
  }
  #seed(input) {
    this.#seedSum += input;
    if (++this.#count === this.period) this.value = this.#seedSum / this.period;
    return this.value;
  }
}
//# sourceMappingURL=ema.js.map
