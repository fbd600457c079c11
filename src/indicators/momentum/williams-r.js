import { RollingExtreme } from '../helpers/rolling-extreme.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
/**
 * Williams %R, −100..0: `−100·(HH − C)/(HH − LL)` with HH, LL the highest high and lowest low
 * of the last `period` candles (current one included). 0 means the close is at the high, −100
 * at the low; a flat window (HH == LL) gives −50. TTR's `WPR(HLC, n)` is the same number on a
 * 0..1 scale with the opposite sign (1 = close at the low): ours = −100·WPR (TTR's 0/0 → 0.5
 * matches our −50).
 *
 * Ready after `period` candles. O(1) amortized per update; `replace` is O(period).
 */
export class WilliamsR {
  period;
  name;
  warmup;
  #high;
  #low;
  value = NaN;
  constructor(period = 14) {
    this.period = period;
    requirePeriod('willr', 'period', period);
    this.name = `willr(${period})`;
    this.warmup = period;
    this.#high = new RollingExtreme(period, 'max');
    this.#low = new RollingExtreme(period, 'min');
  }
  get isReady() {
    return this.#high.isReady;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    const hh = this.#high.update(candle.high);
    const ll = this.#low.update(candle.low);
    if (this.#high.isReady) this.value = hh === ll ? -50 : (-100 * (hh - candle.close)) / (hh - ll);
    return this.value;
  }
  replace(candle) {
    requireValidCandle(this.name, candle);
    const hh = this.#high.replace(candle.high);
    const ll = this.#low.replace(candle.low);
    if (this.#high.isReady) this.value = hh === ll ? -50 : (-100 * (hh - candle.close)) / (hh - ll);
    return this.value;
  }
  reset() {
    this.#high.reset();
    this.#low.reset();
    this.value = NaN;
  }
}
//# sourceMappingURL=williams-r.js.map
