import { Ema } from '../trend/ema.js';
import { requirePeriod, requireValidCandle } from '../validation.js';
/**
 * Wilder's directional movement index, exactly as TTR's `ADX(HLC, n)`:
 *
 * - dH = high − previous high, dL = previous low − low; +DM = dH if dH > dL and dH > 0, else 0;
 *   −DM = dL if dL > dH and dL > 0, else 0 (a tie dH = dL gives 0 to both). TR is the
 *   {@link TrueRange}. The first candle has none of them.
 * - Each of +DM, −DM and TR is summed with TTR's `wilderSum`: the first sum (at the `period`-th
 *   value) is x + (n−1)/n · (sum of the n−1 values before it), then S = x + (n−1)/n · S_prev.
 *   This is not the classic seed (a plain sum of n values); the difference decays as ((n−1)/n)^m.
 * - +DI = 100·S(+DM)/S(TR), −DI = 100·S(−DM)/S(TR), DX = 100·|+DI − −DI|/(+DI + −DI), from candle
 *   `period + 1`.
 * - ADX = Wilder average (α = 1/n) of DX seeded with the mean of the first n DX values: from
 *   candle 2·period (`warmup`).
 *
 * Where TTR would divide 0 by 0 (no range at all; no directional movement) the DIs and DX are 0.
 * Before `isReady` the fields fill in as they become available (DIs and DX at candle
 * `period + 1`, ADX at 2·period). O(1) per update; `replace` restores saved scalars and
 * delegates to the ADX average.
 */
export class Adx {
  period;
  name;
  warmup;
  /** n − 1: sums decay as (S·(n−1))/n, the same rounding as TTR. */
  #keep;
  #average;
  /** Number of directional-movement values seen (candles − 1). */
  #moves = 0;
  #high = NaN;
  #low = NaN;
  #close = NaN;
  #sumPlus = 0;
  #sumMinus = 0;
  #sumTr = 0;
  // State before the latest update, for `replace`.
  #highBefore = NaN;
  #lowBefore = NaN;
  #closeBefore = NaN;
  #sumPlusBefore = 0;
  #sumMinusBefore = 0;
  #sumTrBefore = 0;
  value = { adx: NaN, plusDi: NaN, minusDi: NaN, dx: NaN };
  constructor(period = 14) {
    this.period = period;
    requirePeriod('adx', 'period', period);
    this.name = `adx(${period})`;
    this.warmup = 2 * period;
    this.#keep = period - 1;
    this.#average = new Ema(period, true);
  }
  get isReady() {
    return this.#average.isReady;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    this.#highBefore = this.#high;
    this.#lowBefore = this.#low;
    this.#closeBefore = this.#close;
    this.#sumPlusBefore = this.#sumPlus;
    this.#sumMinusBefore = this.#sumMinus;
    this.#sumTrBefore = this.#sumTr;
    const first = this.#high !== this.#high;
    if (!first) this.#moves++;
    return this.#apply(candle, first, false);
  }
  replace(candle) {
    if (this.#high !== this.#high) return this.update(candle);
    requireValidCandle(this.name, candle);
    this.#high = this.#highBefore;
    this.#low = this.#lowBefore;
    this.#close = this.#closeBefore;
    this.#sumPlus = this.#sumPlusBefore;
    this.#sumMinus = this.#sumMinusBefore;
    this.#sumTr = this.#sumTrBefore;
    return this.#apply(candle, this.#moves === 0, true);
  }
  reset() {
    this.#average.reset();
    this.#moves = 0;
    this.#high = this.#low = this.#close = this.#highBefore = this.#lowBefore = this.#closeBefore = NaN;
    this.#sumPlus = this.#sumMinus = this.#sumTr = 0;
    this.#sumPlusBefore = this.#sumMinusBefore = this.#sumTrBefore = 0;
    const v = this.value;
    v.adx = v.plusDi = v.minusDi = v.dx = NaN;
  }
  #apply(candle, first, replacing) {
    const high = candle.high;
    const low = candle.low;
    const prevHigh = this.#high;
    const prevLow = this.#low;
    const prevClose = this.#close;
    this.#high = high;
    this.#low = low;
    this.#close = candle.close;
    if (first) return this.value;
    const up = high - prevHigh;
    const down = prevLow - low;
    const plus = up > down && up > 0 ? up : 0;
    const minus = down > up && down > 0 ? down : 0;
    const trueHigh = high > prevClose ? high : prevClose;
    const trueLow = low < prevClose ? low : prevClose;
    const tr = trueHigh - trueLow;
    const m = this.#moves;
    const period = this.period;
    if (m < period) {
      // wilderSum seed: the raw sum of the first n − 1 values; the n-th value then adds (n−1)/n of it.
      this.#sumPlus += plus;
      this.#sumMinus += minus;
      this.#sumTr += tr;
      return this.value;
    }
    const keep = this.#keep;
    const sumPlus = (this.#sumPlus = plus + (this.#sumPlus * keep) / period);
    const sumMinus = (this.#sumMinus = minus + (this.#sumMinus * keep) / period);
    const sumTr = (this.#sumTr = tr + (this.#sumTr * keep) / period);
    const v = this.value;
    const plusDi = sumTr === 0 ? 0 : (100 * sumPlus) / sumTr;
    const minusDi = sumTr === 0 ? 0 : (100 * sumMinus) / sumTr;
    const total = plusDi + minusDi;
    const dx = total === 0 ? 0 : 100 * (Math.abs(plusDi - minusDi) / total);
    v.plusDi = plusDi;
    v.minusDi = minusDi;
    v.dx = dx;
    const average = this.#average;
    const adx = replacing ? average.replace(dx) : average.update(dx);
    if (average.isReady) v.adx = adx;
    return v;
  }
}
//# sourceMappingURL=adx.js.map
