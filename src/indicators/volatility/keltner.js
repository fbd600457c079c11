import { Ema } from '../trend/ema.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
import { requirePositive } from './arguments.js';
import { Atr } from './atr.js';
/**
 * Keltner channel, in its common modern form (Raschke; StockCharts' "Keltner Channels"):
 * middle = EMA(close, period) (α = 2/(period+1), seeded with the SMA of the first `period`
 * closes), upper/lower = middle ± multiplier·ATR(atrPeriod) with Wilder's {@link Atr} (whose
 * first true range comes with the second candle). Not Keltner's original 1960 version (SMA of
 * the typical price ± SMA of the range).
 *
 * Ready after max(period, atrPeriod + 1) candles; `middle` is filled as soon as the EMA is
 * ready, the bands once the ATR is too. O(1) per update; `replace` delegates to both parts.
 */
export class Keltner {
  period;
  multiplier;
  atrPeriod;
  name;
  warmup;
  #ema;
  #atr;
  value = { lower: NaN, middle: NaN, upper: NaN };
  constructor(period = 20, multiplier = 2, atrPeriod = 10) {
    this.period = period;
    this.multiplier = multiplier;
    this.atrPeriod = atrPeriod;
    requirePeriod('keltner', 'period', period);
    requirePositive('keltner', 'multiplier', multiplier);
    requirePeriod('keltner', 'atrPeriod', atrPeriod);
    this.name = `keltner(${period},${multiplier},${atrPeriod})`;
    this.warmup = Math.max(period, atrPeriod + 1);
    this.#ema = new Ema(period);
    this.#atr = new Atr(atrPeriod);
  }
  get isReady() {
    return this.#ema.isReady && this.#atr.isReady;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    return this.#set(this.#ema.update(candle.close), this.#atr.update(candle));
  }
  replace(candle) {
    requireValidCandle(this.name, candle);
    return this.#set(this.#ema.replace(candle.close), this.#atr.replace(candle));
  }
  reset() {
    this.#ema.reset();
    this.#atr.reset();
    this.value.lower = this.value.middle = this.value.upper = NaN;
  }
  #set(middle, atr) {
    const v = this.value;
    v.middle = middle; // NaN until the EMA is ready
    if (this.#atr.isReady && this.#ema.isReady) {
      const half = this.multiplier * atr;
      v.lower = middle - half;
      v.upper = middle + half;
    }
    return v;
  }
}
//# sourceMappingURL=keltner.js.map
