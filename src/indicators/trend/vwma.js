import { requirePeriod, requireValidCandle } from '../validation.js';
/**
 * Volume-weighted moving average of closes over the last `period` candles:
 * Σ(close·volume) / Σvolume. The same formula as TTR's `VWMA(price, volume, n)` and
 * `VWAP(price, volume, n)` (a rolling volume-weighted close, not a session VWAP). Ready after
 * `period` candles.
 *
 * A window whose volumes are all zero has no volume weighting; it then gives the plain mean
 * of its closes (the limit of equal tiny volumes) instead of 0/0, summed from the window
 * (O(period), only for such windows). Whether the window has any volume is decided by an
 * exact count of non-zero volumes, not by the rounded running sum.
 *
 * O(1) per update: running sums over ring buffers, re-summed every `period` updates against
 * drift — and also as soon as the sums have shrunk so much since the last re-sum that their
 * rounding could matter (volumes collapsing from 10^6 to 1, say): each running sum tracks
 * Σ|operands| since its last re-sum, a bound on its rounding error over machine ε, and both
 * are re-summed when that exceeds 2^10 times the sum itself (relative error ≲ 2^10·ε ≈
 * 2e-13; for the weighted sum of closes of both signs, 2^10 times Σvolume·|newest close|).
 */
export class Vwma {
  period;
  name;
  warmup;
  #closes;
  #volumes;
  #weighted;
  #volumeSum = 0;
  #weightedSum = 0;
  /** How many volumes in the window are not zero. */
  #nonZero = 0;
  /** Σ|operands| of the running weighted and volume sums since their last re-sum. */
  #weightedError = 0;
  #volumeError = 0;
  #count = 0;
  /** Slot the next candle goes to. */
  #pos = 0;
  // State before the latest update, for `replace`.
  #volumeSumBefore = 0;
  #weightedSumBefore = 0;
  #nonZeroBefore = 0;
  #weightedErrorBefore = 0;
  #volumeErrorBefore = 0;
  #evictedVolume = 0;
  #evictedWeighted = 0;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('vwma', 'period', period);
    this.name = `vwma(${period})`;
    this.warmup = period;
    this.#closes = new Float64Array(period);
    this.#volumes = new Float64Array(period);
    this.#weighted = new Float64Array(period);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    const pos = this.#pos;
    this.#volumeSumBefore = this.#volumeSum;
    this.#weightedSumBefore = this.#weightedSum;
    this.#nonZeroBefore = this.#nonZero;
    this.#weightedErrorBefore = this.#weightedError;
    this.#volumeErrorBefore = this.#volumeError;
    this.#evictedVolume = this.#volumes[pos];
    this.#evictedWeighted = this.#weighted[pos];
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    this.#count++;
    return this.#apply(candle.close, candle.volume, pos);
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    return this.#apply(candle.close, candle.volume, this.#pos === 0 ? this.period - 1 : this.#pos - 1);
  }
  reset() {
    this.#closes.fill(0);
    this.#volumes.fill(0);
    this.#weighted.fill(0);
    this.#volumeSum = this.#weightedSum = this.#nonZero = this.#count = this.#pos = 0;
    this.#volumeSumBefore = this.#weightedSumBefore = this.#nonZeroBefore = 0;
    this.#weightedError = this.#volumeError = this.#weightedErrorBefore = this.#volumeErrorBefore = 0;
    this.#evictedVolume = this.#evictedWeighted = 0;
    this.value = NaN;
  }
  /** Writes the newest candle into `slot`, from the state before the latest update. */
  #apply(close, volume, slot) {
    const n = this.period;
    const weighted = close * volume;
    this.#closes[slot] = close;
    this.#volumes[slot] = volume;
    this.#weighted[slot] = weighted;
    this.#nonZero = this.#nonZeroBefore + (volume !== 0 ? 1 : 0) - (this.#evictedVolume !== 0 ? 1 : 0);
    if (slot === n - 1) {
      this.#resum();
    } else {
      const evictedWeighted = this.#evictedWeighted;
      const evictedVolume = this.#evictedVolume;
      const weightedSum = this.#weightedSumBefore + (weighted - evictedWeighted);
      const volumeSum = this.#volumeSumBefore + (volume - evictedVolume);
      this.#weightedSum = weightedSum;
      this.#volumeSum = volumeSum;
      const absWeighted = weightedSum < 0 ? -weightedSum : weightedSum;
      const weightedError = (this.#weightedError =
        this.#weightedErrorBefore + absWeighted + (evictedWeighted < 0 ? -evictedWeighted : evictedWeighted));
      const volumeError = (this.#volumeError = this.#volumeErrorBefore + volumeSum + evictedVolume);
      // Heavy cancellation since the last re-sum (or a volume sum rounded to ≤ 0): re-sum. The
      // weighted sum is judged against its own size or, for closes of both signs whose
      // products cancel, against the newest close's scale (Σvolume·|close|).
      const scale = absWeighted + volumeSum * (close < 0 ? -close : close);
      if (weightedError > scale * 1024 || volumeError > volumeSum * 1024) this.#resum();
    }
    if (this.#count >= n) {
      this.value = this.#nonZero > 0 ? this.#weightedSum / this.#volumeSum : this.#meanClose();
    }
    return this.value;
  }
  /** Sums the window from scratch. */
  #resum() {
    let volumeSum = 0;
    let weightedSum = 0;
    for (let i = 0; i < this.period; i++) {
      volumeSum += this.#volumes[i];
      weightedSum += this.#weighted[i];
    }
    this.#volumeSum = volumeSum;
    this.#weightedSum = weightedSum;
    this.#weightedError = weightedSum < 0 ? -weightedSum : weightedSum;
    this.#volumeError = volumeSum;
  }
  /** The plain mean of the closes in the window: O(period), only for windows without volume. */
  #meanClose() {
    let sum = 0;
    for (let i = 0; i < this.period; i++) sum += this.#closes[i];
    return sum / this.period;
  }
}
//# sourceMappingURL=vwma.js.map
