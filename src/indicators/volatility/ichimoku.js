import { RollingExtreme } from '../helpers/rolling-extreme.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
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
export class Ichimoku {
  tenkan;
  kijun;
  senkouB;
  name;
  warmup;
  /** How far ahead the senkou spans (and how far back the chikou) are meant to be drawn. */
  displacement;
  #tenkanHigh;
  #tenkanLow;
  #kijunHigh;
  #kijunLow;
  #spanHigh;
  #spanLow;
  #count = 0;
  value = { tenkan: NaN, kijun: NaN, senkouA: NaN, senkouB: NaN, chikou: NaN };
  constructor(tenkan = 9, kijun = 26, senkouB = 52) {
    this.tenkan = tenkan;
    this.kijun = kijun;
    this.senkouB = senkouB;
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
  get isReady() {
    return this.#count >= this.warmup;
  }
  update(candle) {
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
  replace(candle) {
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
  reset() {
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
  #set(tenkanHigh, tenkanLow, kijunHigh, kijunLow, spanHigh, spanLow, close) {
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
//# sourceMappingURL=ichimoku.js.map
