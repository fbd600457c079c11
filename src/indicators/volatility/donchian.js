import { RollingExtreme } from '../helpers/rolling-extreme.js';
import { requireValidCandle } from '../validation.js';
/**
 * Donchian channel: highest high and lowest low of the last `period` candles, and their
 * midpoint. Ready after `period` candles. The current candle is included, as in TTR's
 * `DonchianChannel`; a breakout rule compares a close with the channel of the bars
 * *before* it, so read the value before updating with the new candle.
 */
export class Donchian {
  period;
  name;
  warmup;
  #high;
  #low;
  value = { upper: NaN, middle: NaN, lower: NaN };
  constructor(period) {
    this.period = period;
    this.name = `donchian(${period})`;
    this.warmup = period;
    this.#high = new RollingExtreme(period, 'max');
    this.#low = new RollingExtreme(period, 'min');
  }
  get isReady() {
    return this.#high.isReady;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    return this.#set(this.#high.update(candle.high), this.#low.update(candle.low));
  }
  replace(candle) {
    requireValidCandle(this.name, candle);
    return this.#set(this.#high.replace(candle.high), this.#low.replace(candle.low));
  }
  reset() {
    this.#high.reset();
    this.#low.reset();
    this.value.upper = this.value.middle = this.value.lower = NaN;
  }
  #set(upper, lower) {
    if (this.isReady) {
      this.value.upper = upper;
      this.value.lower = lower;
      this.value.middle = (upper + lower) / 2;
    }
    return this.value;
  }
}
//# sourceMappingURL=donchian.js.map
