import { requireValidCandle } from '../validation.js';
import { closeLocationValue } from './clv.js';
import { RunningTotal } from './running-total.js';
/**
 * Chaikin's accumulation/distribution line: the running total of CLV·V, where the close
 * location value CLV = ((C − L) − (H − C)) / (H − L) is +1 at the high and −1 at the low
 * (0 when H == L). The first value is CLV₁·V₁ (TTR `chaikinAD`). Ready after one candle;
 * the scale is volume units, and only changes and divergences matter.
 */
export class AccumulationDistribution {
  name = 'ad';
  warmup = 1;
  #total = new RunningTotal();
  #count = 0;
  value = NaN;
  get isReady() {
    return this.#count > 0;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#count++;
    return (this.value = this.#total.add(
      closeLocationValue(candle.high, candle.low, candle.close) * candle.volume,
    ));
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    return (this.value = this.#total.replaceLast(
      closeLocationValue(candle.high, candle.low, candle.close) * candle.volume,
    ));
  }
  reset() {
    this.#total.reset();
    this.#count = 0;
    this.value = NaN;
  }
}
//# sourceMappingURL=accumulation-distribution.js.map
