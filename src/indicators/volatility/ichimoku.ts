import { RollingExtreme } from '../helpers/rolling-extreme.js';
import type { Candle, CandleIndicator } from '../indicator.js';
import { requirePeriod, requireValidCandle } from '../validation.js';

/**
 * Ichimoku lines computed at the latest candle — **unshifted** (see {@link Ichimoku}).
 */
export interface IchimokuValue {
  /** Conversion line: (highest high + lowest low)/2 over the last `tenkan` candles. */
  tenkan: number;
  /** Base line: (highest high + lowest low)/2 over the last `kijun` candles. */
  kijun: number;
  /** Leading span A: (tenkan + kijun)/2, computed now, plotted `displacement` candles ahead. */
  senkouA: number;
  /** Leading span B: (highest high + lowest low)/2 over `senkouB` candles, plotted ahead. */
  senkouB: number;
  /** Lagging span: the current close, plotted `displacement` candles back. */
  chikou: number;
}

/**
 * Ichimoku Kinko Hyo (Hosoda): tenkan 9, kijun 26, senkou B 52 by default; every window
 * includes the current candle.
 *
 * **Displacement in a stream.** A streaming indicator cannot write into the past or the
 * future, so every field is the value *computed at the latest candle* and nothing is shifted:
 * `senkouA` and `senkouB` computed at candle t form the cloud drawn at candle
 * t + `displacement` (`displacement` = kijun = 26 by default; charting tools that count the
 * current candle as the first of the 26, like TradingView, draw it at t + 25), and `chikou`
 * is simply the close of candle t, drawn at t − `displacement`. To compare the price with the
 * cloud that applies *now*, keep the last `displacement` senkou values (or run the series with
 * a delay) — that is the caller's choice of convention.
 *
 * Each field fills in as soon as its own window is full (chikou at once, tenkan after
 * `tenkan` candles, ...); `isReady` once all are, after max(tenkan, kijun, senkouB) candles.
 * O(1) amortized per update (monotonic deques); `replace` is O(senkouB): the deques are rebuilt.
 */
export class Ichimoku implements CandleIndicator<IchimokuValue> {
  readonly name: string;
  readonly warmup: number;
  /** How far ahead the senkou spans (and how far back the chikou) are meant to be drawn. */
  readonly displacement: number;
  readonly #tenkanHigh: RollingExtreme;
  readonly #tenkanLow: RollingExtreme;
  readonly #kijunHigh: RollingExtreme;
  readonly #kijunLow: RollingExtreme;
  readonly #spanHigh: RollingExtreme;
  readonly #spanLow: RollingExtreme;
  #count = 0;
  readonly value: IchimokuValue = { tenkan: NaN, kijun: NaN, senkouA: NaN, senkouB: NaN, chikou: NaN };

  constructor(
    readonly tenkan = 9,
    readonly kijun = 26,
    readonly senkouB = 52,
  ) {
    requirePeriod('ichimoku', 'tenkan', tenkan);
    requirePeriod('ichimoku', 'kijun', kijun);
    requirePeriod('ichimoku', 'senkouB', senkouB);
    this.name = `ichimoku(${tenkan},${kijun},${senkouB})`;
    this.warmup = Math.max(tenkan, kijun, senkouB);
    this.displacement = kijun;
    this.#tenkanHigh = new RollingExtreme(tenkan, 'max');
    this.#tenkanLow = new RollingExtreme(tenkan, 'min');
    this.#kijunHigh = new RollingExtreme(kijun, 'max');
    this.#kijunLow = new RollingExtreme(kijun, 'min');
    this.#spanHigh = new RollingExtreme(senkouB, 'max');
    this.#spanLow = new RollingExtreme(senkouB, 'min');
  }

  get isReady(): boolean {
    return this.#count >= this.warmup;
  }

  update(candle: Candle): IchimokuValue {
    requireValidCandle(this.name, candle);
    this.#count++;
    const high = candle.high;
    const low = candle.low;
    return this.#set(
      this.#tenkanHigh.update(high),
      this.#tenkanLow.update(low),
      this.#kijunHigh.update(high),
      this.#kijunLow.update(low),
      this.#spanHigh.update(high),
      this.#spanLow.update(low),
      candle.close,
    );
  }

  replace(candle: Candle): IchimokuValue {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    const high = candle.high;
    const low = candle.low;
    return this.#set(
      this.#tenkanHigh.replace(high),
      this.#tenkanLow.replace(low),
      this.#kijunHigh.replace(high),
      this.#kijunLow.replace(low),
      this.#spanHigh.replace(high),
      this.#spanLow.replace(low),
      candle.close,
    );
  }

  reset(): void {
    this.#tenkanHigh.reset();
    this.#tenkanLow.reset();
    this.#kijunHigh.reset();
    this.#kijunLow.reset();
    this.#spanHigh.reset();
    this.#spanLow.reset();
    this.#count = 0;
    const v = this.value;
    v.tenkan = v.kijun = v.senkouA = v.senkouB = v.chikou = NaN;
  }

  #set(
    tenkanHigh: number,
    tenkanLow: number,
    kijunHigh: number,
    kijunLow: number,
    spanHigh: number,
    spanLow: number,
    close: number,
  ): IchimokuValue {
    const v = this.value;
    const count = this.#count;
    v.chikou = close;
    if (count >= this.tenkan) v.tenkan = (tenkanHigh + tenkanLow) / 2;
    if (count >= this.kijun) v.kijun = (kijunHigh + kijunLow) / 2;
    if (count >= this.tenkan && count >= this.kijun) v.senkouA = (v.tenkan + v.kijun) / 2;
    if (count >= this.senkouB) v.senkouB = (spanHigh + spanLow) / 2;
    return v;
  }
}
