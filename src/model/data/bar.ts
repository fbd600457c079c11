import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { Price } from '../types/price.js';
import type { Quantity } from '../types/quantity.js';

/**
 * An OHLCV bar. `tsEvent` labels the bar (the timestamp in the data); the engine delivers
 * a bar only once it is complete, so a strategy never sees a bar's prices before its time.
 */
export class Bar {
  constructor(
    readonly instrumentId: InstrumentId,
    readonly open: Price,
    readonly high: Price,
    readonly low: Price,
    readonly close: Price,
    readonly volume: Quantity,
    /** When the bar happened, µs since the epoch. */
    readonly tsEvent: number,
    /** When the engine saw it, µs since the epoch (equal to `tsEvent` for historical data). */
    readonly tsInit: number,
  ) {}
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
