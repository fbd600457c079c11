/**
 * Sum of the last `period` values of a series, exact to rounding: the building block of rolling
 * sums (the `sum` indicator, MFI, CMF, VWAP). O(1) per value:
 *
 * - a ring buffer (`Float64Array`) and a running sum kept with Neumaier's compensated
 *   addition, so that adding a large value and later removing it leaves no rounding residue;
 * - the sum is rebuilt from the window each time the ring wraps (every `period` values),
 *   so that rounding cannot accumulate over millions of values;
 * - a count of the non-zero values in the window: a window of zeros sums to exactly 0 (the
 *   indicators test "no volume" and "no negative flow" with `=== 0`).
 *
 * `replaceLast` takes back the latest `push` and pushes another value instead — exactly
 * what `push` would have done — for an indicator's `replace`.
 */
export class WindowSum {
  period;
  #window;
  #pos = 0;
  #sum = 0;
  #comp = 0;
  #nonZero = 0;
  // State before the latest push, for `replaceLast`.
  #evicted = 0;
  #prevSum = 0;
  #prevComp = 0;
  #prevNonZero = 0;
  /** `period` must already be validated by the indicator (an integer ≥ 1). */
  constructor(period) {
    this.period = period;
    this.#window = new Float64Array(period);
  }
  /** Sum of the values in the window (of those pushed so far while filling); exactly 0 for a window of zeros. */
  get sum() {
    return this.#nonZero === 0 ? 0 : this.#sum + this.#comp;
  }
  /** Appends a value, evicting the one `period` values back. */
  push(x) {
    const window = this.#window;
    const pos = this.#pos;
    const old = window[pos];
    this.#evicted = old;
    this.#prevSum = this.#sum;
    this.#prevComp = this.#comp;
    this.#prevNonZero = this.#nonZero;
    window[pos] = x;
    this.#nonZero += (x === 0 ? 0 : 1) - (old === 0 ? 0 : 1);
    if (pos + 1 === window.length) {
      this.#pos = 0;
      this.#resum();
      return;
    }
    this.#pos = pos + 1;
    // Neumaier: s += x, then s -= old, carrying the rounding errors in `comp`.
    let s = this.#sum;
    let c = this.#comp;
    let t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
    t = s - old;
    c += Math.abs(s) >= Math.abs(old) ? s - t - old : -old - t + s;
    this.#sum = t;
    this.#comp = c;
  }
  /** Undoes the latest `push` and pushes `x` instead (call only after a `push`). */
  replaceLast(x) {
    const pos = this.#pos === 0 ? this.#window.length - 1 : this.#pos - 1;
    this.#window[pos] = this.#evicted;
    this.#pos = pos;
    this.#sum = this.#prevSum;
    this.#comp = this.#prevComp;
    this.#nonZero = this.#prevNonZero;
    this.push(x);
  }
  reset() {
    this.#window.fill(0);
    this.#pos = 0;
    this.#sum = this.#comp = this.#evicted = this.#prevSum = this.#prevComp = 0;
    this.#nonZero = this.#prevNonZero = 0;
  }
  #resum() {
    const window = this.#window;
    let s = 0;
    let c = 0;
    for (let i = 0; i < window.length; i++) {
      const x = window[i];
      const t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      s = t;
    }
    this.#sum = s;
    this.#comp = c;
  }
}
//# sourceMappingURL=window-sum.js.map
