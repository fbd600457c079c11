import type { ScalarIndicator } from '../indicator.js';

/**
 * Relative Strength Index (Wilder), 0–100. Average gain and loss are seeded with the
 * simple mean of the first `period` changes, then smoothed with α = 1/period — the
 * definition of Wilder (1978) and TTR's `RSI(maType = "EMA", wilder = TRUE)`.
 * Ready after `period + 1` inputs (`period` changes). All-gain windows give 100.
 */
export class Rsi implements ScalarIndicator {
  readonly name: string;
  readonly warmup: number;
  #previous = NaN;
  #changes = 0;
  #avgGain = 0;
  #avgLoss = 0;
  value = NaN;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`rsi period must be ≥ 1, got ${period}`);
    this.name = `rsi(${period})`;
    this.warmup = period + 1;
  }

  get isReady(): boolean {
    return this.#changes >= this.period;
  }

  update(input: number): number {
    const previous = this.#previous;
    this.#previous = input;
    if (Number.isNaN(previous)) return this.value;
    const change = input - previous;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const n = ++this.#changes;
    if (n <= this.period) {
      this.#avgGain += gain / this.period;
      this.#avgLoss += loss / this.period;
      if (n < this.period) return this.value;
    } else {
      this.#avgGain += (gain - this.#avgGain) / this.period;
      this.#avgLoss += (loss - this.#avgLoss) / this.period;
    }
    const total = this.#avgGain + this.#avgLoss;
    this.value = total === 0 ? 50 : (100 * this.#avgGain) / total;
    return this.value;
  }

  reset(): void {
    this.#previous = NaN;
    this.#changes = 0;
    this.#avgGain = 0;
    this.#avgLoss = 0;
    this.value = NaN;
  }
}
