import { requireValidCandle } from '../validation.js';
/**
 * True range: max(high, previous close) − min(low, previous close).
 *
 * As in TTR (`ATR(HLC)[, "tr"]`) the first candle has **no** true range — there is no previous
 * close, and TTR does not fall back to high − low — so the first value comes with the second
 * candle (`warmup` 2). O(1) per update; `replace` restores one saved close.
 */
export class TrueRange {
  name = 'tr';
  warmup = 2;
  #count = 0;
  /** Close of the latest candle (the "previous close" of the next one). */
  #lastClose = NaN;
  /** Close of the candle before the latest, for `replace`. */
  #closeBefore = NaN;
  /** max(high, previous close) of the latest candle. */
  trueHigh = NaN;
  /** min(low, previous close) of the latest candle. */
  trueLow = NaN;
  value = NaN;
  get isReady() {
    return this.#count >= 2;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#closeBefore = this.#lastClose;
    this.#count++;
    return this.#apply(candle.high, candle.low, candle.close);
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    this.#lastClose = this.#closeBefore;
    return this.#apply(candle.high, candle.low, candle.close);
  }
  reset() {
    this.#count = 0;
    this.#lastClose = this.#closeBefore = NaN;
    this.trueHigh = this.trueLow = this.value = NaN;
  }
  #apply(high, low, close) {
    const previous = this.#lastClose;
    this.#lastClose = close;
    if (previous !== previous) return this.value; // first candle: no previous close (TTR: NA)
    const trueHigh = high > previous ? high : previous;
    const trueLow = low < previous ? low : previous;
    this.trueHigh = trueHigh;
    this.trueLow = trueLow;
    this.value = trueHigh - trueLow;
    return this.value;
  }
}
//# sourceMappingURL=true-range.js.map
