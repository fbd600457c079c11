import { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/**
 * Bars of one instrument as parallel columns, in strictly increasing `tsEvent` order: the shape
 * the catalog stores and reads fastest. Prices and volumes are raw integers (exact in a float64
 * up to 2^53) at the row's precision; timestamps are µs since the epoch.
 */
export interface BarColumns {
  readonly instrumentId: InstrumentId;
  readonly length: number;
  readonly tsEvent: Float64Array;
  readonly tsInit: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Decimals of the four prices, per row. */
  readonly pricePrecision: Uint8Array;
  /** Decimals of the volume, per row. */
  readonly sizePrecision: Uint8Array;
}

/** Empty columns with room for `length` rows (all zero). */
export function allocateBarColumns(instrumentId: InstrumentId, length: number): BarColumns {
  return {
    instrumentId,
    length,
    tsEvent: new Float64Array(length),
    tsInit: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
    pricePrecision: new Uint8Array(length),
    sizePrecision: new Uint8Array(length),
  };
}

/**
 * The columns of `bars`, which must all be of `instrumentId`.
 *
 * @throws RangeError when a bar is of another instrument
 */
export function barColumnsOf(instrumentId: InstrumentId, bars: readonly Bar[]): BarColumns {
  const c = allocateBarColumns(instrumentId, bars.length);
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i];
    if (bar.instrumentId !== instrumentId) {
      throw new RangeError(`bar ${i} is of ${bar.instrumentId}, expected ${instrumentId}`);
    }
    c.tsEvent[i] = bar.tsEvent;
    c.tsInit[i] = bar.tsInit;
    c.open[i] = bar.openRaw;
    c.high[i] = bar.highRaw;
    c.low[i] = bar.lowRaw;
    c.close[i] = bar.closeRaw;
    c.volume[i] = bar.volumeRaw;
    c.pricePrecision[i] = bar.pricePrecision;
    c.sizePrecision[i] = bar.sizePrecision;
  }
  return c;
}

/** The rows of `columns` as {@link Bar} objects, in the same order. */
export function barsOfColumns(columns: BarColumns): Bar[] {
  const { instrumentId, tsEvent, tsInit, open, high, low, close, volume, pricePrecision, sizePrecision } =
    columns;
  const bars = new Array<Bar>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    bars[i] = new Bar(
      instrumentId,
      open[i],
      high[i],
      low[i],
      close[i],
      pricePrecision[i],
      volume[i],
      sizePrecision[i],
      tsEvent[i],
      tsInit[i],
    );
  }
  return bars;
}
