/**
 * Time inside the kernel. Every component reads time from an injected `Clock`, never
 * from the wall clock, so a backtest replays bit for bit.
 *
 * Time is integer microseconds since the Unix epoch (exact in a JS number until 2255).
 */
export interface Clock {
  /** Current time in microseconds since the Unix epoch. */
  timestampUs(): number;
}

/** A clock that only moves when told to: the clock of backtests and tests. */
export class TestClock implements Clock {
  #now: number;

  constructor(startUs = 0) {
    this.#now = startUs;
  }

  timestampUs(): number {
    return this.#now;
  }

  /** Moves the clock to `timeUs`; time never runs backwards. */
  setTime(timeUs: number): void {
    if (timeUs < this.#now) {
      throw new RangeError(`TestClock cannot move backwards from ${this.#now} to ${timeUs}`);
    }
    this.#now = timeUs;
  }
}

/** The wall clock, for paper and live trading. The only place that reads it. */
export class LiveClock implements Clock {
  timestampUs(): number {
    return Date.now() * 1000;
  }
}

/** Microseconds per time unit, for readable arithmetic on timestamps. */
export const US = {
  MILLISECOND: 1_000,
  SECOND: 1_000_000,
  MINUTE: 60_000_000,
  HOUR: 3_600_000_000,
  DAY: 86_400_000_000,
} as const;

/** Formats a microsecond timestamp as ISO-8601 UTC (millisecond precision, plus microseconds when present). */
export function formatTimestampUs(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const micros = us - ms * 1000;
  return micros === 0 ? iso : `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}
