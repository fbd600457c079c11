import { RollingExtreme } from '../helpers/rolling-extreme.js';
import { Sma } from '../trend/sma.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';
import { Rsi } from './rsi.js';
/**
 * RSI windows whose range is at most this many RSI points count as flat. When the close does not
 * change, RSI is mathematically unchanged, but the Wilder averages drift in the last bits; without
 * this tolerance a run of unchanged closes would flip the stochastic between 0 and 100.
 */
export const STOCH_RSI_FLAT_RANGE = 1e-9;
/**
 * Stochastic RSI (Chande & Kroll), 0–100: the stochastic oscillator applied to RSI values,
 * `raw = 100·(RSI − min RSI)/(max RSI − min RSI)` over the last `stochPeriod` RSI values
 * (current one included), then `k = SMA(raw, k)` and `d = SMA(k, d)`. RSI is Wilder's
 * ({@link Rsi}). When the RSI window is flat (max − min ≤ {@link STOCH_RSI_FLAT_RANGE}, i.e. equal
 * up to rounding) `raw` is 50. `k = 1` leaves the raw
 * value unsmoothed. TTR has no StochRSI.
 *
 * RSI needs `rsiPeriod + 1` inputs, so `raw` starts at input `rsiPeriod + stochPeriod`, `k` at
 * `rsiPeriod + stochPeriod + k − 1` and `d` at `warmup = rsiPeriod + stochPeriod + k + d − 2`.
 * O(1) amortized per update; `replace` is O(stochPeriod) (the rolling extremes are rebuilt).
 */
export class StochRsi {
  rsiPeriod;
  stochPeriod;
  kPeriod;
  dPeriod;
  name;
  warmup;
  value = { k: NaN, d: NaN };
  #rsi;
  #max;
  #min;
  #k;
  #d;
  constructor(rsiPeriod = 14, stochPeriod = 14, kPeriod = 3, dPeriod = 3) {
    this.rsiPeriod = rsiPeriod;
    this.stochPeriod = stochPeriod;
    this.kPeriod = kPeriod;
    this.dPeriod = dPeriod;
    requirePeriod('stochrsi', 'rsiPeriod', rsiPeriod);
    requirePeriod('stochrsi', 'stochPeriod', stochPeriod);
    requirePeriod('stochrsi', 'k', kPeriod);
    requirePeriod('stochrsi', 'd', dPeriod);
    this.name = `stochrsi(${rsiPeriod},${stochPeriod},${kPeriod},${dPeriod})`;
    this.warmup = rsiPeriod + stochPeriod + kPeriod + dPeriod - 2;
    this.#rsi = new Rsi(rsiPeriod);
    this.#max = new RollingExtreme(stochPeriod, 'max');
    this.#min = new RollingExtreme(stochPeriod, 'min');
    this.#k = new Sma(kPeriod);
    this.#d = new Sma(dPeriod);
  }
  get isReady() {
    return this.#d.isReady;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const rsi = this.#rsi.update(input);
    if (!this.#rsi.isReady) return this.value;
    const hi = this.#max.update(rsi);
    const lo = this.#min.update(rsi);
    if (!this.#max.isReady) return this.value;
    const value = this.value;
    const k = this.#k.update(hi - lo <= STOCH_RSI_FLAT_RANGE ? 50 : (100 * (rsi - lo)) / (hi - lo));
    value.k = k;
    if (this.#k.isReady) value.d = this.#d.update(k);
    return value;
  }
  replace(input) {
    requireFiniteInput(this.name, input);
    const rsi = this.#rsi.replace(input);
    // Each stage was fed by the latest update exactly when the stage before it was ready.
    if (!this.#rsi.isReady) return this.value;
    const hi = this.#max.replace(rsi);
    const lo = this.#min.replace(rsi);
    if (!this.#max.isReady) return this.value;
    const value = this.value;
    const k = this.#k.replace(hi - lo <= STOCH_RSI_FLAT_RANGE ? 50 : (100 * (rsi - lo)) / (hi - lo));
    value.k = k;
    if (this.#k.isReady) value.d = this.#d.replace(k);
    return value;
  }
  reset() {
    this.#rsi.reset();
    this.#max.reset();
    this.#min.reset();
    this.#k.reset();
    this.#d.reset();
    this.value.k = this.value.d = NaN;
  }
}
//# sourceMappingURL=stoch-rsi.js.map
