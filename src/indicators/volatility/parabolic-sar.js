import { requireValidCandle } from '../validation.js';
import { requireAtLeast, requirePositive } from './arguments.js';
/**
 * Parabolic stop and reverse (Wilder). `value` after candle t is the stop that applies to
 * candle t + 1. Both modes start long at the first candle with extreme point = its high,
 * factor = `step` and SAR = its low − `initialGap` (ready after 1 candle). A candle whose low
 * reaches the stop of a long trend (low ≤ SAR; high ≥ SAR for a short one) reverses it.
 *
 * **textbook** (default) — after candle t of a trend that continues: if it made a new extreme
 * the extreme point moves there and the factor grows by `step`, capped at `max`; then
 * SAR = SAR + factor·(extreme − SAR) with the updated extreme and factor, and a long SAR is
 * kept at or below the lows of candles t and t − 1 (a short one at or above the highs). On a
 * reversal the new SAR is the old extreme point (at least the reversal candle's high for a new
 * short, at most its low for a new long), the extreme point becomes the reversal candle's low
 * (high) and the factor resets to `step`.
 *
 * **ttr** — TTR 0.24.3 `src/sar.c` exactly: the SAR moves with the extreme point and factor
 * of the *previous* candle, the extreme point also looks at the previous candle's high (low),
 * and the factor is capped only when it *equals* `max` exactly: with the defaults it reaches
 * 0.19999999999999998 (ten steps of 0.02 in binary), which is not 0.2, and keeps growing
 * (0.22, 0.24, ...). That reproduces `SAR(HL)` when `initialGap` is TTR's whole-series value.
 *
 * O(1) per update; `replace` restores saved scalars. `trend`, `extremePoint` and
 * `accelerationFactor` expose the state after the latest candle.
 */
export class ParabolicSar {
  step;
  max;
  name;
  warmup = 1;
  mode;
  initialGap;
  #count = 0;
  #long = true;
  #extreme = NaN;
  #factor = 0;
  #high = NaN;
  #low = NaN;
  // State before the latest update, for `replace`.
  #longBefore = true;
  #extremeBefore = NaN;
  #factorBefore = 0;
  #highBefore = NaN;
  #lowBefore = NaN;
  #valueBefore = NaN;
  value = NaN;
  constructor(step = 0.02, max = 0.2, options = {}) {
    this.step = step;
    this.max = max;
    requirePositive('sar', 'step', step);
    requireAtLeast('sar', 'max', max, step, 'step');
    const mode = options.mode ?? 'textbook';
    if (mode !== 'textbook' && mode !== 'ttr') {
      throw new RangeError(`sar(mode): must be 'textbook' or 'ttr', got ${String(mode)}`);
    }
    this.mode = mode;
    this.initialGap = requireAtLeast('sar', 'initialGap', options.initialGap ?? 0, 0, '0');
    this.name = mode === 'ttr' ? `sar(${step},${max},ttr)` : `sar(${step},${max})`;
  }
  get isReady() {
    return this.#count >= 1;
  }
  /** +1 long, −1 short (NaN before the first candle). */
  get trend() {
    return this.#count === 0 ? NaN : this.#long ? 1 : -1;
  }
  /** Extreme point of the current trend. */
  get extremePoint() {
    return this.#extreme;
  }
  /** Acceleration factor of the current trend. */
  get accelerationFactor() {
    return this.#count === 0 ? NaN : this.#factor;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#longBefore = this.#long;
    this.#extremeBefore = this.#extreme;
    this.#factorBefore = this.#factor;
    this.#highBefore = this.#high;
    this.#lowBefore = this.#low;
    this.#valueBefore = this.value;
    return this.#apply(candle.high, candle.low, ++this.#count);
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    this.#long = this.#longBefore;
    this.#extreme = this.#extremeBefore;
    this.#factor = this.#factorBefore;
    this.#high = this.#highBefore;
    this.#low = this.#lowBefore;
    this.value = this.#valueBefore;
    return this.#apply(candle.high, candle.low, this.#count);
  }
  reset() {
    this.#count = 0;
    this.#long = this.#longBefore = true;
    this.#extreme = this.#extremeBefore = this.#high = this.#highBefore = this.#low = this.#lowBefore = NaN;
    this.#factor = this.#factorBefore = 0;
    this.value = this.#valueBefore = NaN;
  }
  /** Folds in the `n`-th candle. */
  #apply(high, low, n) {
    const prevHigh = this.#high;
    const prevLow = this.#low;
    this.#high = high;
    this.#low = low;
    if (n === 1) {
      this.#long = true;
      this.#extreme = high;
      this.#factor = this.step;
      this.value = low - this.initialGap;
    } else if (this.mode === 'ttr') {
      this.#ttrStep(high, low, prevHigh, prevLow);
    } else {
      this.#textbookStep(high, low, prevHigh, prevLow);
    }
    return this.value;
  }
  #textbookStep(high, low, prevHigh, prevLow) {
    const sar = this.value;
    let extreme = this.#extreme;
    if (this.#long) {
      if (low <= sar) {
        this.#long = false;
        this.value = extreme > high ? extreme : high;
        this.#extreme = low;
        this.#factor = this.step;
        return;
      }
      let factor = this.#factor;
      if (high > extreme) {
        extreme = high;
        factor = Math.min(factor + this.step, this.max);
      }
      let next = sar + factor * (extreme - sar);
      if (next > prevLow) next = prevLow;
      if (next > low) next = low;
      this.#extreme = extreme;
      this.#factor = factor;
      this.value = next;
    } else {
      if (high >= sar) {
        this.#long = true;
        this.value = extreme < low ? extreme : low;
        this.#extreme = high;
        this.#factor = this.step;
        return;
      }
      let factor = this.#factor;
      if (low < extreme) {
        extreme = low;
        factor = Math.min(factor + this.step, this.max);
      }
      let next = sar + factor * (extreme - sar);
      if (next < prevHigh) next = prevHigh;
      if (next < high) next = high;
      this.#extreme = extreme;
      this.#factor = factor;
      this.value = next;
    }
  }
  #ttrStep(high, low, prevHigh, prevLow) {
    const sar = this.value;
    const wasLong = this.#long;
    const extremeBefore = this.#extreme;
    const factorBefore = this.#factor;
    const lowest = prevLow < low ? prevLow : low;
    const highest = prevHigh > high ? prevHigh : high;
    let extreme;
    let long;
    if (wasLong) {
      long = low > sar;
      extreme = highest > extremeBefore ? highest : extremeBefore;
    } else {
      long = !(high < sar);
      extreme = lowest < extremeBefore ? lowest : extremeBefore;
    }
    this.#long = long;
    this.#extreme = extreme;
    if (long === wasLong) {
      let next = sar + (extremeBefore - sar) * factorBefore;
      // TTR caps only on exact equality (the quirk): 0.19999999999999998 !== 0.2 keeps growing.
      let factor = factorBefore === this.max ? this.max : factorBefore + this.step;
      if (long) {
        if (!(extreme > extremeBefore)) factor = factorBefore;
        if (next > lowest) next = lowest;
      } else {
        if (!(extreme < extremeBefore)) factor = factorBefore;
        if (next < highest) next = highest;
      }
      this.#factor = factor;
      this.value = next;
    } else {
      this.#factor = this.step;
      this.value = extreme;
    }
  }
}
//# sourceMappingURL=parabolic-sar.js.map
