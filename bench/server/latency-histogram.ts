/**
 * A fixed-memory latency histogram (1 µs buckets to 10 ms, 100 µs buckets to 10 s): millions of
 * samples in a few hundred KB, percentiles exact to the bucket.
 */
const FINE_US = 10_000;
const COARSE_STEP_US = 100;
const COARSE_BUCKETS = 100_000;

export class LatencyHistogram {
  readonly #fine = new Float64Array(FINE_US);
  readonly #coarse = new Float64Array(COARSE_BUCKETS + 1);
  count = 0;
  maxUs = 0;

  record(us: number): void {
    const v = us < 0 ? 0 : us;
    this.count++;
    if (v > this.maxUs) this.maxUs = v;
    if (v < FINE_US) this.#fine[Math.floor(v)]!++;
    else this.#coarse[Math.min(COARSE_BUCKETS, Math.floor((v - FINE_US) / COARSE_STEP_US))]!++;
  }

  /** Adds another histogram's counts (from `toJSON`). */
  merge(other: { fine: number[]; coarse: number[]; count: number; maxUs: number }): void {
    for (let i = 0; i < other.fine.length; i++) this.#fine[i]! += other.fine[i]!;
    for (let i = 0; i < other.coarse.length; i++) this.#coarse[i]! += other.coarse[i]!;
    this.count += other.count;
    this.maxUs = Math.max(this.maxUs, other.maxUs);
  }

  /** The `p` quantile (0..1), µs (upper edge of its bucket). */
  quantile(p: number): number {
    if (this.count === 0) return 0;
    const target = Math.ceil(p * this.count);
    let seen = 0;
    for (let i = 0; i < FINE_US; i++) if ((seen += this.#fine[i]!) >= target) return i + 1;
    for (let i = 0; i <= COARSE_BUCKETS; i++)
      if ((seen += this.#coarse[i]!) >= target) return FINE_US + (i + 1) * COARSE_STEP_US;
    return this.maxUs;
  }

  toJSON(): { fine: number[]; coarse: number[]; count: number; maxUs: number } {
    return { fine: [...this.#fine], coarse: [...this.#coarse], count: this.count, maxUs: this.maxUs };
  }
}

/** Microseconds on the system-wide monotonic clock: comparable between processes of one machine. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
