/**
 * Alpaca stream and REST records → domain events. Pure functions: each returns the event or the
 * reason it could not be built (the client reports that as malformed).
 *
 * Exact prices from JSON numbers: Alpaca sends prices as JSON numbers (`"p": 126.55`). `JSON.parse`
 * gives the nearest double, and `String(double)` is the shortest decimal that reads back as the same
 * double, which is the original text for every decimal of up to 15 significant digits (all equity
 * prices). That text is then read exactly at the symbol's precision; a value with more decimals than
 * the precision (or in exponent form) is rejected, never rounded.
 */
import { Bar } from '../../model/data/bar.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { parseTradeId } from '../../model/identifiers/order-ids.js';
import { parseDecimal } from '../../model/types/fixed-point.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { AlpacaPrecision } from './alpaca-config.js';
import { parseRfc3339Us } from './alpaca-time.js';

/** A decoded JSON object of the wire. */
export type AlpacaRecord = Readonly<Record<string, unknown>>;

/** A parse failure: why the record was skipped. */
export class AlpacaParseError {
  constructor(readonly reason: string) {}
}

/** Raw integer of a JSON number at `precision` decimals, or an error. */
export function exactRaw(value: unknown, precision: number, field: string): number | AlpacaParseError {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return new AlpacaParseError(`${field}: expected a number, got ${JSON.stringify(value)}`);
  const parsed = parseDecimal(String(value), precision);
  if (typeof parsed === 'string')
    return new AlpacaParseError(`${field}: ${value} is ${parsed} at ${precision} decimals`);
  return parsed.raw;
}

function size(value: unknown, precision: number, field: string): number | AlpacaParseError {
  const raw = exactRaw(value, precision, field);
  if (typeof raw === 'number' && raw < 0)
    return new AlpacaParseError(`${field}: negative size ${String(value)}`);
  return raw;
}

function time(value: unknown, field: string): number | AlpacaParseError {
  const us = typeof value === 'string' ? parseRfc3339Us(value) : undefined;
  return us ?? new AlpacaParseError(`${field}: expected an RFC-3339 time, got ${JSON.stringify(value)}`);
}

/**
 * A trade (`T: "t"`). Alpaca reports no aggressor side. The trade id is `i` (an integer; one beyond
 * 2^53 would have lost digits in `JSON.parse`, so it is rejected rather than risk a false duplicate).
 */
export function parseTrade(
  msg: AlpacaRecord,
  id: InstrumentId,
  p: AlpacaPrecision,
  tsInit: number,
): TradeTick | AlpacaParseError {
  const price = exactRaw(msg.p, p.price, 'p');
  if (price instanceof AlpacaParseError) return price;
  const qty = size(msg.s, p.size, 's');
  if (qty instanceof AlpacaParseError) return qty;
  const ts = time(msg.t, 't');
  if (ts instanceof AlpacaParseError) return ts;
  if (typeof msg.i !== 'number' || !Number.isSafeInteger(msg.i))
    return new AlpacaParseError(`i: expected an integer trade id, got ${JSON.stringify(msg.i)}`);
  const tradeId = parseTradeId(String(msg.i));
  if (!tradeId.ok) return new AlpacaParseError(`i: ${tradeId.error.reason}`);
  return new TradeTick(
    id,
    Price.fromRaw(price, p.price),
    Quantity.fromRaw(qty, p.size),
    AggressorSide.NONE,
    tradeId.value,
    ts,
    tsInit,
  );
}

/** A quote (`T: "q"`): best bid `bp`×`bs` and ask `ap`×`as`. */
export function parseQuote(
  msg: AlpacaRecord,
  id: InstrumentId,
  p: AlpacaPrecision,
  tsInit: number,
): QuoteTick | AlpacaParseError {
  const bid = exactRaw(msg.bp, p.price, 'bp');
  if (bid instanceof AlpacaParseError) return bid;
  const ask = exactRaw(msg.ap, p.price, 'ap');
  if (ask instanceof AlpacaParseError) return ask;
  const bidSize = size(msg.bs, p.size, 'bs');
  if (bidSize instanceof AlpacaParseError) return bidSize;
  const askSize = size(msg.as, p.size, 'as');
  if (askSize instanceof AlpacaParseError) return askSize;
  const ts = time(msg.t, 't');
  if (ts instanceof AlpacaParseError) return ts;
  return new QuoteTick(
    id,
    Price.fromRaw(bid, p.price),
    Price.fromRaw(ask, p.price),
    Quantity.fromRaw(bidSize, p.size),
    Quantity.fromRaw(askSize, p.size),
    ts,
    tsInit,
  );
}

/**
 * A bar: a stream minute bar (`T: "b"`) or a REST bar (same `o h l c v t` fields). `tsEvent` is
 * Alpaca's `t`, the start of the bar's minute, as Alpaca labels it; the stream sends the bar
 * after the minute has closed. `tsInit` is our receipt time (for history: pass `undefined` to use
 * `tsEvent`).
 */
export function parseBar(
  msg: AlpacaRecord,
  id: InstrumentId,
  p: AlpacaPrecision,
  tsInit: number | undefined,
): Bar | AlpacaParseError {
  const ohlc: number[] = [];
  for (const field of ['o', 'h', 'l', 'c']) {
    const raw = exactRaw(msg[field], p.price, field);
    if (raw instanceof AlpacaParseError) return raw;
    ohlc.push(raw);
  }
  const [o, h, l, c] = ohlc;
  if (l > h || o > h || c > h || o < l || c < l)
    return new AlpacaParseError(`inconsistent OHLC o=${msg.o} h=${msg.h} l=${msg.l} c=${msg.c}`);
  const volume = size(msg.v, p.size, 'v');
  if (volume instanceof AlpacaParseError) return volume;
  const ts = time(msg.t, 't');
  if (ts instanceof AlpacaParseError) return ts;
  return new Bar(id, o, h, l, c, p.price, volume, p.size, ts, tsInit ?? ts);
}
