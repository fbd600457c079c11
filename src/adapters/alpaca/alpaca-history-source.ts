/**
 * Alpaca's bar history for `quantflow data download` (a {@link HistorySource}): one request of
 * `GET /v2/stocks/{symbol}/bars` per page, the next page asked with Alpaca's `page_token`.
 *
 * Unlike {@link AlpacaBarHistory.fetchBars} (which follows every page into memory), pages are handed
 * back one by one, so the download can store each and resume after an interruption. Prices are
 * parsed exactly ({@link parseBar}); a bar that does not parse fails the page. 429, 5xx and network
 * errors are {@link TransientHistoryError}s (the download retries them); other statuses are not.
 */
import { formatTimestampUs } from '../../core/clock.js';
import {
  TransientHistoryError,
  type HistoryPage,
  type HistoryPageRequest,
  type HistorySource,
} from '../../data/download/history-source.js';
import { parseTimeframe } from '../../data/download/timeframe.js';
import type { Bar } from '../../model/data/bar.js';
import { parseInstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { type AlpacaConfig, precisionOf } from './alpaca-config.js';
import { ALPACA_VENUE } from './alpaca-data-client.js';
import { AlpacaParseError, parseBar } from './alpaca-parsing.js';

/** Settings of {@link AlpacaHistorySource}. */
export interface AlpacaHistorySourceOptions {
  readonly config: AlpacaConfig;
  /** `1m`, `15m`, `1h`, `1d`, `1w`. */
  readonly timeframe: string;
  /** Bars per page asked for (Alpaca's `limit`, 1..10000; default 10000). */
  readonly pageLimit?: number;
  /** The HTTP client (default: Node's `fetch`). */
  readonly fetch?: typeof fetch;
}

/** Alpaca's name of a timeframe (`1m` → `1Min`), or `undefined` when Alpaca has none. */
export function alpacaTimeframe(timeframe: string): string | undefined {
  const parsed = parseTimeframe(timeframe);
  if (parsed === undefined) return undefined;
  const { count, unit } = parsed;
  if (unit === 'm' && count <= 59) return `${count}Min`;
  if (unit === 'h' && count <= 23) return `${count}Hour`;
  if (unit === 'd' && count === 1) return '1Day';
  if (unit === 'w' && count === 1) return '1Week';
  return undefined;
}

/** {@link HistorySource} of Alpaca's US equity bars; see the module comment. */
export class AlpacaHistorySource implements HistorySource {
  readonly venue = 'alpaca';
  readonly timeframe: string;
  readonly timeframeUs: number;
  readonly #config: AlpacaConfig;
  readonly #alpacaTimeframe: string;
  readonly #pageLimit: number;
  readonly #fetch: typeof fetch;

  /** @throws RangeError for a timeframe Alpaca does not offer */
  constructor(options: AlpacaHistorySourceOptions) {
    const name = alpacaTimeframe(options.timeframe);
    const parsed = parseTimeframe(options.timeframe);
    if (name === undefined || parsed === undefined)
      throw new RangeError(`Alpaca has no timeframe ${options.timeframe} (1m..59m, 1h..23h, 1d, 1w)`);
    this.timeframe = options.timeframe;
    this.timeframeUs = parsed.us;
    this.#alpacaTimeframe = name;
    this.#config = options.config;
    this.#pageLimit = options.pageLimit ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  /** `AAPL` → `AAPL.ALPACA`, a tick and lot of the configured precision (default 0.0001, 1 share), USD. */
  async instrument(symbol: string): Promise<Instrument> {
    const id = parseInstrumentId(`${symbol}.${ALPACA_VENUE}`);
    if (!id.ok) throw new RangeError(`Alpaca: invalid symbol "${symbol}"`);
    const precision = precisionOf(this.#config, symbol);
    return {
      id: id.value,
      tickSize: Price.fromRaw(1, precision.price),
      lotSize: Quantity.fromRaw(1, precision.size),
      quoteCurrency: currency('USD'),
      multiplier: 1,
    };
  }

  async fetchPage(request: HistoryPageRequest): Promise<HistoryPage> {
    const { symbol, instrument } = request;
    const url = new URL(`${this.#config.dataUrl}/v2/stocks/${encodeURIComponent(symbol)}/bars`);
    url.searchParams.set('timeframe', this.#alpacaTimeframe);
    url.searchParams.set('start', formatTimestampUs(request.fromUs));
    // Alpaca's end is inclusive; the request's is not.
    url.searchParams.set('end', formatTimestampUs(request.toUs - 1));
    url.searchParams.set('limit', String(this.#pageLimit));
    url.searchParams.set('adjustment', 'raw');
    url.searchParams.set('feed', this.#config.feed);
    if (request.token !== undefined) url.searchParams.set('page_token', request.token);
    const body = await this.#get(url.toString());
    const list = body.bars ?? [];
    if (!Array.isArray(list)) throw new Error(`Alpaca ${url}: "bars" is not an array`);
    const precision = precisionOf(this.#config, symbol);
    const bars: Bar[] = [];
    for (const raw of list) {
      const bar = parseBar(raw as Record<string, unknown>, instrument.id, precision, undefined);
      if (bar instanceof AlpacaParseError)
        throw new Error(`Alpaca ${url}: bad bar ${JSON.stringify(raw).slice(0, 200)}: ${bar.reason}`);
      bars.push(bar);
    }
    const next = body.next_page_token;
    if (next === null || next === undefined || next === '') return { bars, last: true };
    if (typeof next !== 'string')
      throw new Error(`Alpaca ${url}: bad next_page_token ${JSON.stringify(next)}`);
    return { bars, token: next, last: false };
  }

  async close(): Promise<void> {}

  async #get(url: string): Promise<{ bars?: unknown; next_page_token?: unknown }> {
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(url, {
        headers: {
          'APCA-API-KEY-ID': this.#config.keyId,
          'APCA-API-SECRET-KEY': this.#config.secretKey,
          Accept: 'application/json',
        },
      });
      text = await response.text();
    } catch (error) {
      // fetch reports network failures (refused, reset, DNS) as TypeError.
      if (!(error instanceof TypeError)) throw error;
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new TransientHistoryError(`Alpaca ${url}: network error: ${cause ?? error.message}`, {
        cause: error,
      });
    }
    if (!response.ok) {
      const message = `Alpaca ${url}: HTTP ${response.status}: ${errorMessage(text)}`;
      if (response.status === 429 || response.status >= 500) throw new TransientHistoryError(message);
      throw new Error(message);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`Alpaca ${url}: response is not JSON: ${text.slice(0, 200)}`);
    }
    if (typeof body !== 'object' || body === null)
      throw new Error(`Alpaca ${url}: response is not an object`);
    return body;
  }
}

/** Alpaca's `message` from an error body, or the start of the text. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the text.
  }
  return text.slice(0, 200);
}
