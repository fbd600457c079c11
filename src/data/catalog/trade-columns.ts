import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

/**
 * The aggressor side as stored (`side`, UTINYINT): 0 none, 1 buyer, 2 seller. A code rather than
 * text so a column of millions of sides is one byte array.
 */
export const SIDE_CODES: readonly AggressorSide[] = [AggressorSide.NONE, AggressorSide.BUYER, AggressorSide.SELLER];

/** The stored code of a side. */
export function sideCode(side: AggressorSide): number {
  return side === AggressorSide.BUYER ? 1 : side === AggressorSide.SELLER ? 2 : 0;
}

/**
 * Trades of one instrument as parallel columns, in non-decreasing `tsEvent` order (several trades
 * may share a µs; their order is kept). Prices and sizes are raw integers (exact in a float64 up
 * to 2^53) at the row's precision; timestamps are µs since the epoch.
 */
export interface TradeColumns {
  readonly instrumentId: InstrumentId;
  readonly length: number;
  readonly tsEvent: Float64Array;
  readonly tsInit: Float64Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
  readonly pricePrecision: Uint8Array;
  readonly sizePrecision: Uint8Array;
  /** {@link SIDE_CODES} index. */
  readonly side: Uint8Array;
  /** The venue's trade id, unique per instrument. */
  readonly tradeId: string[];
}

/** Empty columns with room for `length` rows. */
export function allocateTradeColumns(instrumentId: InstrumentId, length: number): TradeColumns {
  return {
    instrumentId,
    length,
    tsEvent: new Float64Array(length),
    tsInit: new Float64Array(length),
    price: new Float64Array(length),
    size: new Float64Array(length),
    pricePrecision: new Uint8Array(length),
    sizePrecision: new Uint8Array(length),
    side: new Uint8Array(length),
    tradeId: new Array<string>(length).fill(''),
  };
}

/**
 * The columns of `trades`, which must all be of `instrumentId`.
 *
 * @throws RangeError when a trade is of another instrument
 */
export function tradeColumnsOf(instrumentId: InstrumentId, trades: readonly TradeTick[]): TradeColumns {
  const c = allocateTradeColumns(instrumentId, trades.length);
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i];
    if (t.instrumentId !== instrumentId) throw new RangeError(`trade ${i} is of ${t.instrumentId}, expected ${instrumentId}`);
    c.tsEvent[i] = t.tsEvent;
    c.tsInit[i] = t.tsInit;
    c.price[i] = t.price.raw;
    c.size[i] = t.size.raw;
    c.pricePrecision[i] = t.price.precision;
    c.sizePrecision[i] = t.size.precision;
    c.side[i] = sideCode(t.aggressorSide);
    c.tradeId[i] = t.tradeId;
  }
  return c;
}

/** The rows of `columns` as {@link TradeTick} objects, in the same order. */
export function tradesOfColumns(c: TradeColumns): TradeTick[] {
  const trades = new Array<TradeTick>(c.length);
  for (let i = 0; i < c.length; i++) {
    trades[i] = new TradeTick(
      c.instrumentId,
      Price.fromRaw(c.price[i], c.pricePrecision[i]),
      Quantity.fromRaw(c.size[i], c.sizePrecision[i]),
      SIDE_CODES[c.side[i]],
      c.tradeId[i] as TradeId,
      c.tsEvent[i],
      c.tsInit[i],
    );
  }
  return trades;
}
