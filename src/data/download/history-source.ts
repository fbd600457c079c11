/**
 * The port of `quantflow data download`: a venue's bar history, one page at a time. Venue
 * adapters implement it (ccxt: `src/adapters/ccxt/ccxt-history.ts`, Alpaca:
 * `src/adapters/alpaca/alpaca-history-source.ts`); {@link downloadHistory} drives it page by page
 * into the catalog, resumes and retries.
 */
import type { Bar } from '../../model/data/bar.js';
import type { Instrument } from '../../model/instruments/instrument.js';

/** One page request: bars of `instrument` with `fromUs ≤ tsEvent < toUs`. */
export interface HistoryPageRequest {
  readonly instrument: Instrument;
  /** The venue's symbol, as the user named it (`BTCUSDT`, `BTC/USDT`, `AAPL`). */
  readonly symbol: string;
  readonly fromUs: number;
  readonly toUs: number;
  /**
   * The continuation the previous page returned ({@link HistoryPage.token}); `fromUs` is then the
   * start of the first request of the chain, since a venue's token belongs to one query.
   */
  readonly token?: string;
}

/** One page of bars, in increasing time order. */
export interface HistoryPage {
  readonly bars: readonly Bar[];
  /** A venue continuation (Alpaca's `next_page_token`); absent: the next page starts after the last bar. */
  readonly token?: string;
  /** True when the venue says nothing follows in the requested range (a short page, no token). */
  readonly last: boolean;
}

/** A venue's bar history. */
export interface HistorySource {
  /** Venue name for messages (`binance`, `alpaca`). */
  readonly venue: string;
  /** The bar timeframe as the user gave it (`1m`, `1h`, `1d`). */
  readonly timeframe: string;
  /** Bar duration in µs. */
  readonly timeframeUs: number;
  /**
   * The instrument definition of a venue symbol (id, tick and lot size, quote currency).
   *
   * @throws Error when the venue has no such symbol
   */
  instrument(symbol: string): Promise<Instrument>;
  /**
   * One page of bars. Throws {@link TransientHistoryError} for failures worth retrying (network,
   * rate limit, 5xx) and any other error for those that are not (bad symbol, refused keys,
   * malformed bars).
   */
  fetchPage(request: HistoryPageRequest): Promise<HistoryPage>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** A failure a retry may cure: network error, timeout, rate limit, server error. */
export class TransientHistoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientHistoryError';
  }
}
