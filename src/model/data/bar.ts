import type { InstrumentId } from '../identifiers/instrument-id.js';
import { POW10 } from '../types/fixed-point.js';
import { Price } from '../types/price.js';
import { Quantity } from '../types/quantity.js';

const MINUTE_US = 60_000_000;

/**
 * An OHLCV bar. `tsEvent` labels the bar (the timestamp in the data); the engine delivers
 * a bar only once it is complete, so a strategy never sees a bar's prices before its time.
 *
 * Prices and volume are kept as raw integers inside the bar (one object per bar, no
 * pointers to chase: replaying millions of bars of many instruments stays in cache);
 * `open`, `high`, `low`, `close` and `volume` give them as exact {@link Price} and
 * {@link Quantity} values, `closeValue` and friends as plain numbers.
 */
export class Bar {
  /**
   * A bar from raw integers already checked by the caller (a loader or generator):
   * prices at `pricePrecision` decimals, volume at `sizePrecision`.
   */
  constructor(
    readonly instrumentId: InstrumentId,
    readonly openRaw: number,
    readonly highRaw: number,
    readonly lowRaw: number,
    readonly closeRaw: number,
    /** Decimals of the four prices. */
    readonly pricePrecision: number,
    readonly volumeRaw: number,
    /** Decimals of the volume. */
    readonly sizePrecision: number,
    tsEvent: number,
    tsInit: number,
  ) {
    // Timestamps are kept as (minute, µs within the minute): both small integers that V8
    // stores inside the object. A µs timestamp itself does not fit that representation and
    // would live in a separate heap box, a second memory access for every bar replayed.
    this.#eventMinute = Math.floor(tsEvent / MINUTE_US);
    this.#eventMicros = tsEvent - this.#eventMinute * MINUTE_US;
    this.#initMinute = Math.floor(tsInit / MINUTE_US);
    this.#initMicros = tsInit - this.#initMinute * MINUTE_US;
  }

  readonly #eventMinute: number;
  readonly #eventMicros: number;
  readonly #initMinute: number;
  readonly #initMicros: number;

  /** When the bar happened, µs since the epoch. */
  get tsEvent(): number {
    return this.#eventMinute * MINUTE_US + this.#eventMicros;
  }

  /** When the engine saw it, µs since the epoch (equal to `tsEvent` for historical data). */
  get tsInit(): number {
    return this.#initMinute * MINUTE_US + this.#initMicros;
  }

  /** A bar from exact values; prices of different precisions are brought to the finest. */
  static of(
    instrumentId: InstrumentId,
    open: Price,
    high: Price,
    low: Price,
    close: Price,
    volume: Quantity,
    tsEvent: number,
    tsInit: number,
  ): Bar {
    const p = Math.max(open.precision, high.precision, low.precision, close.precision);
    return new Bar(
      instrumentId,
      open.rawAt(p),
      high.rawAt(p),
      low.rawAt(p),
      close.rawAt(p),
      p,
      volume.raw,
      volume.precision,
      tsEvent,
      tsInit,
    );
  }

  get open(): Price {
    return Price.fromRaw(this.openRaw, this.pricePrecision);
  }
  get high(): Price {
    return Price.fromRaw(this.highRaw, this.pricePrecision);
  }
  get low(): Price {
    return Price.fromRaw(this.lowRaw, this.pricePrecision);
  }
  get close(): Price {
    return Price.fromRaw(this.closeRaw, this.pricePrecision);
  }
  get volume(): Quantity {
    return Quantity.fromRaw(this.volumeRaw, this.sizePrecision);
  }

  /** The open as a number (for analytics; exact decisions use the raw values). */
  get openValue(): number {
    return this.openRaw / POW10[this.pricePrecision];
  }
  get highValue(): number {
    return this.highRaw / POW10[this.pricePrecision];
  }
  get lowValue(): number {
    return this.lowRaw / POW10[this.pricePrecision];
  }
  get closeValue(): number {
    return this.closeRaw / POW10[this.pricePrecision];
  }
  get volumeValue(): number {
    return this.volumeRaw / POW10[this.sizePrecision];
  }
}

/**
 * Why OHLC values are inconsistent, or `undefined` when they are fine:
 * low ≤ open, close ≤ high.
 */
export function ohlcProblem(open: Price, high: Price, low: Price, close: Price): string | undefined {
  if (low.compare(high) > 0) return `low ${low} is above high ${high}`;
  if (open.compare(high) > 0) return `open ${open} is above high ${high}`;
  if (close.compare(high) > 0) return `close ${close} is above high ${high}`;
  if (open.compare(low) < 0) return `open ${open} is below low ${low}`;
  if (close.compare(low) < 0) return `close ${close} is below low ${low}`;
  return undefined;
}
