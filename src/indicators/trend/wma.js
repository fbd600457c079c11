import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Linearly weighted moving average of the last `period` inputs (TTR `WMA(x, n)`): weights
 * 1..n, the oldest input in the window weighted 1 and the newest weighted n, divided by
 * n(n+1)/2. Ready after `period` inputs.
 *
 * O(1) per update: a running sum S and a running weighted sum W. When a new input x enters
 * and the oldest leaves, every remaining weight drops by one, so W' = W − S + n·x and
 * S' = S − oldest + x. Both are re-summed from the window every `period` updates so that
 * floating-point drift cannot accumulate.
 */
export class Wma {
  period;
  name;
  warmup;
  #window;
  #divisor;
  #sum = 0;
  #weighted = 0;
  #count = 0;
  /** Slot the next input goes to; the window is oldest-first starting here. */
  #pos = 0;
  // What the latest update started from, to redo it in `replace`.
  #evicted = 0;
  #sumBefore = 0;
  #weightedBefore = 0;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('wma', 'period', period);
    this.name = `wma(${period})`;
    this.warmup = period;
    this.#window = new Float64Array(period);
    this.#divisor = (period * (period + 1)) / 2;
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const pos = this.#pos;
    this.#evicted = this.#window[pos];
    this.#sumBefore = this.#sum;
    this.#weightedBefore = this.#weighted;
    this.#pos = pos + 1 === this.period ? 0 : pos + 1;
    this.#count++;
    return this.#apply(input, pos);
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    return this.#apply(input, this.#pos === 0 ? this.period - 1 : this.#pos - 1);
  }
  reset() {
    this.#window.fill(0);
    this.#sum = this.#weighted = this.#count = this.#pos = 0;
    this.#evicted = this.#sumBefore = this.#weightedBefore = 0;
    this.value = NaN;
  }
  /** Writes `input` into `slot` (the newest) from the state before the latest update. */
  #apply(input, slot) {
    const n = this.period;
    this.#window[slot] = input;
    if (slot === n - 1) {
      this.#resum();
    } else {
      // Before the window is full, the empty slots hold 0 and weigh nothing.
      this.#weighted = this.#weightedBefore - this.#sumBefore + n * input;
      this.#sum = this.#sumBefore + (input - this.#evicted);
    }
    if (this.#count >= n) this.value = this.#weighted / this.#divisor;
    return this.value;
  }
  /** Re-sums both sums from the window, which is in order (oldest at slot 0) right now. */
  #resum() {
    const window = this.#window;
    let sum = 0;
    let weighted = 0;
    for (let i = 0; i < window.length; i++) {
      const x = window[i];
      sum += x;
      weighted += (i + 1) * x;
    }
    this.#sum = sum;
    this.#weighted = weighted;
  }
}
//# sourceMappingURL=wma.js.map
