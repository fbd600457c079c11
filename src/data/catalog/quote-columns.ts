import { QuoteTick } from '../../model/data/quote-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

/**
 * Quotes (best bid and offer) of one instrument as parallel columns, in non-decreasing `tsEvent`
 * order. Both prices share one precision per row, as do both sizes (a quote whose bid and ask
 * have different decimals is widened exactly to the larger).
 */
export interface QuoteColumns {
  readonly instrumentId: InstrumentId;
  readonly length: number;
  readonly tsEvent: Float64Array;
  readonly tsInit: Float64Array;
  readonly bidPrice: Float64Array;
  readonly askPrice: Float64Array;
  readonly bidSize: Float64Array;
  readonly askSize: Float64Array;
  readonly pricePrecision: Uint8Array;
  readonly sizePrecision: Uint8Array;
}

/** Empty columns with room for `length` rows. */
export function allocateQuoteColumns(instrumentId: InstrumentId, length: number): QuoteColumns {
  return {
    instrumentId,
    length,
    tsEvent: new Float64Array(length),
    tsInit: new Float64Array(length),
    bidPrice: new Float64Array(length),
    askPrice: new Float64Array(length),
    bidSize: new Float64Array(length),
    askSize: new Float64Array(length),
    pricePrecision: new Uint8Array(length),
    sizePrecision: new Uint8Array(length),
  };
}

/**
 * The columns of `quotes`, which must all be of `instrumentId`.
 *
 * @throws RangeError when a quote is of another instrument
 */
export function quoteColumnsOf(instrumentId: InstrumentId, quotes: readonly QuoteTick[]): QuoteColumns {
  const c = allocateQuoteColumns(instrumentId, quotes.length);
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    if (q.instrumentId !== instrumentId) throw new RangeError(`quote ${i} is of ${q.instrumentId}, expected ${instrumentId}`);
    const p = Math.max(q.bidPrice.precision, q.askPrice.precision);
    const s = Math.max(q.bidSize.precision, q.askSize.precision);
    c.tsEvent[i] = q.tsEvent;
    c.tsInit[i] = q.tsInit;
    c.bidPrice[i] = q.bidPrice.rawAt(p);
    c.askPrice[i] = q.askPrice.rawAt(p);
    c.bidSize[i] = q.bidSize.rawAt(s);
    c.askSize[i] = q.askSize.rawAt(s);
    c.pricePrecision[i] = p;
    c.sizePrecision[i] = s;
  }
  return c;
}

/** The rows of `columns` as {@link QuoteTick} objects, in the same order. */
export function quotesOfColumns(c: QuoteColumns): QuoteTick[] {
  const quotes = new Array<QuoteTick>(c.length);
  for (let i = 0; i < c.length; i++) {
    const p = c.pricePrecision[i];
    const s = c.sizePrecision[i];
    quotes[i] = new QuoteTick(
      c.instrumentId,
      Price.fromRaw(c.bidPrice[i], p),
      Price.fromRaw(c.askPrice[i], p),
      Quantity.fromRaw(c.bidSize[i], s),
      Quantity.fromRaw(c.askSize[i], s),
      c.tsEvent[i],
      c.tsInit[i],
    );
  }
  return quotes;
}
