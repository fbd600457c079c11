import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Simple moving average of the last `period` inputs (TTR `SMA`). Ready after `period`
 * inputs. Keeps a running sum, re-summed from the window every `period` updates so that
 * floating-point drift cannot accumulate over millions of values.
 */
export class Sma {
  period;
  name;
  warmup;
  #window;
  #sum = 0;
  #count = 0;
  #pos = 0;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('sma', 'period', period);
    this.name = `sma(${period})`;
    this.warmup = period;
    this.#window = new Float64Array(period);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const window = this.#window;
    const pos = this.#pos;
    this.#sum += input - window[pos];
    window[pos] = input;
    this.#count++;
    const next = pos + 1 === this.period ? 0 : pos + 1;
    this.#pos = next;
    if (next === 0) this.#sum = windowTotal(this.#window);
    if (this.#count >= this.period) this.value = this.#sum / this.period;
    return this.value;
  }
  /**
   * Batch fast path (see {@link BatchFastPath}): `update`'s arithmetic, operation for
   * operation, with the state in locals — the object's fields are not reloaded and stored per
   * value, which doubles the batch rate. The state is written back even when an input is
   * rejected, so the indicator stands exactly where `update` would have left it.
   */
  updateEach(values, [out]) {
    const window = this.#window;
    const period = this.period;
    let sum = this.#sum;
    let count = this.#count;
    let pos = this.#pos;
    const n = values.length;
    try {
      for (let i = 0; i < n; i++) {
        const input = values[i];
        // The guard inline, the call only to throw: ~15% of the batch rate.
        if (input - input !== 0) requireFiniteInput(this.name, input);
        sum += input - window[pos];
        window[pos] = input;
        count++;
        pos = pos + 1 === period ? 0 : pos + 1;
        if (pos === 0) sum = windowTotal(window);
        out[i] = count >= period ? sum / period : NaN;
      }
    } finally {
      this.#sum = sum;
      this.#count = count;
      this.#pos = pos;
      if (count >= period) this.value = sum / period;
    }
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    // A forming bar is replaced far less often than bars arrive: re-summing the window,
    // O(period), keeps `update` free of bookkeeping for this rare case.
    const last = this.#pos === 0 ? this.period - 1 : this.#pos - 1;
    this.#window[last] = input;
    this.#sum = windowTotal(this.#window);
    if (this.#count >= this.period) this.value = this.#sum / this.period;
    return this.value;
  }
  reset() {
    this.#window.fill(0);
    this.#sum = 0;
    this.#count = 0;
    this.#pos = 0;
    this.value = NaN;
  }
}
/**
 * Sum of the window, with four independent partial sums: the adds overlap instead of waiting
 * on each other (a plain loop doubles the cost of the running sum's dependency chain).
 */
function windowTotal(window) {
  const n = window.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    a += window[i];
    b += window[i + 1];
    c += window[i + 2];
    d += window[i + 3];
  }
  for (; i < n; i++) a += window[i];
  return a + b + (c + d);
}
//# sourceMappingURL=sma.js.map
