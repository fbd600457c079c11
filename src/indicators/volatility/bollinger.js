import { requireFiniteInput, requirePeriod } from '../validation.js';
import { requirePositive } from './arguments.js';
import { StdDev } from './std-dev.js';
/**
 * Bollinger bands: SMA(period) ± multiplier·σ, with σ the **population** standard deviation of
 * the same window (divided by n) — TTR's `BBands(x, n, sd)`. Ready after `period` inputs.
 * %B and bandwidth as in {@link BollingerValue}; where TTR would give 0/0 (a window of equal
 * values) %B is 0.5 and bandwidth 0. Bandwidth divides by the middle band, so it is meant for
 * positive prices (±Infinity if the mean is exactly 0 with σ > 0).
 *
 * One {@link StdDev} (population) gives both the mean and σ: O(1) per update; `replace`
 * delegates to it.
 */
export class Bollinger {
  period;
  multiplier;
  name;
  warmup;
  #sd;
  value = { lower: NaN, middle: NaN, upper: NaN, percentB: NaN, bandwidth: NaN };
  constructor(period = 20, multiplier = 2) {
    this.period = period;
    this.multiplier = multiplier;
    requirePeriod('bbands', 'period', period);
    requirePositive('bbands', 'multiplier', multiplier);
    this.name = `bbands(${period},${multiplier})`;
    this.warmup = period;
    this.#sd = new StdDev(period, false);
  }
  get isReady() {
    return this.#sd.isReady;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    return this.#set(input, this.#sd.update(input));
  }
  /**
   * Batch fast path (see {@link BatchFastPath}): columns lower, middle, upper, percentB,
   * bandwidth. The bands go straight into the columns, not through the `value` object (which
   * cost a quarter of the batch rate); the arithmetic is {@link #set}'s.
   */
  updateEach(values, [lower, middle, upper, percentB, bandwidth]) {
    const sdi = this.#sd;
    const multiplier = this.multiplier;
    const n = values.length;
    let done = 0;
    try {
      for (; done < n; done++) {
        const input = values[done];
        if (input - input !== 0) requireFiniteInput(this.name, input);
        const half = multiplier * sdi.update(input);
        if (!sdi.isReady) {
          lower[done] = middle[done] = upper[done] = percentB[done] = bandwidth[done] = NaN;
          continue;
        }
        const mid = sdi.mean;
        const low = mid - half;
        const up = mid + half;
        lower[done] = low;
        middle[done] = mid;
        upper[done] = up;
        percentB[done] = half === 0 ? 0.5 : (input - low) / (up - low);
        bandwidth[done] = half === 0 ? 0 : (up - low) / mid;
      }
    } finally {
      // Also after a rejected input: `value` stands where `update` would have left it.
      if (done > 0) this.#set(values[done - 1], sdi.value);
    }
  }
  replace(input) {
    requireFiniteInput(this.name, input);
    return this.#set(input, this.#sd.replace(input));
  }
  reset() {
    this.#sd.reset();
    const v = this.value;
    v.lower = v.middle = v.upper = v.percentB = v.bandwidth = NaN;
  }
  #set(input, sd) {
    const sdi = this.#sd;
    if (!sdi.isReady) return this.value;
    const v = this.value;
    const middle = sdi.mean;
    const half = this.multiplier * sd;
    const lower = middle - half;
    const upper = middle + half;
    v.lower = lower;
    v.middle = middle;
    v.upper = upper;
    if (half === 0) {
      v.percentB = 0.5;
      v.bandwidth = 0;
    } else {
      v.percentB = (input - lower) / (upper - lower);
      v.bandwidth = (upper - lower) / middle;
    }
    return v;
  }
}
//# sourceMappingURL=bollinger.js.map
