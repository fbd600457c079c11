/**
 * Rolling maximum (or minimum) over the last `period` values in O(1) amortized time:
 * a monotonic deque of candidate indices kept in ring buffers.
 */
export class RollingExtreme {
  readonly #values: Float64Array;
  readonly #indices: Float64Array;
  #head = 0;
  #size = 0;
  #count = 0;

  constructor(
    readonly period: number,
    /** `max` keeps the largest value, `min` the smallest. */
    readonly kind: 'max' | 'min',
  ) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be ≥ 1, got ${period}`);
    this.#values = new Float64Array(period);
    this.#indices = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.#count >= this.period;
  }

  /** Current extreme (of the values seen so far while warming up). */
  get value(): number {
    return this.#size === 0 ? NaN : this.#values[this.#head];
  }

  update(value: number): number {
    const cap = this.period;
    const index = this.#count++;
    // Drop the front when it has left the window.
    if (this.#size > 0 && this.#indices[this.#head] <= index - cap) {
      this.#head = (this.#head + 1) % cap;
      this.#size--;
    }
    // Drop candidates from the back that the new value dominates.
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
    return this.#values[this.#head];
  }

  reset(): void {
    this.#head = 0;
    this.#size = 0;
    this.#count = 0;
  }
}
