import { requirePeriod, requireValidCandle } from '../validation.js';
import { requirePositive } from './arguments.js';
import { Atr } from './atr.js';
/**
 * SuperTrend (Seban), from the published definition:
 *
 * - basic upper = (high + low)/2 + multiplier·ATR, basic lower = (high + low)/2 − multiplier·ATR,
 *   with Wilder's {@link Atr}(period) (first value at candle period + 1).
 * - final upper = basic upper if basic upper < previous final upper or the previous close >
 *   previous final upper, else the previous final upper (the band only moves down, unless
 *   price closed above it). Final lower likewise (only moves up, unless price closed below).
 * - In an up-trend the trend turns down when the close < final lower; in a down-trend it turns
 *   up when the close > final upper. value = final lower (up-trend) or final upper (down-trend).
 * - Start (our choice; the definition leaves it open): on the first candle with an ATR the
 *   final bands are the basic bands and the trend is up when close ≥ (high + low)/2, else down.
 *
 * Ready after period + 1 candles. O(1) per update; `replace` restores saved scalars and
 * delegates to the ATR. `upper` and `lower` expose the final bands.
 */
export class SuperTrend {
  period;
  multiplier;
  name;
  warmup;
  #atr;
  /** Final bands and trend of the latest candle; NaN / 0 before the first ATR. */
  #upper = NaN;
  #lower = NaN;
  #direction = 0;
  #close = NaN;
  // State before the latest update, for `replace`.
  #upperBefore = NaN;
  #lowerBefore = NaN;
  #directionBefore = 0;
  #closeBefore = NaN;
  value = { value: NaN, direction: NaN };
  constructor(period = 10, multiplier = 3) {
    this.period = period;
    this.multiplier = multiplier;
    requirePeriod('supertrend', 'period', period);
    requirePositive('supertrend', 'multiplier', multiplier);
    this.name = `supertrend(${period},${multiplier})`;
    this.warmup = period + 1;
    this.#atr = new Atr(period);
  }
  get isReady() {
    return this.#atr.isReady;
  }
  /** Final upper band of the latest candle. */
  get upper() {
    return this.#upper;
  }
  /** Final lower band of the latest candle. */
  get lower() {
    return this.#lower;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#upperBefore = this.#upper;
    this.#lowerBefore = this.#lower;
    this.#directionBefore = this.#direction;
    this.#closeBefore = this.#close;
    return this.#apply(candle, this.#atr.update(candle));
  }
  replace(candle) {
    requireValidCandle(this.name, candle);
    this.#upper = this.#upperBefore;
    this.#lower = this.#lowerBefore;
    this.#direction = this.#directionBefore;
    this.#close = this.#closeBefore;
    return this.#apply(candle, this.#atr.replace(candle));
  }
  reset() {
    this.#atr.reset();
    this.#upper = this.#lower = this.#close = this.#upperBefore = this.#lowerBefore = this.#closeBefore = NaN;
    this.#direction = this.#directionBefore = 0;
    this.value.value = this.value.direction = NaN;
  }
  #apply(candle, atr) {
    const prevClose = this.#close;
    const close = candle.close;
    this.#close = close;
    if (!this.#atr.isReady) return this.value;
    const mid = (candle.high + candle.low) / 2;
    const basicUpper = mid + this.multiplier * atr;
    const basicLower = mid - this.multiplier * atr;
    let direction = this.#direction;
    let upper;
    let lower;
    if (direction === 0) {
      upper = basicUpper;
      lower = basicLower;
      direction = close >= mid ? 1 : -1;
    } else {
      const prevUpper = this.#upper;
      const prevLower = this.#lower;
      upper = basicUpper < prevUpper || prevClose > prevUpper ? basicUpper : prevUpper;
      lower = basicLower > prevLower || prevClose < prevLower ? basicLower : prevLower;
      if (direction === 1) {
        if (close < lower) direction = -1;
      } else if (close > upper) {
        direction = 1;
      }
    }
    this.#upper = upper;
    this.#lower = lower;
    this.#direction = direction;
    const v = this.value;
    v.value = direction === 1 ? lower : upper;
    v.direction = direction;
    return v;
  }
}
//# sourceMappingURL=supertrend.js.map
