import { requireValidCandle } from '../validation.js';
import { RunningTotal } from './running-total.js';
/**
 * Williams' accumulation/distribution (TTR `williamsAD`): the running total, from the second
 * bar on, of
 *
 * - C − trueLow when the close is above the previous close (trueLow = min(L, C₋₁)),
 * - C − trueHigh when it is below (trueHigh = max(H, C₋₁)),
 * - 0 when the closes are equal (compared exactly).
 *
 * The first bar has no previous close: not ready until the second candle (TTR's row 1 is
 * NA). The scale is price units; only changes and divergences matter. Volume is not used.
 */
export class WilliamsAd {
  name = 'wad';
  warmup = 2;
  #total = new RunningTotal();
  #count = 0;
  #close = NaN;
  /** Close of the bar before the latest one, for `replace`. */
  #prevClose = NaN;
  value = NaN;
  get isReady() {
    return this.#count > 1;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#prevClose = this.#close;
    this.#close = candle.close;
    if (++this.#count === 1) return this.value;
    return (this.value = this.#total.add(this.#step(candle)));
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    this.#close = candle.close;
    if (this.#count === 1) return this.value;
    return (this.value = this.#total.replaceLast(this.#step(candle)));
  }
  reset() {
    this.#total.reset();
    this.#count = 0;
    this.#close = this.#prevClose = NaN;
    this.value = NaN;
  }
  #step(candle) {
    const close = candle.close;
    const previous = this.#prevClose;
    if (close > previous) return close - (candle.low < previous ? candle.low : previous);
    if (close < previous) return close - (candle.high > previous ? candle.high : previous);
    return 0;
  }
}
//# sourceMappingURL=williams-ad.js.map
