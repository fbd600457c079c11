/**
 * A cumulative sum (OBV, the A/D lines) with Neumaier's compensated addition, so that the
 * total of millions of increments of mixed sign stays exact to the last bit or so.
 * `replaceLast` takes back the latest `add` and adds another increment instead.
 */
export class RunningTotal {
  #sum = 0;
  #comp = 0;
  // State before the latest add, for `replaceLast`.
  #prevSum = 0;
  #prevComp = 0;
  get value() {
    return this.#sum + this.#comp;
  }
  /** Adds an increment and returns the new total. */
  add(x) {
    this.#prevSum = this.#sum;
    this.#prevComp = this.#comp;
    return this.#add(x);
  }
  /** Undoes the latest `add` and adds `x` instead (call only after an `add`). */
  replaceLast(x) {
    this.#sum = this.#prevSum;
    this.#comp = this.#prevComp;
    return this.#add(x);
  }
  reset() {
    this.#sum = this.#comp = this.#prevSum = this.#prevComp = 0;
  }
  #add(x) {
    const s = this.#sum;
    const t = s + x;
    this.#comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.#sum = t;
    return t + this.#comp;
  }
}
//# sourceMappingURL=running-total.js.map
