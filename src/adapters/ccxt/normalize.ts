/**
 * ccxt's unified structures (trade, order book, ticker, OHLCV candle) → the domain model.
 *
 * Exactness: where ccxt keeps the venue's decimal strings (a trade's `info`, e.g. Binance's
 * `p` / `q`), those are parsed exactly; otherwise ccxt's float is rounded to the market's
 * precision, which is exact for any value the venue can actually quote. Timestamps are ccxt's
 * milliseconds × 1000 (µs). Each function returns the event or a reason string (malformed).
 *
 * Binance's ticker and kline events are read from the raw messages instead ({@link binanceQuote},
 * {@link binanceKlineBar}): ccxt turns their decimal strings into floats and drops the kline's
 * "closed" flag, which is the only way to tell a finished candle from a forming one.
 */
import { Bar, ohlcProblem } from '../../model/data/bar.js';
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

/** Exact parse of a raw field at the market's decimals; a value finer than the tick is the venue's error. */
function exact<T>(
  parse: (text: string, decimals: number) => T,
  raw: unknown,
  key: string,
  decimals: number,
): T | string {
  if (typeof raw !== 'string') return `field ${key} missing or invalid`;
  try {
    return parse(raw, decimals);
  } catch (e) {
    return `field ${key}: ${(e as Error).message}`;
  }
}

/**
 * A raw Binance `24hrTicker` event (`<sym>@ticker`) → {@link QuoteTick}: best bid `b` / size `B`,
 * best ask `a` / size `A`, exact; `tsEvent` is the event time `E` (ccxt would take `C`, the
 * close of the 24-hour statistics window).
 */
export function binanceQuote(
  spec: MarketSpec,
  m: Record<string, unknown>,
  tsInit: number,
): QuoteTick | string {
  if (!Number.isSafeInteger(m.E)) return 'field E missing or invalid';
  const bid = exact(Price.parse, m.b, 'b', spec.priceDecimals);
  if (typeof bid === 'string') return bid;
  const bidSize = exact(Quantity.parse, m.B, 'B', spec.sizeDecimals);
  if (typeof bidSize === 'string') return bidSize;
  const ask = exact(Price.parse, m.a, 'a', spec.priceDecimals);
  if (typeof ask === 'string') return ask;
  const askSize = exact(Quantity.parse, m.A, 'A', spec.sizeDecimals);
  if (typeof askSize === 'string') return askSize;
  return new QuoteTick(spec.instrumentId, bid, ask, bidSize, askSize, (m.E as number) * 1000, tsInit);
}

/**
 * A raw Binance kline (`k` of a `<sym>@kline_<interval>` event) → {@link Bar} once the candle is
 * closed (`x: true`), exact, labelled by its open time `t`; `undefined` while it is still forming.
 * A candle whose open/close lie outside its low–high range is malformed.
 */
export function binanceClosedKline(
  spec: MarketSpec,
  k: Record<string, unknown>,
  tsInit: number,
): Bar | string | undefined {
  if (typeof k.x !== 'boolean') return 'field k.x missing or invalid';
  if (!k.x) return undefined;
  if (!Number.isSafeInteger(k.t)) return 'field k.t missing or invalid';
  const prices: Price[] = [];
  for (const key of ['o', 'h', 'l', 'c']) {
    const p = exact(Price.parse, k[key], `k.${key}`, spec.priceDecimals);
    if (typeof p === 'string') return p;
    prices.push(p);
  }
  const volume = exact(Quantity.parse, k.v, 'k.v', spec.sizeDecimals);
  if (typeof volume === 'string') return volume;
  const [o, h, l, c] = prices;
  const problem = ohlcProblem(o, h, l, c);
  if (problem !== undefined) return problem;
  return Bar.of(spec.instrumentId, o, h, l, c, volume, (k.t as number) * 1000, tsInit);
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
