import type { Bar } from '../../model/data/bar.js';
import type { BookUpdate } from '../../model/data/book-update.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { Price } from '../../model/types/price.js';

/** Why an event was held back from the kernel (stable codes, counted in feed health). */
export const InvalidReason = {
  NON_POSITIVE_PRICE: 'non-positive-price',
  NOT_A_NUMBER: 'not-a-number',
  CROSSED_BOOK: 'crossed-book',
  FUTURE_TIMESTAMP: 'future-timestamp',
  BAD_TIMESTAMP: 'bad-timestamp',
} as const;
export type InvalidReason = (typeof InvalidReason)[keyof typeof InvalidReason];

/**
 * Sanity checks on normalized events: a venue that sends a zero price, a crossed quote or a
 * timestamp from the future is wrong, and a strategy must not act on it. `Price`/`Quantity`
 * already refuse non-integers at construction; the checks here catch what is representable
 * but wrong, plus NaN in the number fields an adapter might have built by hand.
 *
 * A crossed book (best bid above best ask) is checked on quotes and snapshots. A delta alone
 * cannot be checked without the book it applies to; a lock (bid = ask) is allowed, as
 * US equity venues show it briefly.
 */
export class EventValidator {
  constructor(
    /** How far `tsEvent` may lie ahead of receipt (`tsInit`) before it is rejected (default 5 s). */
    private readonly maxFutureUs = 5_000_000,
  ) {}

  trade(t: TradeTick): InvalidReason | undefined {
    return this.#times(t.tsEvent, t.tsInit) ?? positive(t.price) ?? finite(t.size.raw);
  }

  quote(q: QuoteTick): InvalidReason | undefined {
    return (
      this.#times(q.tsEvent, q.tsInit) ??
      positive(q.bidPrice) ??
      positive(q.askPrice) ??
      finite(q.bidSize.raw) ??
      finite(q.askSize.raw) ??
      (q.bidPrice.compare(q.askPrice) > 0 ? InvalidReason.CROSSED_BOOK : undefined)
    );
  }

  book(u: BookUpdate): InvalidReason | undefined {
    const times = this.#times(u.tsEvent, u.tsInit);
    if (times !== undefined) return times;
    for (const side of [u.bids, u.asks])
      for (const level of side) {
        const bad = positive(level.price) ?? finite(level.size.raw);
        if (bad !== undefined) return bad;
      }
    if (u.isSnapshot && u.bids.length > 0 && u.asks.length > 0) {
      // Snapshots list best first, but do not trust the venue's order for this check.
      const bestBid = u.bids.reduce((a, b) => (b.price.compare(a.price) > 0 ? b : a)).price;
      const bestAsk = u.asks.reduce((a, b) => (b.price.compare(a.price) < 0 ? b : a)).price;
      if (bestBid.compare(bestAsk) > 0) return InvalidReason.CROSSED_BOOK;
    }
    return undefined;
  }

  bar(b: Bar): InvalidReason | undefined {
    return (
      this.#times(b.tsEvent, b.tsInit) ??
      finite(b.openRaw + b.highRaw + b.lowRaw + b.closeRaw + b.volumeRaw) ??
      (b.lowRaw <= 0 ? InvalidReason.NON_POSITIVE_PRICE : undefined)
    );
  }

  #times(tsEvent: number, tsInit: number): InvalidReason | undefined {
    if (!Number.isSafeInteger(tsEvent) || !Number.isSafeInteger(tsInit)) return InvalidReason.BAD_TIMESTAMP;
    return tsEvent - tsInit > this.maxFutureUs ? InvalidReason.FUTURE_TIMESTAMP : undefined;
  }
}

function positive(p: Price): InvalidReason | undefined {
  if (!Number.isFinite(p.raw)) return InvalidReason.NOT_A_NUMBER;
  return p.raw <= 0 ? InvalidReason.NON_POSITIVE_PRICE : undefined;
}

function finite(n: number): InvalidReason | undefined {
  return Number.isFinite(n) ? undefined : InvalidReason.NOT_A_NUMBER;
}
