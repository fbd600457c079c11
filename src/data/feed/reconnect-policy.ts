import type { SeededRandom } from '../../core/random.js';

/** Settings of {@link ReconnectPolicy}; times in µs. */
export interface ReconnectOptions {
  /** Delay before the first retry (default 500 ms). */
  readonly initialDelayUs?: number;
  /** Ceiling of the delay (default 30 s). */
  readonly maxDelayUs?: number;
  /** Growth per attempt (default 2). */
  readonly factor?: number;
  /**
   * Fraction of the delay that is random (default 0.5): the delay is drawn uniformly from
   * `[d·(1 − jitter), d]`. Jitter keeps many clients that lost the same venue from reconnecting
   * in lockstep; keeping part of the delay fixed keeps the backoff meaningful.
   */
  readonly jitter?: number;
  /** Attempts before giving up (default: never give up). */
  readonly maxAttempts?: number;
}

/**
 * Exponential backoff with jitter for reconnecting a feed. The random source is injected so
 * the sequence of delays is deterministic in tests.
 */
export class ReconnectPolicy {
  readonly #initial: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #jitter: number;
  readonly #maxAttempts: number;
  #attempt = 0;

  constructor(
    private readonly random: SeededRandom,
    options: ReconnectOptions = {},
  ) {
    this.#initial = options.initialDelayUs ?? 500_000;
    this.#max = options.maxDelayUs ?? 30_000_000;
    this.#factor = options.factor ?? 2;
    this.#jitter = options.jitter ?? 0.5;
    this.#maxAttempts = options.maxAttempts ?? Infinity;
    if (!(this.#initial > 0 && this.#max >= this.#initial && this.#factor >= 1))
      throw new RangeError('ReconnectPolicy: need 0 < initialDelayUs ≤ maxDelayUs and factor ≥ 1');
    if (!(this.#jitter >= 0 && this.#jitter <= 1)) throw new RangeError('ReconnectPolicy: jitter must be 0..1');
  }

  /** Failed attempts since the last {@link reset}. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The wait (integer µs) before the next attempt, or `undefined` when attempts are exhausted. */
  nextDelayUs(): number | undefined {
    if (this.#attempt >= this.#maxAttempts) return undefined;
    const base = Math.min(this.#max, this.#initial * this.#factor ** this.#attempt);
    this.#attempt++;
    return Math.round(base * (1 - this.#jitter * this.random.next()));
  }

  /** Call once connected (and subscribed): the next drop starts from the initial delay again. */
  reset(): void {
    this.#attempt = 0;
  }
}
