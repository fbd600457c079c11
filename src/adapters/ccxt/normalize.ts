/**
 * ccxt's unified structures (trade, order book, ticker, OHLCV candle) → the domain model.
 *
 * Exactness: where ccxt keeps the venue's decimal strings (a trade's `info`, e.g. Binance's
 * `p` / `q`), those are parsed exactly; otherwise ccxt's float is rounded to the market's
 * precision, which is exact for any value the venue can actually quote. Timestamps are ccxt's
 * milliseconds × 1000 (µs). Each function returns the event or a reason string (malformed).
 */
import { Bar } from '../../model/data/bar.js';
import { BookUpdate, BookUpdateAction, type BookLevelUpdate } from '../../model/data/book-update.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { parseTradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

/** How to build values for one instrument. */
export interface MarketSpec {
  readonly instrumentId: InstrumentId;
  /** ccxt's unified symbol (`BTC/USDT`). */
  readonly symbol: string;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

/** The parts of a ccxt trade we read. */
export interface CcxtTradeLike {
  readonly id?: string | number;
  readonly timestamp?: number;
  readonly price?: number;
  readonly amount?: number;
  readonly side?: string;
  readonly info?: unknown;
}

/** The parts of a ccxt order book we read. */
export interface CcxtBookLike {
  readonly bids: readonly (readonly number[])[];
  readonly asks: readonly (readonly number[])[];
  readonly nonce?: number;
  readonly timestamp?: number;
}

/** The parts of a ccxt ticker we read. */
export interface CcxtTickerLike {
  readonly timestamp?: number;
  readonly bid?: number;
  readonly ask?: number;
  readonly bidVolume?: number;
  readonly askVolume?: number;
}

const msToUs = (ms: number | undefined, fallbackUs: number): number =>
  ms === undefined || !Number.isSafeInteger(ms) ? fallbackUs : ms * 1000;

/** Exact from a decimal string when the raw message has one, else rounded from the float. */
function price(text: unknown, value: number | undefined, decimals: number): Price | string {
  if (typeof text === 'string') {
    try {
      return Price.parse(text, decimals);
    } catch {
      // finer than the market precision or not a number: fall back to ccxt's float below
    }
  }
  if (value === undefined || !Number.isFinite(value)) return `price ${String(text ?? value)} is not a number`;
  return Price.fromNumber(value, decimals);
}

function quantity(text: unknown, value: number | undefined, decimals: number): Quantity | string {
  if (typeof text === 'string') {
    try {
      return Quantity.parse(text, decimals);
    } catch {
      // as for prices
    }
  }
  if (value === undefined || !Number.isFinite(value) || value < 0)
    return `size ${String(text ?? value)} is invalid`;
  return Quantity.fromNumber(value, decimals);
}

const field = (info: unknown, key: string): unknown =>
  typeof info === 'object' && info !== null ? (info as Record<string, unknown>)[key] : undefined;

/** A ccxt trade → {@link TradeTick}. The aggressor is the taker side ccxt reports. */
export function toTradeTick(spec: MarketSpec, t: CcxtTradeLike, tsInit: number): TradeTick | string {
  const p = price(field(t.info, 'p'), t.price, spec.priceDecimals);
  if (typeof p === 'string') return p;
  const q = quantity(field(t.info, 'q'), t.amount, spec.sizeDecimals);
  if (typeof q === 'string') return q;
  const id = parseTradeId(String(t.id ?? ''));
  if (!id.ok) return `trade id ${String(t.id)} is invalid`;
  const side =
    t.side === 'buy' ? AggressorSide.BUYER : t.side === 'sell' ? AggressorSide.SELLER : AggressorSide.NONE;
  return new TradeTick(spec.instrumentId, p, q, side, id.value, msToUs(t.timestamp, tsInit), tsInit);
}

function levels(
  spec: MarketSpec,
  side: readonly (readonly number[])[],
  depth: number,
): BookLevelUpdate[] | string {
  const out: BookLevelUpdate[] = [];
  for (let i = 0; i < side.length && i < depth; i++) {
    const [px, size] = side[i];
    if (!Number.isFinite(px) || !Number.isFinite(size) || size < 0)
      return `level ${String(side[i])} is invalid`;
    out.push({
      price: Price.fromNumber(px, spec.priceDecimals),
      size: Quantity.fromNumber(size, spec.sizeDecimals),
    });
  }
  return out;
}

/**
 * ccxt's maintained book → a {@link BookUpdate} snapshot of its top `depth` levels. ccxt has
 * already checked the venue's sequence ids, so the snapshot's sequence is the book's nonce
 * (Binance: the last applied `u`).
 */
export function toBookSnapshot(
  spec: MarketSpec,
  book: CcxtBookLike,
  depth: number,
  tsInit: number,
): BookUpdate | string {
  const bids = levels(spec, book.bids, depth);
  if (typeof bids === 'string') return bids;
  const asks = levels(spec, book.asks, depth);
  if (typeof asks === 'string') return asks;
  const sequence = book.nonce ?? 0;
  const tsEvent = msToUs(book.timestamp, tsInit);
  return new BookUpdate(
    spec.instrumentId,
    BookUpdateAction.SNAPSHOT,
    bids,
    asks,
    sequence,
    sequence,
    tsEvent,
    tsInit,
  );
}

/** A ccxt ticker's best bid/ask → {@link QuoteTick}. */
export function toQuoteTick(spec: MarketSpec, t: CcxtTickerLike, tsInit: number): QuoteTick | string {
  const bid = price(undefined, t.bid, spec.priceDecimals);
  if (typeof bid === 'string') return `bid: ${bid}`;
  const ask = price(undefined, t.ask, spec.priceDecimals);
  if (typeof ask === 'string') return `ask: ${ask}`;
  const bidSize = quantity(undefined, t.bidVolume ?? 0, spec.sizeDecimals);
  if (typeof bidSize === 'string') return bidSize;
  const askSize = quantity(undefined, t.askVolume ?? 0, spec.sizeDecimals);
  if (typeof askSize === 'string') return askSize;
  return new QuoteTick(spec.instrumentId, bid, ask, bidSize, askSize, msToUs(t.timestamp, tsInit), tsInit);
}

/** A ccxt candle `[ms, open, high, low, close, volume]` → {@link Bar} (labelled by its open time). */
export function toBar(spec: MarketSpec, candle: readonly number[], tsInit: number): Bar | string {
  if (candle.length < 6 || !candle.every((v) => Number.isFinite(v)))
    return `candle ${String(candle)} is invalid`;
  const [ms, o, h, l, c, v] = candle;
  const p = (x: number): Price => Price.fromNumber(x, spec.priceDecimals);
  return Bar.of(
    spec.instrumentId,
    p(o),
    p(h),
    p(l),
    p(c),
    Quantity.fromNumber(v, spec.sizeDecimals),
    ms * 1000,
    tsInit,
  );
}
