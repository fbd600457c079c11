/**
 * Reads market-data payloads (REST snapshots and stream messages) into plain numbers for display.
 * The API sends prices as exact decimal strings; charts need numbers, and only charts use these.
 * Field names follow the model (`bidPrice`, `askPrice`, `tsEvent`, ...); a few common aliases are
 * accepted so a renamed field shows up as a missing value rather than a crash.
 */

/** Best bid and offer. */
export interface QuoteView {
  readonly instrumentId: string;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly tsUs: number;
}

/** One trade print. */
export interface TradeView {
  readonly instrumentId: string;
  readonly price: number;
  readonly size: number;
  readonly side: string;
  readonly tsUs: number;
}

/** One OHLCV bar; `tsUs` labels the bar (its open time as the engine stamps it). */
export interface BarView {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly tsUs: number;
}

/** A book level: the exact strings as sent (for display) and numbers (for charts). */
export interface BookLevelView {
  readonly price: number;
  readonly size: number;
  readonly priceText: string;
  readonly sizeText: string;
}

/** The top levels of an L2 book, best first on each side. */
export interface BookView {
  readonly instrumentId: string;
  readonly sequence: number;
  readonly bids: readonly BookLevelView[];
  readonly asks: readonly BookLevelView[];
  readonly tsUs: number;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null;
}

/** A finite number from a number or numeric string; NaN otherwise. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

function pick(o: Obj, ...keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

function tsOf(o: Obj): number {
  return num(pick(o, 'tsEvent', 'ts', 'tsInit', 'timestamp', 'time'));
}

/** A quote, or `undefined` when the payload has no usable bid/ask. */
export function parseQuote(v: unknown, instrumentId = ''): QuoteView | undefined {
  if (!isObj(v)) return undefined;
  const bid = num(pick(v, 'bidPrice', 'bid'));
  const ask = num(pick(v, 'askPrice', 'ask'));
  if (!Number.isFinite(bid) && !Number.isFinite(ask)) return undefined;
  return {
    instrumentId: String(pick(v, 'instrumentId', 'instrument') ?? instrumentId),
    bid,
    ask,
    bidSize: num(pick(v, 'bidSize', 'bidQty')),
    askSize: num(pick(v, 'askSize', 'askQty')),
    tsUs: tsOf(v),
  };
}

/** A trade, or `undefined` when the payload has no usable price. */
export function parseTrade(v: unknown, instrumentId = ''): TradeView | undefined {
  if (!isObj(v)) return undefined;
  const price = num(pick(v, 'price', 'lastPx', 'px'));
  if (!Number.isFinite(price)) return undefined;
  return {
    instrumentId: String(pick(v, 'instrumentId', 'instrument') ?? instrumentId),
    price,
    size: num(pick(v, 'size', 'quantity', 'qty', 'lastQty')),
    side: String(pick(v, 'aggressorSide', 'side') ?? ''),
    tsUs: tsOf(v),
  };
}

/** A bar, or `undefined` when a price or the time is missing. */
export function parseBar(v: unknown): BarView | undefined {
  if (!isObj(v)) return undefined;
  const bar = {
    open: num(pick(v, 'open', 'o')),
    high: num(pick(v, 'high', 'h')),
    low: num(pick(v, 'low', 'l')),
    close: num(pick(v, 'close', 'c')),
    volume: num(pick(v, 'volume', 'v')),
    tsUs: tsOf(v),
  };
  if (![bar.open, bar.high, bar.low, bar.close, bar.tsUs].every(Number.isFinite)) return undefined;
  return { ...bar, volume: Number.isFinite(bar.volume) ? bar.volume : 0 };
}

function parseLevels(v: unknown): BookLevelView[] {
  if (!Array.isArray(v)) return [];
  const out: BookLevelView[] = [];
  for (const l of v) {
    if (!isObj(l)) continue;
    const price = num(l['price']);
    const size = num(l['size']);
    if (Number.isFinite(price) && Number.isFinite(size))
      out.push({ price, size, priceText: String(l['price']), sizeText: String(l['size']) });
  }
  return out;
}

/** A book (the `book:` topic or `GET /market/:id/book`), or `undefined` when it is not one. */
export function parseBook(v: unknown, instrumentId = ''): BookView | undefined {
  if (!isObj(v) || !Array.isArray(v['bids']) || !Array.isArray(v['asks'])) return undefined;
  return {
    instrumentId: String(pick(v, 'instrumentId') ?? instrumentId),
    sequence: num(v['sequence']),
    bids: parseLevels(v['bids']),
    asks: parseLevels(v['asks']),
    tsUs: tsOf(v),
  };
}

/** The array inside a list response: the array itself, or the first array-valued field of an object. */
export function listOf(v: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObj(v)) {
    for (const k of [...keys, 'items', 'data']) if (Array.isArray(v[k])) return v[k] as unknown[];
  }
  return [];
}
