import { requirePeriod, requireValidCandle } from '../validation.js';
import { WindowSum } from '../helpers/window-sum.js';
/**
 * Rolling volume-weighted average price (TTR `VWAP(Cl, Vo, n)`): Σ(C·V)/ΣV over the last
 * `period` bars — a volume-weighted moving average of closes, not a session VWAP (see
 * `SessionVwap`). A window without volume (ΣV = 0) gives the plain mean close of the
 * window, the limit of equal volumes. Ready after `period` candles; price scale.
 */
export class RollingVwap {
  period;
  name;
  warmup;
  #priceVolume;
  #volume;
  #close;
  #count = 0;
  value = NaN;
  constructor(period = 20) {
    this.period = period;
    requirePeriod('vwap', 'period', period);
    this.name = `vwap(${period})`;
    this.warmup = period;
    this.#priceVolume = new WindowSum(period);
    this.#volume = new WindowSum(period);
    this.#close = new WindowSum(period);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#count++;
    this.#priceVolume.push(candle.close * candle.volume);
    this.#volume.push(candle.volume);
    this.#close.push(candle.close);
    return this.#value();
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    this.#priceVolume.replaceLast(candle.close * candle.volume);
    this.#volume.replaceLast(candle.volume);
    this.#close.replaceLast(candle.close);
    return this.#value();
  }
  reset() {
    this.#priceVolume.reset();
    this.#volume.reset();
    this.#close.reset();
    this.#count = 0;
    this.value = NaN;
  }
  #value() {
    if (this.#count < this.period) return this.value;
    const volume = this.#volume.sum;
    this.value = volume > 0 ? this.#priceVolume.sum / volume : this.#close.sum / this.period;
    return this.value;
  }
}
//# sourceMappingURL=rolling-vwap.js.map
