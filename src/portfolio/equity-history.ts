/** A point of the equity curve: the portfolio's equity (raw, at the account currency's precision) at a time. */
export interface EquityPoint {
  readonly timeUs: number;
  readonly equityRaw: number;
}

/** Settings of {@link EquityHistory}. */
export interface EquityHistoryOptions {
  /** Least time between two points, µs (default one second). */
  readonly intervalUs?: number;
  /** Points kept; the oldest go first (default 86,400: a day at one a second). */
  readonly capacity?: number;
}

/**
 * The equity curve of a running node, sampled on the node's own clock so that a replay gives
 * the same curve. Fixed memory: two typed arrays used as a ring, whatever the session's length.
 */
export class EquityHistory {
  readonly intervalUs: number;
  readonly capacity: number;
  readonly #times: Float64Array;
  readonly #equity: Float64Array;
  #start = 0;
  #size = 0;
  #nextDueUs = -Infinity;

  constructor(options: EquityHistoryOptions = {}) {
    this.intervalUs = options.intervalUs ?? 1_000_000;
    this.capacity = options.capacity ?? 86_400;
    if (!(this.intervalUs > 0) || !Number.isInteger(this.capacity) || this.capacity < 1)
      throw new RangeError(`EquityHistory: intervalUs must be > 0 and capacity a positive integer`);
    this.#times = new Float64Array(this.capacity);
    this.#equity = new Float64Array(this.capacity);
  }

  /** Points held. */
  get size(): number {
    return this.#size;
  }

  /** Offers the equity at `timeUs`; kept when at least one interval has passed since the last point. */
  record(timeUs: number, equityRaw: number): void {
    if (timeUs < this.#nextDueUs) return;
    this.#nextDueUs = timeUs + this.intervalUs;
    const at = (this.#start + this.#size) % this.capacity;
    this.#times[at] = timeUs;
    this.#equity[at] = equityRaw;
    if (this.#size < this.capacity) this.#size++;
    else this.#start = (this.#start + 1) % this.capacity;
  }

  /** The newest `limit` points at or after `sinceUs`, oldest first. */
  points(sinceUs = -Infinity, limit = Infinity): EquityPoint[] {
    // Times only grow, so the first point at or after `sinceUs` is found by binary search.
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#times[(this.#start + mid) % this.capacity]! < sinceUs) lo = mid + 1;
      else hi = mid;
    }
    const from = Math.max(lo, this.#size - Math.max(0, limit));
    const out: EquityPoint[] = [];
    for (let i = from; i < this.#size; i++) {
      const at = (this.#start + i) % this.capacity;
      out.push({ timeUs: this.#times[at]!, equityRaw: this.#equity[at]! });
    }
    return out;
  }
}
