import { requireFiniteInput, requirePeriod } from '../validation.js';
/** Recompute when M2 falls below this fraction of its peak since the last exact recompute. */
const COLLAPSE = 1e-6;
/**
 * Rolling standard deviation of the last `period` inputs: the sample deviation (divided by
 * n − 1, TTR's `runSD(x, n)` default) or, with `sample = false`, the population deviation
 * (divided by n, `runSD(x, n, sample = FALSE)`, what Bollinger bands use). Ready after
 * `period` inputs; the sample form needs `period ≥ 2`.
 *
 * O(1) per update without the cancellation of Σx² − (Σx)²/n:
 *
 * - The window mean and the sum of squared deviations M2 are updated in place: Welford's
 *   update, extended to a sliding window (when x replaces `old`, mean' = mean + (x − old)/n and
 *   M2' = M2 + (x − old)·(x − mean' + old − mean)). The mean is kept relative to a reference
 *   level (the last exact mean), so the updates round relative to the deviations, not to the
 *   price level.
 * - Every `period` updates, when the ring buffer wraps, mean and M2 are recomputed exactly from
 *   the window in two passes (as TTR does), so rounding errors never accumulate. They are also
 *   recomputed at once when M2 falls below 10⁻⁶ of its peak since the last recompute: a level
 *   shift has left the window and what remains of M2 is mostly the old scale's rounding
 *   error. That costs O(period) and market data rarely triggers it.
 * - A window of `period` equal inputs (a flat, illiquid market) is detected by counting the run
 *   of equal trailing inputs and gives exactly σ = 0 and mean = that input.
 *
 * `replace` restores the saved scalars (or recomputes, on a wrap) and applies the new input.
 */
export class StdDev {
  period;
  sample;
  name;
  warmup;
  #window;
  #divisor;
  #count = 0;
  #pos = 0;
  /**
   * The window mean is kept as `#reference + #mean`: the reference (the last exact mean, or the
   * first input) absorbs the price level, so the running updates round relative to the
   * deviations, not to the level (10^9 ± 1 keeps full precision).
   */
  #reference = 0;
  #mean = 0;
  #m2 = 0;
  /** Largest M2 since the last exact recompute (to detect cancellation). */
  #peak = 0;
  /** The latest input and how many trailing inputs equal it. */
  #last = NaN;
  #run = 0;
  // State before the latest update, for `replace`.
  #evicted = 0;
  #meanBefore = 0;
  #m2Before = 0;
  #peakBefore = 0;
  #referenceBefore = 0;
  #lastBefore = NaN;
  #runBefore = 0;
  value = NaN;
  constructor(period = 20, sample = true) {
    this.period = period;
    this.sample = sample;
    requirePeriod('stddev', 'period', period, sample ? 2 : 1);
    this.name = `stddev(${period},${sample ? 1 : 0})`;
    this.warmup = period;
    this.#window = new Float64Array(period);
    this.#divisor = sample ? period - 1 : period;
  }
  get isReady() {
    return this.#count >= this.period;
  }
  /** Mean of the window (the SMA of the same inputs); NaN before ready. */
  get mean() {
    if (this.#count < this.period) return NaN;
    return this.#run >= this.period ? this.#last : this.#reference + this.#mean;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const pos = this.#pos;
    this.#evicted = this.#window[pos];
    this.#meanBefore = this.#mean;
    this.#m2Before = this.#m2;
    this.#peakBefore = this.#peak;
    this.#referenceBefore = this.#reference;
    this.#lastBefore = this.#last;
    this.#runBefore = this.#run;
    this.#window[pos] = input;
    const next = pos + 1 === this.period ? 0 : pos + 1;
    this.#pos = next;
    return this.#apply(input, ++this.#count, next === 0);
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    const pos = this.#pos;
    this.#window[pos === 0 ? this.period - 1 : pos - 1] = input;
    this.#mean = this.#meanBefore;
    this.#m2 = this.#m2Before;
    this.#peak = this.#peakBefore;
    this.#reference = this.#referenceBefore;
    this.#last = this.#lastBefore;
    this.#run = this.#runBefore;
    return this.#apply(input, this.#count, pos === 0);
  }
  reset() {
    this.#window.fill(0);
    this.#count = this.#pos = 0;
    this.#reference = this.#mean = this.#m2 = this.#evicted = this.#meanBefore = this.#m2Before = 0;
    this.#peak = this.#peakBefore = this.#referenceBefore = 0;
    this.#run = this.#runBefore = 0;
    this.#last = this.#lastBefore = NaN;
    this.value = NaN;
  }
  /** Folds in the `n`-th input; `wrapped`: the window is full and the ring buffer just wrapped. */
  #apply(input, n, wrapped) {
    const period = this.period;
    this.#run = input === this.#last ? this.#run + 1 : 1;
    this.#last = input;
    if (wrapped) {
      this.#recompute();
    } else if (n <= period) {
      // Warm-up: Welford's running update (the reference is the first input).
      if (n === 1) this.#reference = input;
      const x = input - this.#reference;
      const delta = x - this.#mean;
      this.#mean += delta / n;
      this.#m2 += delta * (x - this.#mean);
    } else {
      const reference = this.#reference;
      const old = this.#evicted - reference;
      const x = input - reference;
      const mean = this.#mean;
      const delta = x - old;
      const next = mean + delta / period;
      const m2 = this.#m2 + delta * (x - next + (old - mean));
      this.#mean = next;
      this.#m2 = m2;
      const peak = this.#peak;
      if (m2 > peak) this.#peak = m2;
      // The variance collapsed (a level shift left the window): the running M2 now holds
      // rounding errors of the old scale, so recompute it exactly (O(period), rare).
      else if (m2 < peak * COLLAPSE) this.#recompute();
    }
    if (n >= period) {
      const m2 = this.#m2;
      this.value = m2 > 0 && this.#run < period ? Math.sqrt(m2 / this.#divisor) : 0;
    }
    return this.value;
  }
  /**
   * Exact two-pass mean and M2 of the full window. The rounded mean becomes the reference; the
   * second pass also sums the deviations from it, whose mean is the rounding error of the first
   * (kept as the offset, and taken out of M2: Σd² − (Σd)²/n).
   */
  #recompute() {
    // Each pass keeps two independent partial sums (even and odd slots) so that its adds
    // overlap: it runs every `period` updates, and done serially it cost a third of an update.
    const window = this.#window;
    const n = window.length;
    const odd = n % 2;
    let sumEven = odd === 1 ? window[n - 1] : 0;
    let sumOdd = 0;
    for (let i = 0; i + 1 < n; i += 2) {
      sumEven += window[i];
      sumOdd += window[i + 1];
    }
    const reference = (sumEven + sumOdd) / n;
    let s1Even = 0;
    let s2Even = 0;
    let s1Odd = 0;
    let s2Odd = 0;
    if (odd === 1) {
      const d = window[n - 1] - reference;
      s1Even = d;
      s2Even = d * d;
    }
    for (let i = 0; i + 1 < n; i += 2) {
      const dEven = window[i] - reference;
      const dOdd = window[i + 1] - reference;
      s1Even += dEven;
      s2Even += dEven * dEven;
      s1Odd += dOdd;
      s2Odd += dOdd * dOdd;
    }
    const s1 = s1Even + s1Odd;
    const s2 = s2Even + s2Odd;
    const offset = s1 / n;
    this.#reference = reference;
    this.#mean = offset;
    this.#m2 = this.#peak = s2 - s1 * offset;
  }
}
//# sourceMappingURL=std-dev.js.map
