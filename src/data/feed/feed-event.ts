import type { Bar } from '../../model/data/bar.js';
import type { BookUpdate } from '../../model/data/book-update.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';

/** A normalized market-data event as it travels from a client to the kernel. */
export type FeedEvent =
  | { readonly type: 'trade'; readonly data: TradeTick }
  | { readonly type: 'quote'; readonly data: QuoteTick }
  | { readonly type: 'book'; readonly data: BookUpdate }
  | { readonly type: 'bar'; readonly data: Bar };

/** Receives events in order (the kernel side of the queue, a recorder, a display). */
export type FeedEventHandler = (event: FeedEvent) => void;
