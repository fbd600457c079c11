import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Relative Strength Index (Wilder), 0–100. Average gain and loss are seeded with the
 * simple mean of the first `period` changes, then smoothed with α = 1/period — the
 * definition of Wilder (1978) and TTR's `RSI(n)` (EMA with `wilder = TRUE`).
 * Ready after `period + 1` inputs (`period` changes). A window without any change gives 50.
 */
export class Rsi {
  period;
  name;
  warmup;
  #previous = NaN;
  #changes = 0;
  #avgGain = 0;
  #avgLoss = 0;
  // State before the latest update, for `replace`.
  #prevPrevious = NaN;
  #prevAvgGain = 0;
  #prevAvgLoss = 0;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('rsi', 'period', period);
    this.name = `rsi(${period})`;
    this.warmup = period + 1;
  }
  get isReady() {
    return this.#changes >= this.period;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    this.#prevPrevious = this.#previous;
    this.#prevAvgGain = this.#avgGain;
    this.#prevAvgLoss = this.#avgLoss;
    const previous = this.#previous;
    this.#previous = input;
    if (previous !== previous) return this.value; // the first input has no change
    return this.#apply(input - previous, ++this.#changes);
  }
  /** Batch fast path (see {@link BatchFastPath}). */
  updateEach(values, [out]) {
    for (let i = 0; i < values.length; i++) {
      const v = this.update(values[i]);
      out[i] = this.isReady ? v : NaN;
    }
  }
  replace(input) {
    if (this.#previous !== this.#previous) return this.update(input);
    requireFiniteInput(this.name, input);
    this.#previous = input;
    this.#avgGain = this.#prevAvgGain;
    this.#avgLoss = this.#prevAvgLoss;
    if (this.#prevPrevious !== this.#prevPrevious) return this.value;
    return this.#apply(input - this.#prevPrevious, this.#changes);
  }
  reset() {
    this.#previous = this.#prevPrevious = NaN;
    this.#changes = 0;
    this.#avgGain = this.#avgLoss = this.#prevAvgGain = this.#prevAvgLoss = 0;
    this.value = NaN;
  }
  /** Folds the `n`-th change into the averages. */
  #apply(change, n) {
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const period = this.period;
    if (n <= period) {
      // Seed: the simple mean of the first `period` gains and losses.
      this.#avgGain += gain / period;
      this.#avgLoss += loss / period;
      if (n < period) return this.value;
    } else {
      this.#avgGain += (gain - this.#avgGain) / period;
      this.#avgLoss += (loss - this.#avgLoss) / period;
    }
    const total = this.#avgGain + this.#avgLoss;
    // gain / total first: exactly 1 when there are no losses, so a rising series gives exactly 100.
    this.value = total === 0 ? 50 : 100 * (this.#avgGain / total);
    return this.value;
  }
}
//# sourceMappingURL=rsi.js.map
