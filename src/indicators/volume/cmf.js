import { requirePeriod, requireValidCandle } from '../validation.js';
import { closeLocationValue } from './clv.js';
import { WindowSum } from '../helpers/window-sum.js';
/**
 * Chaikin Money Flow (TTR `CMF`): Σ(CLV·V)/ΣV over the last `period` bars, with the close
 * location value CLV = ((C − L) − (H − C))/(H − L), 0 when H == L. Between −1 and +1 (for
 * closes within the bar's range). A window without volume gives 0 (TTR would give NaN).
 * Ready after `period` candles.
 */
export class Cmf {
  period;
  name;
  warmup;
  #flow;
  #volume;
  #count = 0;
  value = NaN;
  constructor(period = 20) {
    this.period = period;
    requirePeriod('cmf', 'period', period);
    this.name = `cmf(${period})`;
    this.warmup = period;
    this.#flow = new WindowSum(period);
    this.#volume = new WindowSum(period);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#count++;
    const volume = candle.volume;
    this.#flow.push(closeLocationValue(candle.high, candle.low, candle.close) * volume);
    this.#volume.push(volume);
    return this.#value();
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    const volume = candle.volume;
    this.#flow.replaceLast(closeLocationValue(candle.high, candle.low, candle.close) * volume);
    this.#volume.replaceLast(volume);
    return this.#value();
  }
  reset() {
    this.#flow.reset();
    this.#volume.reset();
    this.#count = 0;
    this.value = NaN;
  }
  #value() {
    if (this.#count < this.period) return this.value;
    const volume = this.#volume.sum;
    this.value = volume > 0 ? this.#flow.sum / volume : 0;
    return this.value;
  }
}
//# sourceMappingURL=cmf.js.map
