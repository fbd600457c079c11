/**
 * The network venues of `quantflow stream`: a ccxt exchange (Binance or any ccxt id with a
 * WebSocket API) or Alpaca, each built from the environment (or, for Alpaca, a JSON file) and
 * turned into a {@link StreamSource}. Kept apart from the command so the sim and replay paths stay
 * as they were, and so ccxt (a large module) is only loaded when a ccxt venue is asked for.
 */
import { ALPACA_VENUE, AlpacaDataClient } from '../adapters/alpaca/alpaca-data-client.js';
import {
  alpacaConfigFromEnv,
  alpacaConfigFromFile,
  type AlpacaConfig,
} from '../adapters/alpaca/alpaca-config.js';
import type { CcxtDataClient } from '../adapters/ccxt/data-client.js';
import type { Clock } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { DataKind, type DataClient } from '../data/feed/data-client.js';
import type { FeedPipeline } from '../data/feed/feed-pipeline.js';
import { instrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import { fileErrorsAsInput } from './file-errors.js';

/** A client and, once it is connected, what to stream from it. */
export interface StreamSource {
  readonly client: DataClient;
  /** On the network: connecting is bounded in time and its failures are reported as the user's to fix. */
  readonly live: boolean;
  /**
   * The instruments and the kinds to subscribe for each. Called after connect, because a ccxt
   * venue resolves the symbols against the markets it loaded.
   */
  plan(): { instruments: InstrumentId[]; kinds: DataKind[] };
}

/** The symbols streamed when `--symbols` is not given, per kind of venue. */
export const DEFAULT_SYMBOLS = { sim: 'BTCUSD,ETHUSD', ccxt: 'BTC/USDT,ETH/USDT', alpaca: 'AAPL,MSFT' };

/** Splits `--symbols`, rejecting empty entries and repeats. */
export function splitSymbols(text: string): string[] {
  const symbols = text.split(',').map((s) => s.trim());
  if (symbols.some((s) => s === '')) throw new InputError(`option --symbols: empty symbol in "${text}"`);
  if (new Set(symbols).size !== symbols.length)
    throw new InputError(`option --symbols: a symbol is listed twice`);
  return symbols;
}

/**
 * Alpaca from `--config FILE` (keys missing there come from the environment) or from `APCA_*`
 * variables. Symbols: `AAPL` or `AAPL.ALPACA` (upper-cased); streams trades, quotes and the
 * venue's 1-minute bars.
 */
export function alpacaSource(
  symbolsText: string,
  configFile: string | undefined,
  clock: Clock,
): StreamSource {
  const instruments = splitSymbols(symbolsText).map((s) => {
    const [symbol, venue, ...rest] = s.toUpperCase().split('.');
    if (rest.length > 0 || (venue !== undefined && venue !== ALPACA_VENUE))
      throw new InputError(
        `option --symbols: "${s}": expected SYMBOL or SYMBOL.ALPACA (symbols with a dot, like BRK.B, are not supported yet)`,
      );
    try {
      return instrumentId(symbol, ALPACA_VENUE);
    } catch {
      throw new InputError(`option --symbols: "${s}" is not a valid symbol`);
    }
  });
  if (new Set(instruments).size !== instruments.length)
    throw new InputError(`option --symbols: a symbol is listed twice`);
  const config = readAlpacaConfig(configFile);
  return {
    client: new AlpacaDataClient({ config, clock }),
    live: true,
    plan: () => ({ instruments, kinds: [DataKind.TRADES, DataKind.QUOTES, DataKind.BARS] }),
  };
}

function readAlpacaConfig(file: string | undefined): AlpacaConfig {
  try {
    if (file === undefined) return alpacaConfigFromEnv(process.env);
    return fileErrorsAsInput(file, 'cannot read the Alpaca config', () => alpacaConfigFromFile(file));
  } catch (e) {
    if (e instanceof InputError) throw e;
    // Missing keys, a bad feed name, a file that is not JSON: all fixable by the user.
    throw new InputError(`--venue alpaca: ${(e as Error).message}`, file === undefined ? {} : { file });
  }
}

/**
 * A ccxt exchange by id, configured by `QUANTFLOW_<EXCHANGE>_*` (see `ccxtConfigFromEnv`).
 * Symbols: the ccxt symbol (`BTC/USDT`) or the venue's market id (`BTCUSDT`), optionally with the
 * venue suffix (`BTCUSDT.BINANCE`); instruments are named by the market id. Streams trades, the
 * order book and quotes (ccxt tickers), each where the exchange supports it.
 */
export async function ccxtSource(
  exchangeId: string,
  symbolsText: string,
  clock: Clock,
): Promise<StreamSource> {
  const ccxt = (await import('ccxt')).default;
  // ccxt.pro lists its ids at run time; its typings only name the classes.
  const streaming = (ccxt.pro as unknown as { exchanges: string[] }).exchanges;
  if (!streaming.includes(exchangeId)) {
    if (ccxt.exchanges.includes(exchangeId))
      throw new InputError(`option --venue: ccxt's ${exchangeId} has no WebSocket API, so it cannot stream`);
    throw new InputError(
      `option --venue: unknown venue '${exchangeId}' (known: sim, replay, alpaca, or a ccxt exchange id such as binance, kraken, coinbase)`,
    );
  }
  const { ccxtConfigFromEnv } = await import('../adapters/ccxt/config.js');
  const { CcxtDataClient } = await import('../adapters/ccxt/data-client.js');
  const { isBinanceFamily } = await import('../adapters/ccxt/pro-exchange.js');
  const config = ccxtConfigFromEnv(exchangeId, process.env);
  if ((config.restUrl !== undefined || config.wsUrl !== undefined) && !isBinanceFamily(exchangeId)) {
    const prefix = `QUANTFLOW_${exchangeId.toUpperCase()}_`;
    throw new InputError(`${prefix}REST_URL and ${prefix}WS_URL are only supported for binance`);
  }
  const client = new CcxtDataClient(config, { clock });
  const symbols = splitSymbols(symbolsText).map((s) =>
    s.toUpperCase().endsWith(`.${client.venue}`) ? s.slice(0, -client.venue.length - 1) : s,
  );
  return { client, live: true, plan: () => ccxtPlan(client, symbols) };
}

/** Resolves symbols against the loaded markets and picks the kinds the exchange can watch. */
function ccxtPlan(
  client: CcxtDataClient,
  symbols: string[],
): { instruments: InstrumentId[]; kinds: DataKind[] } {
  const exchange = client.exchange;
  if (exchange === undefined) throw new Error('ccxtPlan before connect');
  const markets = Object.values(exchange.markets ?? {});
  const instruments = symbols.map((s) => {
    const upper = s.toUpperCase();
    const market =
      markets.find((m) => m.id === s || m.symbol === s) ??
      markets.find((m) => m.id.toUpperCase() === upper || m.symbol.toUpperCase() === upper);
    if (market === undefined)
      throw new InputError(
        `option --symbols: ${client.config.exchangeId} has no market "${s}" (give the ccxt symbol, BTC/USDT, or the venue's id, BTCUSDT)`,
      );
    try {
      return client.instrumentIdOf(market.id);
    } catch {
      throw new InputError(`option --symbols: the market id "${market.id}" of "${s}" is not a valid symbol`);
    }
  });
  if (new Set(instruments).size !== instruments.length)
    throw new InputError(`option --symbols: two symbols name the same market`);
  const has = exchange.has;
  const kinds = [
    ...(has.watchTrades === true ? [DataKind.TRADES] : []),
    ...(has.watchTicker === true ? [DataKind.QUOTES] : []),
    ...(has.watchOrderBook === true ? [DataKind.BOOK] : []),
  ];
  if (kinds.length === 0)
    throw new InputError(
      `option --venue: ccxt's ${client.config.exchangeId} can watch neither trades, tickers nor books`,
    );
  return { instruments, kinds };
}

/**
 * Connects a network client, giving up after `withinUs`: Alpaca retries a refused socket forever
 * (the port's backoff), so without a bound a wrong URL would hang the command. Failures become
 * {@link InputError}s (exit 1): wrong keys, URLs or an unreachable host are the user's to fix.
 */
export async function connectLive(
  pipeline: FeedPipeline,
  client: DataClient,
  withinUs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const attached = pipeline.attach(client).then(() => true);
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), withinUs / 1000);
  });
  try {
    if (await Promise.race([attached, timedOut])) return;
    attached.catch(() => {}); // disconnecting rejects the pending connect: already handled here
    await client.disconnect();
    throw new InputError(`no connection to ${client.venue} within ${withinUs / 1e6}s (see the status lines)`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    await client.disconnect().catch(() => {});
    throw new InputError(`cannot connect to ${client.venue}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
  }
}
