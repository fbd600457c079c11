/**
 * Bar history of a ccxt exchange for `quantflow data download` (a {@link HistorySource}).
 *
 * Binance (and binance.us) is asked through ccxt's raw endpoint `GET /api/v3/klines`
 * (`publicGetKlines`: 1000 klines a request, `startTime`/`endTime` in ms) rather than the unified
 * `fetchOHLCV`, because the raw rows keep Binance's decimal strings: every price and volume is
 * parsed exactly at the market's precision, and one finer than that is an error, never rounded.
 * Other exchanges go through `fetchOHLCV(since, limit)`, whose floats are rounded to the market's
 * precision (exact for any value the venue can quote). Requests still go through ccxt: its rate
 * limiter, URL overrides (`QUANTFLOW_<EXCHANGE>_REST_URL`) and error mapping.
 */
import {
  TransientHistoryError,
  type HistoryPage,
  type HistoryPageRequest,
  type HistorySource,
} from '../../data/download/history-source.js';
import { parseTimeframe } from '../../data/download/timeframe.js';
import { Bar, ohlcProblem } from '../../model/data/bar.js';
import { parseInstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { CcxtConfig } from './config.js';
import { CCXT_TICK_SIZE, decimalsFromPrecision } from './precision.js';
import { createProExchange, isBinanceFamily, type CcxtMarket, type ProExchange } from './pro-exchange.js';

/** Klines per Binance request: the endpoint's maximum. */
export const BINANCE_KLINES_LIMIT = 1000;
/** Candles asked per `fetchOHLCV` call on other exchanges (each caps it at its own maximum). */
const OHLCV_LIMIT = 1000;

/** What the source needs of a ccxt exchange beyond {@link ProExchange}. */
type HistoryExchange = ProExchange & {
  readonly timeframes?: Record<string, string | undefined>;
  publicGetKlines(params: Record<string, unknown>): Promise<unknown>;
};

/** A market's symbol and exact rules. */
interface MarketRules {
  readonly market: CcxtMarket;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

/** True when `error` is a ccxt error of class `name` (or a subclass), matched by name. */
function isCcxtError(error: unknown, name: string): boolean {
  for (let p: unknown = error; p !== null && p !== undefined; p = Object.getPrototypeOf(p))
    if ((p as { constructor?: { name?: string } }).constructor?.name === name) return true;
  return false;
}

/** ccxt's `NetworkError` family (timeouts, 5xx, rate limits, lost connections) is worth a retry. */
function classify(error: unknown): unknown {
  if (!isCcxtError(error, 'NetworkError')) return error;
  return new TransientHistoryError(error instanceof Error ? error.message : String(error), { cause: error });
}

/** {@link HistorySource} of a ccxt exchange; see the module comment. */
export class CcxtHistorySource implements HistorySource {
  readonly venue: string;
  readonly timeframeUs: number;
  readonly #exchange: HistoryExchange;
  readonly #binance: boolean;
  readonly #interval: string;
  readonly #rules = new Map<string, MarketRules>();
  #loaded = false;

  private constructor(
    readonly config: CcxtConfig,
    readonly timeframe: string,
    exchange: HistoryExchange,
    timeframeUs: number,
    interval: string,
  ) {
    this.venue = config.exchangeId;
    this.#exchange = exchange;
    this.#binance = isBinanceFamily(config.exchangeId);
    this.timeframeUs = timeframeUs;
    this.#interval = interval;
  }

  /**
   * Creates the exchange (no request yet).
   *
   * @throws RangeError for an unknown exchange id or a timeframe the exchange does not offer
   */
  static async open(config: CcxtConfig, timeframe: string): Promise<CcxtHistorySource> {
    const parsed = parseTimeframe(timeframe);
    if (parsed === undefined) throw new RangeError(`timeframe "${timeframe}" is not like 1m, 5m, 1h, 1d`);
    const exchange = (await createProExchange(config, () => true)) as HistoryExchange;
    const interval = exchange.timeframes?.[timeframe];
    if (interval === undefined) {
      await exchange.close();
      const offered = Object.keys(exchange.timeframes ?? {}).join(', ');
      throw new RangeError(
        `${config.exchangeId} has no timeframe ${timeframe} (it offers ${offered || 'none'})`,
      );
    }
    return new CcxtHistorySource(config, timeframe, exchange, parsed.us, interval);
  }

  /** The market of a symbol given as the venue's id (`BTCUSDT`) or ccxt's (`BTC/USDT`). */
  async instrument(symbol: string): Promise<Instrument> {
    const { market, priceDecimals, sizeDecimals } = await this.#market(symbol);
    const venue = this.config.venue ?? this.config.exchangeId.toUpperCase();
    const id = parseInstrumentId(`${market.id}.${venue}`);
    if (!id.ok)
      throw new RangeError(`market id ${market.id} is not usable as an instrument id: ${id.error.reason}`);
    const tickMode = this.#exchange.precisionMode === CCXT_TICK_SIZE;
    const { price, amount } = market.precision;
    return {
      id: id.value,
      // In TICK_SIZE mode the precision is the tick itself (0.05 is a valid tick); else decimals.
      tickSize:
        tickMode && price !== undefined
          ? Price.fromNumber(price, priceDecimals)
          : Price.fromRaw(1, priceDecimals),
      lotSize:
        tickMode && amount !== undefined
          ? Quantity.fromNumber(amount, sizeDecimals)
          : Quantity.fromRaw(1, sizeDecimals),
      quoteCurrency: currency((market as CcxtMarket & { quote?: string }).quote ?? 'USD'),
      multiplier: 1,
    };
  }

  async fetchPage(request: HistoryPageRequest): Promise<HistoryPage> {
    const rules = await this.#market(request.symbol);
    const startMs = Math.ceil(request.fromUs / 1000);
    // Binance's endTime is inclusive; the request's end is not.
    const endMs = Math.ceil(request.toUs / 1000) - 1;
    try {
      if (this.#binance) {
        const rows = await this.#exchange.publicGetKlines({
          symbol: rules.market.id,
          interval: this.#interval,
          startTime: startMs,
          endTime: endMs,
          limit: BINANCE_KLINES_LIMIT,
        });
        if (!Array.isArray(rows))
          throw new Error(`klines: expected an array, got ${JSON.stringify(rows).slice(0, 100)}`);
        const bars = rows.map((row: unknown) => klineBar(request.instrument, rules, row));
        return { bars, last: rows.length < BINANCE_KLINES_LIMIT };
      }
      const candles = await this.#exchange.fetchOHLCV(
        rules.market.symbol,
        this.timeframe,
        startMs,
        OHLCV_LIMIT,
      );
      return { bars: candles.map((c) => candleBar(request.instrument, rules, c)), last: false };
    } catch (error) {
      throw classify(error);
    }
  }

  async close(): Promise<void> {
    await this.#exchange.close();
  }

  async #market(symbol: string): Promise<MarketRules> {
    const cached = this.#rules.get(symbol);
    if (cached !== undefined) return cached;
    if (!this.#loaded) {
      try {
        await this.#exchange.loadMarkets();
      } catch (error) {
        throw classify(error);
      }
      this.#loaded = true;
    }
    const markets = Object.values(this.#exchange.markets ?? {});
    const market = markets.find((m) => m.id === symbol || m.symbol === symbol);
    if (market === undefined) throw new RangeError(`${this.config.exchangeId} has no market ${symbol}`);
    const mode = this.#exchange.precisionMode;
    const rules = {
      market,
      priceDecimals: decimalsFromPrecision(market.precision.price, mode),
      sizeDecimals: decimalsFromPrecision(market.precision.amount, mode),
    };
    this.#rules.set(symbol, rules);
    return rules;
  }
}

/** A Binance kline row `[openTime, "open", "high", "low", "close", "volume", ...]` → {@link Bar}, exact. */
function klineBar(instrument: Instrument, rules: MarketRules, row: unknown): Bar {
  const bad = (why: string): Error => new Error(`kline ${JSON.stringify(row).slice(0, 120)}: ${why}`);
  if (!Array.isArray(row) || row.length < 6 || !Number.isSafeInteger(row[0])) throw bad('not a kline row');
  const text = (i: number): string => {
    if (typeof row[i] !== 'string') throw bad(`field ${i} is not a decimal string`);
    return row[i] as string;
  };
  try {
    const [open, high, low, close] = [1, 2, 3, 4].map((i) => Price.parse(text(i), rules.priceDecimals));
    const volume = Quantity.parse(text(5), rules.sizeDecimals);
    const problem = ohlcProblem(open, high, low, close);
    if (problem !== undefined) throw new Error(problem);
    const tsUs = (row[0] as number) * 1000;
    // Historical bars: seen when they happened, as for CSV imports (tsInit = tsEvent).
    return Bar.of(instrument.id, open, high, low, close, volume, tsUs, tsUs);
  } catch (error) {
    throw bad(
      `${(error as Error).message} (market precision: ${rules.priceDecimals} price, ${rules.sizeDecimals} size decimals)`,
    );
  }
}

/** A ccxt candle `[ms, open, high, low, close, volume]` → {@link Bar}, rounded to the market's precision. */
function candleBar(instrument: Instrument, rules: MarketRules, candle: readonly number[]): Bar {
  if (candle.length < 6 || !candle.every((v) => Number.isFinite(v)))
    throw new Error(`candle ${JSON.stringify(candle)} is invalid`);
  const [ms, o, h, l, c, v] = candle;
  const price = (x: number): Price => Price.fromNumber(x, rules.priceDecimals);
  const tsUs = ms * 1000;
  return Bar.of(
    instrument.id,
    price(o),
    price(h),
    price(l),
    price(c),
    Quantity.fromNumber(v, rules.sizeDecimals),
    tsUs,
    tsUs,
  );
}
