import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { BarAggregator, type BarAggregatorOptions, type BarHandler } from './bar-aggregator.js';
import type { BarSpec } from './bar-spec.js';

/** Options of time bars. */
export interface TimeBarOptions extends BarAggregatorOptions {
  /**
   * An interval without updates (default `'skip'`): `'skip'` emits nothing for it; `'carry'`
   * emits a flat bar at the previous close with zero volume (none before the first update,
   * as there is no close to carry).
   */
  readonly emptyBars?: 'skip' | 'carry';
  /**
   * An update timestamped before the current bar's start (its bar already closed), default
   * `'drop'`: `'drop'` ignores it; `'fold'` adds it to the current bar as if it had just
   * happened (it may set the open, high, low and close). Either way it is counted in
   * {@link TimeBarAggregator.lateCount}.
   */
  readonly lateTicks?: 'drop' | 'fold';
}

/**
 * Time bars: bar `k` covers `[k × step, (k + 1) × step)` µs since the epoch, so a 1m bar
 * covers [12:00:00, 12:01:00) and every bar length that divides a day starts one at 00:00 UTC.
 * A bar's `tsEvent` is its end (its close time).
 *
 * A bar closes when time reaches its end: either an update timestamped at or after the end
 * arrives, or {@link advanceTime} is called with a time at or after the end (the kernel's
 * timer, so a bar closes on time even when no trade comes). `tsInit` of a closed bar is the
 * time that closed it: `advanceTime`'s argument, or the `tsInit` of the update that did.
 *
 * Within the current bar, updates are taken in arrival order (the close is the last one
 * received, even if an earlier timestamp arrives after a later one).
 */
export class TimeBarAggregator extends BarAggregator {
  readonly stepUs: number;
  readonly #carry: boolean;
  readonly #fold: boolean;
  /** Current bar's interval; `#started` false until the first update or `advanceTime`. */
  #start = 0;
  #end = 0;
  #started = false;
  #late = 0;

  constructor(instrumentId: InstrumentId, spec: BarSpec, onBar: BarHandler, options: TimeBarOptions = {}) {
    super(instrumentId, spec, onBar, options);
    if (spec.kind !== 'time') throw new RangeError(`TimeBarAggregator needs a time spec, got ${spec.kind}`);
    this.stepUs = spec.stepUs;
    this.#carry = (options.emptyBars ?? 'skip') === 'carry';
    this.#fold = (options.lateTicks ?? 'drop') === 'fold';
  }

  /** Updates that arrived after their bar had closed (dropped or folded, per `lateTicks`). */
  get lateCount(): number {
    return this.#late;
  }

  /** End of the forming bar, µs: when the kernel should next call {@link advanceTime}; undefined before any time is known. */
  get nextCloseUs(): number | undefined {
    return this.#started ? this.#end : undefined;
  }

  override advanceTime(tsUs: number): void {
    if (!this.#started) {
      this.#open(tsUs);
      return;
    }
    // Time that runs backwards (a wall clock stepped by NTP) closes nothing.
    if (tsUs >= this.#end) this.#closeThrough(tsUs, tsUs);
  }

  /**
   * The forming bar with `tsEvent` = its end, or undefined when it has no update yet (an
   * empty interval has no partial bar even with `emptyBars: 'carry'`).
   */
  partial(): Bar | undefined {
    const b = this.builder;
    return b.count === 0 ? undefined : b.peek(this.#end, b.lastTsInit);
  }

  protected update(price: number, size: number, tsEvent: number, tsInit: number): void {
    if (!this.#started) {
      this.#open(tsEvent);
    } else if (tsEvent >= this.#end) {
      this.#closeThrough(tsEvent, tsInit);
    } else if (tsEvent < this.#start) {
      this.#late++;
      if (!this.#fold) return;
    }
    this.builder.update(price, size, tsEvent, tsInit);
  }

  #open(tsUs: number): void {
    this.#start = Math.floor(tsUs / this.stepUs) * this.stepUs;
    this.#end = this.#start + this.stepUs;
    this.#started = true;
  }

  /** Closes every bar that ends at or before `tsUs` (`tsUs ≥ #end`), leaving the bar containing `tsUs` open. */
  #closeThrough(tsUs: number, tsInit: number): void {
    const b = this.builder;
    if (b.count > 0) {
      this.onBar(b.build(this.#end, tsInit));
    } else if (this.#carry && b.lastClose !== undefined) {
      this.onBar(b.flat(b.lastClose, this.#end, tsInit));
    }
    if (this.#carry && b.lastClose !== undefined) {
      // One flat bar per empty interval in between: what a chart of this instrument shows.
      for (let end = this.#end + this.stepUs; end <= tsUs; end += this.stepUs) {
        this.onBar(b.flat(b.lastClose, end, tsInit));
      }
    }
    this.#open(tsUs);
  }
}
