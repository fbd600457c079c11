import { RollingExtreme } from '../helpers/rolling-extreme.js';
import type { Candle, CandleIndicator } from '../indicator.js';
import { Sma } from '../trend/sma.js';
import { requirePeriod, requireValidCandle } from '../validation.js';

/** Fast %K, fast %D and slow %D of a stochastic oscillator, 0–100. */
export interface StochasticValue {
  /** Fast %K: where the close sits in the `k`-bar high–low range. */
  k: number;
  /** Fast %D = SMA(k, d) (also known as slow %K). */
  d: number;
  /** Slow %D = SMA(d, slowD). */
  slowD: number;
}

/**
 * Stochastic oscillator (Lane), 0–100: `k = 100·(C − LL)/(HH − LL)` with HH, LL the highest high
 * and lowest low of the last `k` candles (current one included), `d = SMA(k, d)`,
 * `slowD = SMA(d, slowD)`. TTR's `stoch(HLC, nFastK, nFastD, nSlowD)` on a 0..1 scale (×100
 * here). When HH == LL (a flat window) `k` is 50, the middle of the range; TTR yields NaN there.
 *
 * `k` is set from candle `k` on, `d` from `k + d − 1`, `slowD` from `k + d + slowD − 2`
 * (= `warmup`). O(1) amortized per update; `replace` is O(k) (the rolling extremes are rebuilt).
 */
export class Stochastic implements CandleIndicator<StochasticValue> {
  readonly name: string;
  readonly warmup: number;
  readonly value: StochasticValue = { k: NaN, d: NaN, slowD: NaN };
  readonly #high: RollingExtreme;
  readonly #low: RollingExtreme;
  readonly #d: Sma;
  readonly #slowD: Sma;

  constructor(
    readonly kPeriod = 14,
    readonly dPeriod = 3,
    readonly slowDPeriod = 3,
  ) {
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

  get isReady(): boolean {
    return this.#slowD.isReady;
  }

  update(candle: Candle): StochasticValue {
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

  replace(candle: Candle): StochasticValue {
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

  reset(): void {
    this.#high.reset();
    this.#low.reset();
    this.#d.reset();
    this.#slowD.reset();
    this.value.k = this.value.d = this.value.slowD = NaN;
  }
}
