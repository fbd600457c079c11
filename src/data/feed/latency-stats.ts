/**
 * Percentiles over the most recent `capacity` samples (a ring): feed health wants the latency
 * of now, not since start, and a fixed window keeps memory and the cost of a report bounded.
 */
export class LatencyStats {
  readonly #samples: Float64Array;
  #count = 0;
  #next = 0;

  constructor(capacity = 4096) {
    this.#samples = new Float64Array(capacity);
  }

  add(value: number): void {
    this.#samples[this.#next] = value;
    this.#next = (this.#next + 1) % this.#samples.length;
    if (this.#count < this.#samples.length) this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  /** The `q`-quantile (0..1, nearest rank) of the window, or undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.#count === 0) return undefined;
    const sorted = this.#samples.slice(0, this.#count).sort();
    const rank = Math.min(this.#count - 1, Math.max(0, Math.ceil(q * this.#count) - 1));
    return sorted[rank];
  }
}
