import { requirePeriod, requireValidCandle } from '../validation.js';
import { WindowSum } from '../helpers/window-sum.js';
/**
 * Money Flow Index, 0–100 (TTR `MFI`). Typical price TP = (H + L + C)/3 in double, raw money
 * flow MF = TP·V. A bar's flow is positive when TP rose from the previous bar, negative when
 * it fell, and counts on neither side when TP is equal (compared exactly). With P and N the
 * sums of positive and negative flow over the last `period` bars:
 * MFI = 100 − 100/(1 + P/N); 100 when N = 0, and 50 when P = N = 0 (no price change or no
 * volume in the window). The first bar has no previous TP, so MFI is ready after
 * `period + 1` candles. Assumes positive prices (a negative TP makes money flow meaningless).
 */
export class Mfi {
  period;
  name;
  warmup;
  #positive;
  #negative;
  #count = 0;
  #tp = NaN;
  /** Typical price of the bar before the latest one, for `replace`. */
  #prevTp = NaN;
  value = NaN;
  constructor(period = 14) {
    this.period = period;
    requirePeriod('mfi', 'period', period);
    this.name = `mfi(${period})`;
    this.warmup = period + 1;
    this.#positive = new WindowSum(period);
    this.#negative = new WindowSum(period);
  }
  get isReady() {
    return this.#count > this.period;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#prevTp = this.#tp;
    this.#count++;
    return this.#apply(candle, false);
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    return this.#apply(candle, true);
  }
  reset() {
    this.#positive.reset();
    this.#negative.reset();
    this.#count = 0;
    this.#tp = this.#prevTp = NaN;
    this.value = NaN;
  }
  /** Folds in the latest candle (`replacing`: instead of the one the latest update folded in). */
  #apply(candle, replacing) {
    const tp = (candle.high + candle.low + candle.close) / 3;
    this.#tp = tp;
    if (this.#count === 1) return this.value; // no previous TP: no flow yet
    const previous = this.#prevTp;
    const flow = tp * candle.volume;
    const up = tp > previous ? flow : 0;
    const down = tp < previous ? flow : 0;
    if (replacing) {
      this.#positive.replaceLast(up);
      this.#negative.replaceLast(down);
    } else {
      this.#positive.push(up);
      this.#negative.push(down);
    }
    if (this.#count <= this.period) return this.value;
    const p = this.#positive.sum;
    const n = this.#negative.sum;
    // Sums of non-negative flows; `> 0` also guards against a rounding residue below 0.
    this.value = n > 0 ? 100 - 100 / (1 + (p > 0 ? p : 0) / n) : p > 0 ? 100 : 50;
    return this.value;
  }
}
//# sourceMappingURL=mfi.js.map
