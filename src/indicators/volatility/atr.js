import { Ema } from '../trend/ema.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
/**
 * Average true range (Wilder): Wilder's moving average (α = 1/period) of the true range,
 * seeded with the simple mean of the first `period` true ranges — TTR's `ATR(HLC, n)`. The
 * first candle has no true range (see `TrueRange`), so the first value comes with candle
 * `period + 1` (`warmup`).
 *
 * O(1) per update, no allocation. The true range is computed inline (the formula of
 * `TrueRange`; one saved close makes `replace` work) and the average is delegated to
 * {@link Ema} with `wilder`, whose `replace` restores its own saved scalars.
 */
export class Atr {
  period;
  name;
  warmup;
  #average;
  /** Close of the latest candle; of the one before it, for `replace`. */
  #close = NaN;
  #closeBefore = NaN;
  /** True range of the latest candle (NaN for the first). */
  trueRange = NaN;
  value = NaN;
  constructor(period = 14) {
    this.period = period;
    requirePeriod('atr', 'period', period);
    this.name = `atr(${period})`;
    this.warmup = period + 1;
    this.#average = new Ema(period, true);
  }
  get isReady() {
    return this.#average.isReady;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    const previous = (this.#closeBefore = this.#close);
    this.#close = candle.close;
    if (previous !== previous) return this.value; // first candle: no true range
    this.value = this.#average.update(trueRange(candle, previous, this));
    return this.value;
  }
  /** Batch fast path (see {@link BatchFastPath}). */
  updateEach(series, [out]) {
    const candle = { open: 0, high: 0, low: 0, close: 0, volume: 0, time: 0 };
    const { open, high, low, close, volume } = series;
    for (let i = 0; i < close.length; i++) {
      candle.open = open[i];
      candle.high = high[i];
      candle.low = low[i];
      candle.close = close[i];
      candle.volume = volume[i];
      const v = this.update(candle);
      out[i] = this.isReady ? v : NaN;
    }
  }
  replace(candle) {
    requireValidCandle(this.name, candle);
    const previous = this.#closeBefore;
    if (this.#close !== this.#close) return this.update(candle); // before any update
    this.#close = candle.close;
    if (previous !== previous) return this.value; // still the first candle
    this.value = this.#average.replace(trueRange(candle, previous, this));
    return this.value;
  }
  reset() {
    this.#average.reset();
    this.#close = this.#closeBefore = this.trueRange = this.value = NaN;
  }
}
/** max(high, previous close) − min(low, previous close), also stored in `into.trueRange`. */
function trueRange(candle, previousClose, into) {
  const high = candle.high > previousClose ? candle.high : previousClose;
  const low = candle.low < previousClose ? candle.low : previousClose;
  return (into.trueRange = high - low);
}
/**
 * Normalized ATR: 100 · ATR / close, in percent of the latest close (TTR has no NATR; checked
 * by hand). Same warm-up as {@link Atr}. A close of exactly 0 gives ±Infinity (0 when the ATR
 * is 0 too): the ratio is meant for positive prices.
 */
export class Natr {
  period;
  name;
  warmup;
  #atr;
  value = NaN;
  constructor(period = 14) {
    this.period = period;
    requirePeriod('natr', 'period', period);
    this.name = `natr(${period})`;
    this.warmup = period + 1;
    this.#atr = new Atr(period);
  }
  get isReady() {
    return this.#atr.isReady;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    return this.#set(this.#atr.update(candle), candle.close);
  }
  replace(candle) {
    requireValidCandle(this.name, candle);
    return this.#set(this.#atr.replace(candle), candle.close);
  }
  reset() {
    this.#atr.reset();
    this.value = NaN;
  }
  #set(atr, close) {
    if (this.#atr.isReady) this.value = atr === 0 ? 0 : (100 * atr) / close;
    return this.value;
  }
}
//# sourceMappingURL=atr.js.map
