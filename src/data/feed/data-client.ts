/**
 * The data-client port: what every market-data adapter (simulated, replay, ccxt, Alpaca)
 * implements, and the sink it pushes normalized events into.
 *
 * The shape follows what venues offer: ccxt's `watchTrades` / `watchTicker` / `watchOrderBook`
 * / `watchOHLCV` and Alpaca's stream (`trades`, `quotes`, `bars` channels) map one to one onto
 * {@link DataKind}. A client owns its socket, parsing and reconnection; it never filters,
 * dedupes or validates itself — the {@link DataSink} it is given (usually a `FeedPipeline`)
 * does that the same way for every venue.
 */
import type { Bar } from '../../model/data/bar.js';
import type { BookUpdate } from '../../model/data/book-update.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/** The kinds of data a client can stream per instrument. */
export const DataKind = { TRADES: 'trades', QUOTES: 'quotes', BOOK: 'book', BARS: 'bars' } as const;
export type DataKind = (typeof DataKind)[keyof typeof DataKind];

/** One stream of one instrument. */
export interface Subscription {
  readonly instrumentId: InstrumentId;
  readonly kind: DataKind;
  /** Bars only: the venue's bar interval, e.g. `1m` (ccxt timeframes, Alpaca `1Min`). */
  readonly interval?: string;
  /** Book only: levels per side wanted (the venue may round it). */
  readonly depth?: number;
}

/** Connection state of a client. */
export const FeedStatus = {
  DISCONNECTED: 'DISCONNECTED',
  CONNECTING: 'CONNECTING',
  CONNECTED: 'CONNECTED',
  /** The socket dropped; the client waits out its backoff and reconnects, then resubscribes. */
  RECONNECTING: 'RECONNECTING',
  /** The feed ended for good (a replay reached its end, or reconnect attempts ran out). */
  CLOSED: 'CLOSED',
} as const;
export type FeedStatus = (typeof FeedStatus)[keyof typeof FeedStatus];

/**
 * Where a client delivers. Every event carries `tsEvent` (the venue's timestamp) and `tsInit`
 * (our clock when the message was received). Calls are synchronous and cheap: the sink queues,
 * it never blocks the socket.
 */
export interface DataSink {
  onTrade(trade: TradeTick): void;
  onQuote(quote: QuoteTick): void;
  onBookUpdate(update: BookUpdate): void;
  onBar(bar: Bar): void;
  /** Connection state changes; `detail` says why (an error message, "end of file", ...). */
  onStatus(status: FeedStatus, detail?: string): void;
  /**
   * A message the client could not parse or did not expect. It is skipped; `kind` groups
   * messages for counting and logging (e.g. `trade`, `depthUpdate`, `unknown-event`), `sample`
   * is (a prefix of) the raw text.
   */
  onMalformed(kind: string, sample: string, reason: string): void;
}

/**
 * A market-data client for one venue. Subscriptions are remembered by the client: after a
 * reconnect it subscribes again by itself, and for a book it starts with a snapshot.
 */
export interface DataClient {
  /** The venue part of the instrument ids it serves (`SIM`, `BINANCE`, `ALPACA`). */
  readonly venue: string;
  readonly status: FeedStatus;
  /** Opens the connection; events go to `sink` until {@link disconnect}. */
  connect(sink: DataSink): Promise<void>;
  /** Closes the connection; no event reaches the sink after the promise resolves. */
  disconnect(): Promise<void>;
  /** Starts a stream; subscribing twice is a no-op. Resolves once the venue acknowledged it. */
  subscribe(subscription: Subscription): Promise<void>;
  unsubscribe(subscription: Subscription): Promise<void>;
  /**
   * Asks for a fresh L2 snapshot of an instrument's book (after a sequence gap). The snapshot
   * arrives later through {@link DataSink.onBookUpdate}.
   */
  requestBookSnapshot(instrumentId: InstrumentId): void;
}

/** The key of a subscription, for sets and maps. */
export function subscriptionKey(s: Subscription): string {
  return s.kind === DataKind.BARS ? `${s.instrumentId}|${s.kind}|${s.interval ?? ''}` : `${s.instrumentId}|${s.kind}`;
}
