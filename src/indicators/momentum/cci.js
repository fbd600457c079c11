import { Sma } from '../trend/sma.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
/** Lambert's constant: scales CCI so that about 70–80 % of values fall within ±100. */
const LAMBERT = 0.015;
/**
 * Commodity Channel Index (Lambert): with typical price `TP = (H + L + C)/3` and
 * `mavg = SMA(TP, period)`, `CCI = (TP − mavg)/(0.015·MD)` where
 * `MD = mean |TP_i − mavg|` over the same `period` candles, measured from the **current** mavg
 * (TTR's `CCI(HLC, n)`). A window of identical typical prices (MD = 0) gives 0.
 *
 * Ready after `period` candles. The mean deviation has to revisit the window whenever the mean
 * moves, so update and replace are O(period) — a tight loop over a `Float64Array`; the mean
 * itself is a running {@link Sma}.
 */
export class Cci {
  period;
  name;
  warmup;
  #window;
  #mean;
  #pos = 0;
  #count = 0;
  value = NaN;
  constructor(period = 20) {
    this.period = period;
    requirePeriod('cci', 'period', period);
    this.name = `cci(${period})`;
    this.warmup = period;
    this.#window = new Float64Array(period);
    this.#mean = new Sma(period);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    const tp = (candle.high + candle.low + candle.close) / 3;
    const pos = this.#pos;
    this.#window[pos] = tp;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    const mean = this.#mean.update(tp);
    if (++this.#count >= this.period) this.value = this.#cci(tp, mean);
    return this.value;
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    const tp = (candle.high + candle.low + candle.close) / 3;
    this.#window[this.#pos === 0 ? this.period - 1 : this.#pos - 1] = tp;
    const mean = this.#mean.replace(tp);
    if (this.#count >= this.period) this.value = this.#cci(tp, mean);
    return this.value;
  }
  reset() {
    this.#window.fill(0);
    this.#mean.reset();
    this.#pos = 0;
    this.#count = 0;
    this.value = NaN;
  }
  #cci(tp, mean) {
    const window = this.#window;
    const first = window[0];
    let deviation = 0;
    let flat = true;
    for (let i = 0; i < window.length; i++) {
      const x = window[i];
      deviation += Math.abs(x - mean);
      if (x !== first) flat = false;
    }
    // A flat window: the mean of equal values may differ from them in the last bit, which
    // would otherwise give ±1/0.015 instead of 0.
    if (flat) return 0;
    return (tp - mean) / ((LAMBERT * deviation) / window.length);
  }
}
//# sourceMappingURL=cci.js.map
