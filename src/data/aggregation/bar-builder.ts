import { assertSafeInteger } from '../../core/assert.js';
import { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/**
 * The still-forming bar of an aggregator, as raw integers (no object per update). Prices are
 * at the aggregator's price precision and sizes at its size precision; the builder never
 * rescales, so OHLC are exactly the input prices and the volume their exact sum.
 */
export class BarBuilder {
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  /** Updates in the forming bar (0: nothing to build). */
  count = 0;
  /** Timestamps of the latest update (a partial bar's times; a threshold bar's close time). */
  lastTsEvent = 0;
  lastTsInit = 0;
  /** Close of the last bar built, for flat bars over empty intervals; undefined before the first. */
  lastClose: number | undefined = undefined;

  constructor(
    readonly instrumentId: InstrumentId,
    /** Decimals of the prices, -1 until the first update fixes it. */
    public pricePrecision: number,
    /** Decimals of the sizes, -1 until the first update fixes it. */
    public sizePrecision: number,
  ) {}

  update(price: number, size: number, tsEvent: number, tsInit: number): void {
    if (this.count === 0) {
      this.open = price;
      this.high = price;
      this.low = price;
    } else {
      if (price > this.high) this.high = price;
      if (price < this.low) this.low = price;
    }
    this.close = price;
    this.volume += size;
    // A sum past 2^53 would silently round: fail fast instead (corrupt sizes or a runaway bar).
    if (this.volume > Number.MAX_SAFE_INTEGER) assertSafeInteger(this.volume, 'bar volume raw');
    this.count++;
    this.lastTsEvent = tsEvent;
    this.lastTsInit = tsInit;
  }

  /** The forming bar as a {@link Bar}, without resetting. */
  peek(tsEvent: number, tsInit: number): Bar {
    return new Bar(
      this.instrumentId,
      this.open,
      this.high,
      this.low,
      this.close,
      this.pricePrecision,
      this.volume,
      this.sizePrecision,
      tsEvent,
      tsInit,
    );
  }

  /** Closes the forming bar: returns it and starts an empty one. */
  build(tsEvent: number, tsInit: number): Bar {
    const bar = this.peek(tsEvent, tsInit);
    this.lastClose = this.close;
    this.reset();
    return bar;
  }

  /** A bar with no updates: open = high = low = close = the last close, zero volume. */
  flat(lastClose: number, tsEvent: number, tsInit: number): Bar {
    return new Bar(
      this.instrumentId,
      lastClose,
      lastClose,
      lastClose,
      lastClose,
      this.pricePrecision,
      0,
      this.sizePrecision,
      tsEvent,
      tsInit,
    );
  }

  reset(): void {
    this.count = 0;
    this.volume = 0;
  }
}
