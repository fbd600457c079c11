import { requirePeriod } from '../validation.js';
/**
 * Rolling maximum (or minimum) over the last `period` values in O(1) amortized time:
 * a monotonic deque of candidate indices kept in ring buffers. `replace` rebuilds the
 * deque from the window, O(period), since the replaced value may have evicted candidates.
 */
export class RollingExtreme {
  period;
  kind;
  #values;
  #indices;
  /** The last `period` inputs, by index modulo period (to rebuild on `replace`). */
  #window;
  #head = 0;
  #size = 0;
  #count = 0;
  constructor(
    period,
    /** `max` keeps the largest value, `min` the smallest. */
    kind,
  ) {
    this.period = period;
    this.kind = kind;
    requirePeriod(`rolling-${kind}`, 'period', period);
    this.#values = new Float64Array(period);
    this.#indices = new Float64Array(period);
    this.#window = new Float64Array(period);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  /** Current extreme (of the values seen so far while warming up). */
  get value() {
    return this.#size === 0 ? NaN : this.#values[this.#head];
  }
  /** Index (0-based count of inputs) of the current extreme; the latest one on ties. */
  get index() {
    return this.#size === 0 ? -1 : this.#indices[this.#head];
  }
  update(value) {
    const index = this.#count++;
    this.#window[index % this.period] = value;
    this.#push(value, index);
    return this.#values[this.#head];
  }
  replace(value) {
    if (this.#count === 0) return this.update(value);
    const last = this.#count - 1;
    this.#window[last % this.period] = value;
    this.#head = 0;
    this.#size = 0;
    for (let i = Math.max(0, this.#count - this.period); i <= last; i++)
      this.#push(this.#window[i % this.period], i);
    return this.#values[this.#head];
  }
  reset() {
    this.#head = 0;
    this.#size = 0;
    this.#count = 0;
  }
  #push(value, index) {
    const cap = this.period;
    const values = this.#values;
    const indices = this.#indices;
    let head = this.#head;
    let size = this.#size;
    // Drop the front when it has left the window.
    if (size > 0 && indices[head] <= index - cap) {
      head = head + 1 === cap ? 0 : head + 1;
      size--;
    }
    // Drop candidates from the back that the new value dominates (ties: the latest wins).
    if (this.kind === 'max') {
      while (size > 0) {
        let back = head + size - 1;
        if (back >= cap) back -= cap;
        if (values[back] <= value) size--;
        else break;
      }
    } else {
      while (size > 0) {
        let back = head + size - 1;
        if (back >= cap) back -= cap;
        if (values[back] >= value) size--;
        else break;
      }
    }
    let slot = head + size;
    if (slot >= cap) slot -= cap;
    values[slot] = value;
    indices[slot] = index;
    this.#head = head;
    this.#size = size + 1;
  }
}
//# sourceMappingURL=rolling-extreme.js.map
