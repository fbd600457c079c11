import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Zero-lag EMA (Ehlers & Way 2010), exactly as TTR's `ZLEMA(x, n)`: an EMA with
 * k = 2/(n+1) of the de-lagged input v_t = 2·x_t − x_{t−lag}, where lag = (n+1)/2 and a
 * fractional lag interpolates linearly between the two inputs around it:
 * x_{t−lag} = (1−w)·x_{t−⌈lag⌉} + w·x_{t−⌈lag⌉+1} with w = frac(lag). For odd n that is
 * x_{t−(n+1)/2}; for even n, the mean of x_{t−n/2−1} and x_{t−n/2} (n = 20: x_{t−11}, x_{t−10}).
 *
 * Seed: the value at the n-th input is the plain mean of the first n inputs (not of the
 * de-lagged series); from input n+1 on, ZLEMA_t = ZLEMA_{t−1} + k·(v_t − ZLEMA_{t−1}).
 * Ready after `period` inputs.
 */
export class Zlema {
  period;
  name;
  warmup;
  alpha;
  /** The last ⌈lag⌉ + 1 inputs (ring buffer). */
  #history;
  /** Interpolation weight of the newer of the two lagged inputs: frac(lag). */
  #frac;
  #count = 0;
  /** Slot of the newest input. */
  #pos = -1;
  #seedSum = 0;
  // State before the latest update, for `replace`.
  #prevValue = NaN;
  #prevSeedSum = 0;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('zlema', 'period', period);
    this.name = `zlema(${period})`;
    this.warmup = period;
    this.alpha = 2 / (period + 1);
    const lag = (period + 1) / 2;
    this.#frac = lag - Math.floor(lag);
    this.#history = new Float64Array(Math.ceil(lag) + 1);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    this.#prevValue = this.value;
    this.#prevSeedSum = this.#seedSum;
    const next = this.#pos + 1;
    this.#pos = next === this.#history.length ? 0 : next;
    return this.#apply(input, ++this.#count);
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    this.value = this.#prevValue;
    this.#seedSum = this.#prevSeedSum;
    return this.#apply(input, this.#count);
  }
  reset() {
    this.#history.fill(0);
    this.#count = 0;
    this.#pos = -1;
    this.#seedSum = this.#prevSeedSum = 0;
    this.value = this.#prevValue = NaN;
  }
  /** Folds in the `n`-th input, stored at slot `#pos`. */
  #apply(input, n) {
    const history = this.#history;
    const pos = this.#pos;
    history[pos] = input;
    if (n > this.period) {
      // The ring holds x_{t−⌈lag⌉} .. x_t, so the oldest (x_{t−⌈lag⌉}) is right after `pos`.
      const size = history.length;
      const older = pos + 1 === size ? 0 : pos + 1;
      const newer = older + 1 === size ? 0 : older + 1;
      const w = this.#frac;
      const lagged = (1 - w) * history[older] + w * history[newer];
      this.value += this.alpha * (2 * input - lagged - this.value);
    } else {
      this.#seedSum += input;
      if (n === this.period) this.value = this.#seedSum / this.period;
    }
    return this.value;
  }
}
//# sourceMappingURL=zlema.js.map
