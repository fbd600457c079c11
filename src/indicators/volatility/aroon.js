import { RollingExtreme } from '../helpers/rolling-extreme.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
/**
 * Aroon (Chande), exactly as TTR's `aroon(HL, n)`: the window is the last **n + 1** candles
 * (the current one and n before it), the age of the highest high (lowest low) is counted in
 * bars, 0 for the current candle, and ties go to the **most recent** extreme. The first value
 * comes with candle n (`warmup`), when the window holds only n candles, as in TTR.
 *
 * O(1) amortized per update (monotonic deques, {@link RollingExtreme}); `replace` is
 * O(period): the deques are rebuilt from the window.
 */
export class Aroon {
  period;
  name;
  warmup;
  #highs;
  #lows;
  #count = 0;
  value = { up: NaN, down: NaN, oscillator: NaN };
  constructor(period = 25) {
    this.period = period;
    requirePeriod('aroon', 'period', period);
    this.name = `aroon(${period})`;
    this.warmup = period;
    this.#highs = new RollingExtreme(period + 1, 'max');
    this.#lows = new RollingExtreme(period + 1, 'min');
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#count++;
    this.#highs.update(candle.high);
    this.#lows.update(candle.low);
    return this.#set();
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    this.#highs.replace(candle.high);
    this.#lows.replace(candle.low);
    return this.#set();
  }
  reset() {
    this.#highs.reset();
    this.#lows.reset();
    this.#count = 0;
    this.value.up = this.value.down = this.value.oscillator = NaN;
  }
  #set() {
    const n = this.period;
    if (this.#count < n) return this.value;
    const last = this.#count - 1;
    const v = this.value;
    const up = (100 * (n - (last - this.#highs.index))) / n;
    const down = (100 * (n - (last - this.#lows.index))) / n;
    v.up = up;
    v.down = down;
    v.oscillator = up - down;
    return v;
  }
}
//# sourceMappingURL=aroon.js.map
