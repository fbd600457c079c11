import { requireValidCandle } from '../validation.js';
import { RunningTotal } from './running-total.js';
/**
 * On-balance volume (Granville): a running total that adds the bar's volume when the close
 * is above the previous close, subtracts it when below, and adds nothing when the closes are
 * equal (compared exactly). The first value is the first bar's volume, as in TTR's `OBV`
 * (not 0). Ready after one candle; the scale is volume units, and only changes matter.
 */
export class Obv {
  name = 'obv';
  warmup = 1;
  #total = new RunningTotal();
  #count = 0;
  #close = NaN;
  /** Close of the bar before the latest one, for `replace`. */
  #prevClose = NaN;
  value = NaN;
  get isReady() {
    return this.#count > 0;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#prevClose = this.#close;
    this.#close = candle.close;
    const step = this.#step(candle.close, candle.volume, ++this.#count);
    return (this.value = this.#total.add(step));
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    this.#close = candle.close;
    const step = this.#step(candle.close, candle.volume, this.#count);
    return (this.value = this.#total.replaceLast(step));
  }
  reset() {
    this.#total.reset();
    this.#count = 0;
    this.#close = this.#prevClose = NaN;
    this.value = NaN;
  }
  /** The change of OBV at the `n`-th bar. */
  #step(close, volume, n) {
    if (n === 1) return volume;
    const previous = this.#prevClose;
    return close > previous ? volume : close < previous ? -volume : 0;
  }
}
//# sourceMappingURL=obv.js.map
