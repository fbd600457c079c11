/**
 * Creates the ccxt.pro (WebSocket) exchange for a data client: any ccxt exchange id, with the
 * URL overrides that point it at another host (a local test server, a gateway) and a hook that
 * sees every raw stream message before ccxt does (to report malformed ones).
 */
import ccxt from 'ccxt';
import type { CcxtConfig } from './config.js';

/** The part of a ccxt.pro exchange the data client uses. */
export interface ProExchange {
  readonly id: string;
  readonly precisionMode: number;
  markets: Record<string, CcxtMarket> | undefined;
  /** The books ccxt maintains, by symbol; `nonce` is the last applied update id. */
  readonly orderbooks?: Record<string, { readonly nonce?: number } | undefined>;
  /** The newest ticker per symbol (updated by every ticker message, watched or not). */
  readonly tickers?: Record<string, unknown>;
  /** Unified timeframe (`1m`) → the venue's interval name. */
  readonly timeframes?: Record<string, string>;
  loadMarkets(): Promise<Record<string, CcxtMarket>>;
  watchTrades(symbol: string): Promise<unknown[]>;
  watchOrderBook(symbol: string, limit?: number): Promise<unknown>;
  watchTicker(symbol: string): Promise<unknown>;
  watchOHLCV(symbol: string, timeframe: string): Promise<number[][]>;
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<number[][]>;
  close(): Promise<unknown>;
  loadHttpProxyAgent(): Promise<unknown>;
  has: Record<string, unknown>;
}

/** The part of a ccxt market the client uses. */
export interface CcxtMarket {
  readonly id: string;
  readonly symbol: string;
  readonly precision: { readonly price?: number; readonly amount?: number };
}

/** Sees a raw message (parsed JSON, or a string when it was not JSON); false stops it. */
export type RawMessageHook = (message: unknown) => boolean;

type ExchangeCtor = new (config: Record<string, unknown>) => {
  handleMessage(client: unknown, message: unknown): unknown;
  handleErrors(...args: unknown[]): unknown;
  log(...args: unknown[]): void;
};

/**
 * What the venue answered to a failed HTTP request, attached to the error ccxt throws for it as
 * `venueResponse`. ccxt's message does not always carry it: for messages it knows it throws
 * `binance <msg>` without the code (e.g. -2010 becomes `InsufficientFunds`).
 */
export interface VenueHttpError {
  readonly status: number;
  /** The parsed JSON body (Binance: `{ code, msg }`), when it was JSON. */
  readonly body: unknown;
}

/** True for the exchange ids whose URLs this module knows how to override. */
export const isBinanceFamily = (id: string): boolean => id === 'binance' || id === 'binanceus';

/**
 * Builds the exchange. Binance's overrides: `urls.api.public` and `.private` (REST v3 base:
 * exchangeInfo, depth, klines; orders, trades), `urls.api.ws.spot` (the market-stream base) and
 * `urls.api.ws['ws-api'].spot` (the WebSocket API, which carries the user data stream); other
 * exchanges take the ccxt defaults. Market loading is limited to spot for Binance: otherwise
 * `loadMarkets` also calls the futures hosts (fapi, dapi), which a spot data feed does not need.
 */
export async function createProExchange(config: CcxtConfig, hook: RawMessageHook): Promise<ProExchange> {
  const Base = (ccxt.pro as unknown as Record<string, ExchangeCtor | undefined>)[config.exchangeId];
  if (typeof Base !== 'function')
    throw new RangeError(`ccxt has no WebSocket exchange "${config.exchangeId}"`);

  class Hooked extends Base {
    override handleMessage(client: unknown, message: unknown): unknown {
      return hook(message) ? super.handleMessage(client, message) : undefined;
    }

    // ccxt's handleErrors(code, reason, url, method, headers, body, response, ...) throws the
    // mapped error class; the venue's own answer is kept on it for callers that report it.
    override handleErrors(...args: unknown[]): unknown {
      try {
        return super.handleErrors(...args);
      } catch (e) {
        if (typeof e === 'object' && e !== null) {
          const venueResponse: VenueHttpError = { status: args[0] as number, body: args[6] };
          Object.defineProperty(e, 'venueResponse', { value: venueResponse, enumerable: false });
        }
        throw e;
      }
    }

    // ccxt prints JSON parse failures of stream messages to the console; the hook already
    // reports those messages to the sink (counted, logged once per kind), so they stay quiet.
    override log(): void {}
  }

  const binance = isBinanceFamily(config.exchangeId);
  const options: Record<string, unknown> = {
    ...(binance
      ? {
          fetchMarkets: { types: ['spot'] },
          fetchMargins: false,
          fetchCurrencies: false,
          // ccxt 4.5.84's binance watchTicker subscribes `<sym>@miniTicker`, which carries no
          // bid/ask, so every quote would be malformed; `<sym>@ticker` has the best bid/ask and sizes.
          watchTickers: { name: 'ticker' },
        }
      : {}),
    ...config.options,
  };
  const exchange = new Hooked({
    enableRateLimit: true,
    options,
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
    ...(config.secret === undefined ? {} : { secret: config.secret }),
  }) as unknown as ProExchange & { urls: { api: Record<string, unknown> } };

  if (config.restUrl !== undefined) {
    if (!binance)
      throw new RangeError(`REST URL override is only supported for binance, not ${config.exchangeId}`);
    exchange.urls.api.public = config.restUrl;
    // Signed spot endpoints (orders, trades); a data client never calls them.
    exchange.urls.api.private = config.restUrl;
  }
  if (config.wsUrl !== undefined) {
    if (!binance)
      throw new RangeError(`WebSocket URL override is only supported for binance, not ${config.exchangeId}`);
    const ws = exchange.urls.api.ws as Record<string, unknown>;
    ws.spot = config.wsUrl;
    ws.margin = config.wsUrl;
  }
  if (config.wsApiUrl !== undefined) {
    if (!binance)
      throw new RangeError(
        `WebSocket API URL override is only supported for binance, not ${config.exchangeId}`,
      );
    const ws = exchange.urls.api.ws as Record<string, Record<string, unknown>>;
    ws['ws-api'] = { ...ws['ws-api'], spot: config.wsApiUrl };
  }
  // ccxt refuses plain ws:// URLs until its HTTP agent is loaded (it assumes a proxy).
  if (config.wsUrl?.startsWith('ws://') === true || config.wsApiUrl?.startsWith('ws://') === true)
    await exchange.loadHttpProxyAgent();
  return exchange;
}
