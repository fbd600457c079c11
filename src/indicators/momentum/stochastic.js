import { RollingExtreme } from '../helpers/rolling-extreme.js';
import { Sma } from '../trend/sma.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
/**
 * Stochastic oscillator (Lane), 0–100: `k = 100·(C − LL)/(HH − LL)` with HH, LL the highest high
 * and lowest low of the last `k` candles (current one included), `d = SMA(k, d)`,
 * `slowD = SMA(d, slowD)`. TTR's `stoch(HLC, nFastK, nFastD, nSlowD)` on a 0..1 scale (×100
 * here). When HH == LL (a flat window) `k` is 50, the middle of the range; TTR yields NaN there.
 *
 * `k` is set from candle `k` on, `d` from `k + d − 1`, `slowD` from `k + d + slowD − 2`
 * (= `warmup`). O(1) amortized per update; `replace` is O(k) (the rolling extremes are rebuilt).
 */
export class Stochastic {
  kPeriod;
  dPeriod;
  slowDPeriod;
  name;
  warmup;
  value = { k: NaN, d: NaN, slowD: NaN };
  #high;
  #low;
  #d;
  #slowD;
  constructor(kPeriod = 14, dPeriod = 3, slowDPeriod = 3) {
    this.kPeriod = kPeriod;
    this.dPeriod = dPeriod;
    this.slowDPeriod = slowDPeriod;
    requirePeriod('stoch', 'k', kPeriod);
    requirePeriod('stoch', 'd', dPeriod);
    requirePeriod('stoch', 'slowD', slowDPeriod);
    this.name = `stoch(${kPeriod},${dPeriod},${slowDPeriod})`;
    this.warmup = kPeriod + dPeriod + slowDPeriod - 2;
    this.#high = new RollingExtreme(kPeriod, 'max');
    this.#low = new RollingExtreme(kPeriod, 'min');
    this.#d = new Sma(dPeriod);
    this.#slowD = new Sma(slowDPeriod);
  }
  get isReady() {
    return this.#slowD.isReady;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    const hh = this.#high.update(candle.high);
    const ll = this.#low.update(candle.low);
    if (!this.#high.isReady) return this.value;
    const value = this.value;
    const k = hh === ll ? 50 : (100 * (candle.close - ll)) / (hh - ll);
    value.k = k;
    const d = this.#d.update(k);
    value.d = d;
    if (this.#d.isReady) value.slowD = this.#slowD.update(d);
    return value;
  }
  replace(candle) {
    requireValidCandle(this.name, candle);
    const hh = this.#high.replace(candle.high);
    const ll = this.#low.replace(candle.low);
    // Each stage was fed by the latest update exactly when the stage before it was ready.
    if (!this.#high.isReady) return this.value;
    const value = this.value;
    const k = hh === ll ? 50 : (100 * (candle.close - ll)) / (hh - ll);
    value.k = k;
    const d = this.#d.replace(k);
    value.d = d;
    if (this.#d.isReady) value.slowD = this.#slowD.replace(d);
    return value;
  }
  reset() {
    this.#high.reset();
    this.#low.reset();
    this.#d.reset();
    this.#slowD.reset();
    this.value.k = this.value.d = this.value.slowD = NaN;
  }
}
//# sourceMappingURL=stochastic.js.map
