import { Bar } from '../../model/data/bar.js';
import { BookUpdate, BookUpdateAction, type BookLevelUpdate } from '../../model/data/book-update.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import { parseInstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { FeedEvent } from './feed-event.js';

/**
 * The recording format: JSON Lines, one event per line, fields in a fixed order. Prices and sizes
 * are decimal strings (exact, precision kept), times integer µs. See docs/market-data.md.
 *
 * ```
 * {"type":"trade","id":"A.SIM","tsEvent":1,"tsInit":2,"price":"100.01","size":"3","side":"BUYER","tradeId":"7"}
 * {"type":"quote","id":"A.SIM","tsEvent":1,"tsInit":2,"bid":"100.00","ask":"100.02","bidSize":"5","askSize":"9"}
 * {"type":"book","id":"A.SIM","tsEvent":1,"tsInit":2,"action":"SNAPSHOT","first":4,"seq":4,"bids":[["100.00","5"]],"asks":[["100.02","9"]]}
 * {"type":"bar","id":"A.SIM","tsEvent":1,"tsInit":2,"open":"1.0","high":"1.2","low":"0.9","close":"1.1","volume":"40"}
 * ```
 */
export const REPLAY_FILE = 'events.jsonl';

/** One event as a line of JSON (without the newline). */
export function formatReplayLine(e: FeedEvent): string {
  const d = e.data;
  const head = { type: e.type, id: d.instrumentId, tsEvent: d.tsEvent, tsInit: d.tsInit };
  switch (e.type) {
    case 'trade': {
      const t = e.data;
      return JSON.stringify({ ...head, price: t.price, size: t.size, side: t.aggressorSide, tradeId: t.tradeId });
    }
    case 'quote': {
      const q = e.data;
      return JSON.stringify({ ...head, bid: q.bidPrice, ask: q.askPrice, bidSize: q.bidSize, askSize: q.askSize });
    }
    case 'book': {
      const u = e.data;
      const side = (levels: readonly BookLevelUpdate[]) => levels.map((l) => [l.price, l.size]);
      return JSON.stringify({
        ...head,
        action: u.action,
        first: u.firstSequence,
        seq: u.sequence,
        bids: side(u.bids),
        asks: side(u.asks),
      });
    }
    case 'bar': {
      const b = e.data;
      return JSON.stringify({ ...head, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });
    }
  }
}

/**
 * Parses one line; throws an Error saying what is wrong (the replay client counts it as
 * malformed and skips it). `tsInit` is kept as recorded.
 */
export function parseReplayLine(line: string): FeedEvent {
  const j = JSON.parse(line) as Record<string, unknown>;
  const id = parseInstrumentId(str(j, 'id'));
  if (!id.ok) throw new Error(`id: ${id.error.reason}`);
  const instrumentId = id.value;
  const tsEvent = int(j, 'tsEvent');
  const tsInit = int(j, 'tsInit');
  switch (j.type) {
    case 'trade': {
      const side = str(j, 'side');
      if (!(side in AggressorSide)) throw new Error(`side: unknown "${side}"`);
      return {
        type: 'trade',
        data: new TradeTick(
          instrumentId,
          Price.parse(str(j, 'price')),
          Quantity.parse(str(j, 'size')),
          side as AggressorSide,
          str(j, 'tradeId') as TradeId,
          tsEvent,
          tsInit,
        ),
      };
    }
    case 'quote':
      return {
        type: 'quote',
        data: new QuoteTick(
          instrumentId,
          Price.parse(str(j, 'bid')),
          Price.parse(str(j, 'ask')),
          Quantity.parse(str(j, 'bidSize')),
          Quantity.parse(str(j, 'askSize')),
          tsEvent,
          tsInit,
        ),
      };
    case 'book': {
      const action = str(j, 'action');
      if (action !== BookUpdateAction.SNAPSHOT && action !== BookUpdateAction.DELTA)
        throw new Error(`action: unknown "${action}"`);
      return {
        type: 'book',
        data: new BookUpdate(instrumentId, action, levels(j.bids), levels(j.asks), int(j, 'first'), int(j, 'seq'), tsEvent, tsInit),
      };
    }
    case 'bar':
      return {
        type: 'bar',
        data: Bar.of(
          instrumentId,
          Price.parse(str(j, 'open')),
          Price.parse(str(j, 'high')),
          Price.parse(str(j, 'low')),
          Price.parse(str(j, 'close')),
          Quantity.parse(str(j, 'volume')),
          tsEvent,
          tsInit,
        ),
      };
    default:
      throw new Error(`type: unknown "${String(j.type)}"`);
  }
}

function str(j: Record<string, unknown>, key: string): string {
  const v = j[key];
  if (typeof v !== 'string') throw new Error(`${key}: expected a string`);
  return v;
}

function int(j: Record<string, unknown>, key: string): number {
  const v = j[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new Error(`${key}: expected an integer`);
  return v;
}

function levels(v: unknown): BookLevelUpdate[] {
  if (!Array.isArray(v)) throw new Error('levels: expected an array');
  return v.map((l: unknown) => {
    if (!Array.isArray(l) || typeof l[0] !== 'string' || typeof l[1] !== 'string')
      throw new Error('level: expected ["price","size"]');
    return { price: Price.parse(l[0]), size: Quantity.parse(l[1]) };
  });
}

/** The same event received at `tsInit` (a replayed event is received again, now). */
export function restamp(e: FeedEvent, tsInit: number): FeedEvent {
  switch (e.type) {
    case 'trade': {
      const t = e.data;
      return { type: 'trade', data: new TradeTick(t.instrumentId, t.price, t.size, t.aggressorSide, t.tradeId, t.tsEvent, tsInit) };
    }
    case 'quote': {
      const q = e.data;
      return {
        type: 'quote',
        data: new QuoteTick(q.instrumentId, q.bidPrice, q.askPrice, q.bidSize, q.askSize, q.tsEvent, tsInit),
      };
    }
    case 'book': {
      const u = e.data;
      return {
        type: 'book',
        data: new BookUpdate(u.instrumentId, u.action, u.bids, u.asks, u.firstSequence, u.sequence, u.tsEvent, tsInit),
      };
    }
    case 'bar': {
      const b = e.data;
      return {
        type: 'bar',
        data: new Bar(b.instrumentId, b.openRaw, b.highRaw, b.lowRaw, b.closeRaw, b.pricePrecision, b.volumeRaw, b.sizePrecision, b.tsEvent, tsInit),
      };
    }
  }
}
