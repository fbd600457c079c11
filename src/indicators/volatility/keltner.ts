import type { Candle, CandleIndicator } from '../indicator.js';
import { Ema } from '../trend/ema.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
import { requirePositive } from './arguments.js';
import { Atr } from './atr.js';

/** Keltner channel of the latest candle. */
export interface KeltnerValue {
  lower: number;
  middle: number;
  upper: number;
}

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
export class Keltner implements CandleIndicator<KeltnerValue> {
  readonly name: string;
  readonly warmup: number;
  readonly #ema: Ema;
  readonly #atr: Atr;
  readonly value: KeltnerValue = { lower: NaN, middle: NaN, upper: NaN };

  constructor(
    readonly period = 20,
    readonly multiplier = 2,
    readonly atrPeriod = 10,
  ) {
    requirePeriod('keltner', 'period', period);
    requirePositive('keltner', 'multiplier', multiplier);
    requirePeriod('keltner', 'atrPeriod', atrPeriod);
    this.name = `keltner(${period},${multiplier},${atrPeriod})`;
    this.warmup = Math.max(period, atrPeriod + 1);
    this.#ema = new Ema(period);
    this.#atr = new Atr(atrPeriod);
  }

  get isReady(): boolean {
    return this.#ema.isReady && this.#atr.isReady;
  }

  update(candle: Candle): KeltnerValue {
    requireValidCandle(this.name, candle);
    return this.#set(this.#ema.update(candle.close), this.#atr.update(candle));
  }

  replace(candle: Candle): KeltnerValue {
    requireValidCandle(this.name, candle);
    return this.#set(this.#ema.replace(candle.close), this.#atr.replace(candle));
  }

  reset(): void {
    this.#ema.reset();
    this.#atr.reset();
    this.value.lower = this.value.middle = this.value.upper = NaN;
  }

  #set(middle: number, atr: number): KeltnerValue {
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
