import { requirePeriod } from '../validation.js';

/**
 * Rolling maximum (or minimum) over the last `period` values in O(1) amortized time:
 * a monotonic deque of candidate indices kept in ring buffers. `replace` rebuilds the
 * deque from the window, O(period), since the replaced value may have evicted candidates.
 */
export class RollingExtreme {
  readonly #values: Float64Array;
  readonly #indices: Float64Array;
  /** The last `period` inputs, by index modulo period (to rebuild on `replace`). */
  readonly #window: Float64Array;
  #head = 0;
  #size = 0;
  #count = 0;

  constructor(
    readonly period: number,
    /** `max` keeps the largest value, `min` the smallest. */
    readonly kind: 'max' | 'min',
  ) {
    requirePeriod(`rolling-${kind}`, 'period', period);
    this.#values = new Float64Array(period);
    this.#indices = new Float64Array(period);
    this.#window = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.#count >= this.period;
  }

  /** Current extreme (of the values seen so far while warming up). */
  get value(): number {
    return this.#size === 0 ? NaN : this.#values[this.#head];
  }

  /** Index (0-based count of inputs) of the current extreme; the latest one on ties. */
  get index(): number {
    return this.#size === 0 ? -1 : this.#indices[this.#head];
  }

  update(value: number): number {
    const index = this.#count++;
    this.#window[index % this.period] = value;
    this.#push(value, index);
    return this.#values[this.#head];
  }

  replace(value: number): number {
    if (this.#count === 0) return this.update(value);
    const last = this.#count - 1;
    this.#window[last % this.period] = value;
    this.#head = 0;
    this.#size = 0;
    for (let i = Math.max(0, this.#count - this.period); i <= last; i++)
      this.#push(this.#window[i % this.period], i);
    return this.#values[this.#head];
  }

  reset(): void {
    this.#head = 0;
    this.#size = 0;
    this.#count = 0;
  }

  #push(value: number, index: number): void {
    const cap = this.period;
    // Drop the front when it has left the window.
    if (this.#size > 0 && this.#indices[this.#head] <= index - cap) {
      this.#head = (this.#head + 1) % cap;
      this.#size--;
    }
    // Drop candidates from the back that the new value dominates (ties: the latest wins).
    const max = this.kind === 'max';
    while (this.#size > 0) {
      const back = (this.#head + this.#size - 1) % cap;
      const v = this.#values[back];
      if (max ? v <= value : v >= value) this.#size--;
      else break;
    }
    const slot = (this.#head + this.#size) % cap;
    this.#values[slot] = value;
    this.#indices[slot] = index;
    this.#size++;
  }
}
