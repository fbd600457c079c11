import { TestClock, type Clock } from '../../core/clock.js';

/** Timer functions (injected so tests or hosts can replace them; default: Node's). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Events delivered between yields to the event loop in fast mode (so `stop` can get in). */
const FAST_BATCH = 2048;

/**
 * Delivers a time-ordered stream of items at their due times, measured from when {@link run}
 * starts. Two modes, chosen by the clock:
 *
 * - **Real time** (any clock but a TestClock, e.g. LiveClock): waits with timers; everything
 *   due is delivered at once when a timer fires.
 * - **As fast as possible** (a TestClock): sets the clock to each item's due time and delivers
 *   it immediately, so a run is deterministic and takes no wall time.
 *
 * `speed` divides the offsets (10 = ten times faster than recorded).
 */
export class Pacer {
  #stopped = false;
  #timer: unknown;
  #wake: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly speed = 1,
    private readonly timers: Timers = NODE_TIMERS,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be > 0, got ${speed}`);
  }

  /**
   * Delivers `items` (offsets µs from the start, non-decreasing) until they run out or
   * {@link stop} is called.
   */
  async run<T>(items: Iterator<T>, offsetUs: (item: T) => number, deliver: (item: T) => void): Promise<void> {
    const start = this.clock.timestampUs();
    const dueOf = (item: T): number => start + Math.round(offsetUs(item) / this.speed);
    const fast = this.clock instanceof TestClock ? this.clock : undefined;
    let next = items.next();
    while (!next.done && !this.#stopped) {
      if (fast !== undefined) {
        for (let n = 0; n < FAST_BATCH && !next.done && !this.#stopped; n++) {
          const due = dueOf(next.value);
          if (due > fast.timestampUs()) fast.setTime(due);
          deliver(next.value);
          next = items.next();
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      const now = this.clock.timestampUs();
      while (!next.done && !this.#stopped && dueOf(next.value) <= now) {
        deliver(next.value);
        next = items.next();
      }
      if (next.done || this.#stopped) break;
      await this.#sleep(Math.max(1, Math.ceil((dueOf(next.value) - now) / 1000)));
    }
  }

  /** Ends {@link run} promptly; nothing is delivered after this returns. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#wake?.();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = this.timers.setTimeout(() => {
        this.#timer = undefined;
        this.#wake = undefined;
        resolve();
      }, ms);
    });
  }
}
