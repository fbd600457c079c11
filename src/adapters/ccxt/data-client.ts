/**
 * A {@link DataClient} for any ccxt exchange, on ccxt.pro's WebSocket API: one watch loop per
 * subscription (`watchTrades`, `watchOrderBook`, `watchTicker`, `watchOHLCV`), each normalizing
 * what ccxt resolves and pushing it into the sink.
 *
 * What ccxt does and what this client adds:
 * - ccxt keeps the order book: it buffers diffs, fetches the REST snapshot and applies Binance's
 *   `U`/`u` rules. On a sequence gap it throws `ChecksumError` (an `InvalidNonce`) from
 *   `watchOrderBook` and forgets the book; calling again resubscribes and fetches a new snapshot.
 *   This client counts the gap ({@link CcxtFeedStats.gaps}), reports it in a status detail, and
 *   calls again: the next book delivered is the rebuilt one. Books reach the sink as snapshots.
 * - ccxt reconnects nothing by itself: a dropped socket rejects the pending watch with a
 *   `NetworkError`. The loop then reports `RECONNECTING`, waits out the {@link ReconnectPolicy}
 *   delay and calls the watch again, which opens a new socket and subscribes again.
 * - Raw messages are checked before ccxt sees them (Binance: {@link checkBinanceMessage});
 *   malformed ones go to `onMalformed` and are skipped.
 * - ccxt resolves a watch with the message that completed it; messages arriving before the loop
 *   calls again resolve nothing (a burst of tickers in one socket read yields one). So for Binance,
 *   tickers and klines are normalized from the raw messages as they arrive (exact decimal strings,
 *   the kline's closed flag `x`, which ccxt drops) and queued on their loop; each resolved watch
 *   delivers the queue. A bar is delivered on its candle's closing update, once per open time.
 *   Other exchanges: the newest ticker ccxt holds, and a candle once the next one starts.
 */
import type { Clock } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import { instrumentId, symbolOf, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import {
  DataKind,
  FeedStatus,
  subscriptionKey,
  type DataClient,
  type DataSink,
  type Subscription,
} from '../../data/feed/data-client.js';
import { ReconnectPolicy, type ReconnectOptions } from '../../data/feed/reconnect-policy.js';
import type { Bar } from '../../model/data/bar.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import { checkBinanceMessage, sampleOf, type WireProblem } from './binance-wire.js';
import type { CcxtConfig } from './config.js';
import {
  binanceClosedKline,
  binanceQuote,
  toBar,
  toBookSnapshot,
  toQuoteTick,
  toTradeTick,
  type CcxtBookLike,
  type CcxtTickerLike,
  type CcxtTradeLike,
  type MarketSpec,
} from './normalize.js';
import { decimalsFromPrecision } from './precision.js';
import { createProExchange, isBinanceFamily, type ProExchange } from './pro-exchange.js';

/** Settings beyond the exchange config. */
export interface CcxtDataClientOptions {
  readonly clock: Clock;
  /** Backoff of each watch loop after a network error (times in µs). */
  readonly reconnect?: ReconnectOptions;
  /** Seed of the backoff jitter (default 1). */
  readonly seed?: number;
  /** Book levels per side delivered when a subscription names no depth (default 20). */
  readonly defaultDepth?: number;
}

/** Counters of what ccxt's layer saw, beyond what the sink counts itself. */
export interface CcxtFeedStats {
  /** Order-book sequence gaps (ccxt `InvalidNonce`/`ChecksumError`); each led to a new snapshot. */
  gaps: number;
  /** Watch calls retried after a network error. */
  reconnectAttempts: number;
  /** Other errors thrown by a watch call (retried after a backoff). */
  errors: number;
  /** Closed candles not delivered because a bar at or after their open time already was (resends). */
  repeatedBars: number;
}

/** The ccxt error class names the loop tells apart (matched by name along the prototype chain). */
const isError = (e: unknown, name: string): boolean => {
  for (let p: unknown = e; p !== null && p !== undefined; p = Object.getPrototypeOf(p))
    if ((p as { constructor?: { name?: string } }).constructor?.name === name) return true;
  return false;
};

interface Loop {
  readonly subscription: Subscription;
  readonly spec: MarketSpec;
  readonly policy: ReconnectPolicy;
  active: boolean;
  /** Bars (not Binance): the newest candle seen, delivered once a later candle shows it is complete. */
  pendingCandle?: number[];
  /** Bars: open time (ms) of the last bar delivered; a candle at or before it is a resend. */
  lastBarMs: number;
  /** Quotes (not Binance): the ccxt ticker delivered last, not to deliver it twice. */
  lastTicker?: unknown;
  /** Binance quotes and bars: events built from raw messages, delivered when the watch resolves. */
  readonly queued?: (QuoteTick | Bar)[];
}

export class CcxtDataClient implements DataClient {
  readonly venue: string;
  readonly stats: CcxtFeedStats = { gaps: 0, reconnectAttempts: 0, errors: 0, repeatedBars: 0 };
  #status: FeedStatus = FeedStatus.DISCONNECTED;
  #sink: DataSink | undefined;
  #exchange: ProExchange | undefined;
  readonly #loops = new Map<string, Loop>();
  /** Loops whose last watch failed with a network error. */
  readonly #down = new Set<string>();
  readonly #specs = new Map<InstrumentId, MarketSpec>();
  /** Venue market id (`BTCUSDT`) → ccxt symbol, for the subscribed markets. */
  readonly #symbolsById = new Map<string, string>();
  /** Binance quote and bar loops by raw stream key (`BTCUSDT|ticker`, `BTCUSDT|kline_1m`). */
  readonly #rawLoops = new Map<string, Loop>();
  readonly #random: SeededRandom;
  readonly #timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  constructor(
    readonly config: CcxtConfig,
    private readonly options: CcxtDataClientOptions,
  ) {
    this.venue = config.venue ?? config.exchangeId.toUpperCase();
    this.#random = new SeededRandom(options.seed ?? 1);
  }

  get status(): FeedStatus {
    return this.#status;
  }

  /** The ccxt exchange (after {@link connect}), for REST history (`fetchOHLCV`). */
  get exchange(): ProExchange | undefined {
    return this.#exchange;
  }

  /** Creates the exchange and loads its markets (REST); the sockets open on subscribe. */
  async connect(sink: DataSink): Promise<void> {
    this.#sink = sink;
    this.#setStatus(FeedStatus.CONNECTING);
    const binance = isBinanceFamily(this.config.exchangeId);
    this.#exchange = await createProExchange(this.config, (message) => {
      const problem = binance
        ? (checkBinanceMessage(message) ?? this.#staleDepth(message) ?? this.#capture(message))
        : undefined;
      if (problem === undefined) return true;
      this.#sink?.onMalformed(problem.kind, sampleOf(message), problem.reason);
      return false;
    });
    try {
      await this.#exchange.loadMarkets();
    } catch (e) {
      this.#setStatus(FeedStatus.DISCONNECTED, `loading markets failed: ${String(e)}`);
      throw e;
    }
    this.#setStatus(FeedStatus.CONNECTED);
  }

  async disconnect(): Promise<void> {
    for (const loop of this.#loops.values()) loop.active = false;
    this.#loops.clear();
    this.#rawLoops.clear();
    for (const t of this.#timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.#timers.clear();
    const exchange = this.#exchange;
    this.#exchange = undefined;
    this.#setStatus(FeedStatus.CLOSED);
    this.#sink = undefined;
    await exchange?.close();
  }

  /**
   * Starts the watch loop of a subscription. Resolves once the watch is issued: ccxt confirms a
   * subscription only by delivering data, which may take a while on a quiet market.
   */
  async subscribe(subscription: Subscription): Promise<void> {
    const key = subscriptionKey(subscription);
    if (this.#loops.has(key)) return;
    const spec = this.#spec(subscription.instrumentId);
    const rawKey = this.#rawKey(subscription);
    const loop: Loop = {
      subscription,
      spec,
      policy: new ReconnectPolicy(this.#random, this.options.reconnect),
      active: true,
      lastBarMs: -Infinity,
      ...(rawKey === undefined ? {} : { queued: [] }),
    };
    this.#loops.set(key, loop);
    if (rawKey !== undefined) this.#rawLoops.set(rawKey, loop);
    void this.#run(key, loop);
  }

  async unsubscribe(subscription: Subscription): Promise<void> {
    const loop = this.#loops.get(subscriptionKey(subscription));
    if (loop === undefined) return;
    loop.active = false;
    this.#loops.delete(subscriptionKey(subscription));
    const rawKey = this.#rawKey(subscription);
    if (rawKey !== undefined) this.#rawLoops.delete(rawKey);
  }

  /**
   * ccxt's book is gap-free by construction (it resyncs itself), so the current book is a valid
   * snapshot: the next one the book loop receives is delivered as such, which is all a sink that
   * saw a gap needs.
   */
  requestBookSnapshot(id: InstrumentId): void {
    void id;
  }

  /** The instrument id of a ccxt market on this venue (`BTC/USDT` → `BTCUSDT.BINANCE`). */
  instrumentIdOf(marketId: string): InstrumentId {
    return instrumentId(marketId, this.venue);
  }

  /**
   * A depth diff entirely older than what ccxt's book already applied arrived out of order (or
   * was replayed). ccxt drops it silently; it is reported here so health counts it.
   */
  #staleDepth(message: unknown): WireProblem | undefined {
    const m = message as { e?: unknown; s?: unknown; u?: unknown };
    if (m.e !== 'depthUpdate' || typeof m.s !== 'string' || typeof m.u !== 'number') return undefined;
    const symbol = this.#symbolsById.get(m.s);
    const nonce = symbol === undefined ? undefined : this.#exchange?.orderbooks?.[symbol]?.nonce;
    return nonce !== undefined && m.u <= nonce
      ? { kind: 'out-of-order', reason: `depthUpdate u=${m.u} is not after the applied ${nonce}` }
      : undefined;
  }

  /** The raw stream key of a Binance quote or bar subscription (market id + ticker / kline interval). */
  #rawKey(subscription: Subscription): string | undefined {
    if (!isBinanceFamily(this.config.exchangeId)) return undefined;
    const marketId = this.#marketIdOf(subscription.instrumentId);
    if (subscription.kind === DataKind.QUOTES) return `${marketId}|ticker`;
    if (subscription.kind !== DataKind.BARS) return undefined;
    const timeframe = subscription.interval ?? '1m';
    return `${marketId}|kline_${this.#exchange?.timeframes?.[timeframe] ?? timeframe}`;
  }

  #marketIdOf(id: InstrumentId): string | undefined {
    const symbol = this.#spec(id).symbol;
    for (const [marketId, s] of this.#symbolsById) if (s === symbol) return marketId;
    return undefined;
  }

  /**
   * Binance: builds the quote or closed bar of a ticker or kline event for a subscribed loop (the
   * client's reading, exact; ccxt's own parse of the message only wakes the loop), or says why
   * the event is malformed.
   */
  #capture(message: unknown): WireProblem | undefined {
    const m = message as Record<string, unknown>;
    if (m.e === '24hrTicker') {
      const loop = this.#rawLoops.get(`${String(m.s)}|ticker`);
      if (loop === undefined) return undefined;
      const quote = binanceQuote(loop.spec, m, this.options.clock.timestampUs());
      if (typeof quote === 'string') return { kind: '24hrTicker', reason: quote };
      loop.queued?.push(quote);
    } else if (m.e === 'kline') {
      const k = m.k as Record<string, unknown>;
      const loop = this.#rawLoops.get(`${String(m.s)}|kline_${String(k.i)}`);
      if (loop === undefined) return undefined;
      const bar = binanceClosedKline(loop.spec, k, this.options.clock.timestampUs());
      if (typeof bar === 'string') return { kind: 'kline', reason: bar };
      if (bar !== undefined) loop.queued?.push(bar);
    }
    return undefined;
  }

  /**
   * How an instrument's values are built (tick and lot decimals) and the currency it is quoted
   * in, from the loaded markets (after connect).
   */
  marketSpec(id: InstrumentId): MarketSpec & { readonly quote: string } {
    const spec = this.#spec(id);
    const market = Object.values(this.#exchange?.markets ?? {}).find((m) => m.symbol === spec.symbol);
    const quote = (market as { quote?: string } | undefined)?.quote ?? spec.symbol.split('/')[1] ?? '';
    return { ...spec, quote: quote.toUpperCase() };
  }

  #spec(id: InstrumentId): MarketSpec {
    const cached = this.#specs.get(id);
    if (cached !== undefined) return cached;
    const exchange = this.#exchange;
    if (exchange?.markets === undefined) throw new Error('connect() before subscribing');
    const symbol = symbolOf(id);
    const market = Object.values(exchange.markets).find(
      (m) => m.id === symbol || m.symbol === symbol || m.symbol.replace('/', '') === symbol,
    );
    if (market === undefined) throw new RangeError(`${this.config.exchangeId} has no market ${symbol}`);
    const spec: MarketSpec = {
      instrumentId: id,
      symbol: market.symbol,
      priceDecimals: decimalsFromPrecision(market.precision.price, exchange.precisionMode),
      sizeDecimals: decimalsFromPrecision(market.precision.amount, exchange.precisionMode),
    };
    this.#specs.set(id, spec);
    this.#symbolsById.set(market.id, market.symbol);
    return spec;
  }

  async #run(key: string, loop: Loop): Promise<void> {
    while (loop.active && this.#exchange !== undefined) {
      const exchange = this.#exchange;
      try {
        const result = await this.#watch(exchange, loop);
        if (!loop.active || this.#sink === undefined) return;
        this.#up(key, loop);
        this.#deliver(loop, result);
      } catch (e) {
        if (!loop.active || this.#sink === undefined) return;
        if (isError(e, 'InvalidNonce')) {
          // ccxt dropped the book on a sequence gap; watching again resubscribes + re-snapshots.
          this.stats.gaps++;
          this.#sink.onStatus(
            this.#status,
            `${loop.spec.instrumentId}: book sequence gap, rebuilding from a snapshot`,
          );
          continue;
        }
        if (isError(e, 'NetworkError')) {
          this.stats.reconnectAttempts++;
          this.#down.add(key);
          if (this.#status === FeedStatus.CONNECTED) this.#setStatus(FeedStatus.RECONNECTING, String(e));
        } else {
          this.stats.errors++;
          this.#sink.onMalformed('ccxt-error', String(e).slice(0, 200), 'watch call failed');
        }
        const delayUs = loop.policy.nextDelayUs();
        if (delayUs === undefined) {
          loop.active = false;
          this.#setStatus(FeedStatus.CLOSED, `reconnect attempts exhausted: ${String(e)}`);
          return;
        }
        await this.#sleep(delayUs);
      }
    }
  }

  #watch(exchange: ProExchange, loop: Loop): Promise<unknown> {
    const { subscription, spec } = loop;
    switch (subscription.kind) {
      case DataKind.TRADES:
        return exchange.watchTrades(spec.symbol);
      case DataKind.BOOK:
        return exchange.watchOrderBook(spec.symbol);
      case DataKind.QUOTES:
        return exchange.watchTicker(spec.symbol);
      case DataKind.BARS:
        return exchange.watchOHLCV(spec.symbol, subscription.interval ?? '1m');
    }
  }

  #deliver(loop: Loop, result: unknown): void {
    const sink = this.#sink;
    if (sink === undefined) return;
    const tsInit = this.options.clock.timestampUs();
    const { subscription, spec } = loop;
    const report = (kind: string, raw: unknown, reason: string): void =>
      sink.onMalformed(kind, sampleOf(raw), reason);
    switch (subscription.kind) {
      case DataKind.TRADES:
        for (const t of result as CcxtTradeLike[]) {
          const tick = toTradeTick(spec, t, tsInit);
          if (typeof tick === 'string') report('trade', t.info ?? t, tick);
          else sink.onTrade(tick);
        }
        return;
      case DataKind.BOOK: {
        const depth = subscription.depth ?? this.options.defaultDepth ?? 20;
        const update = toBookSnapshot(spec, result as CcxtBookLike, depth, tsInit);
        if (typeof update === 'string') report('book', { nonce: (result as CcxtBookLike).nonce }, update);
        else sink.onBookUpdate(update);
        return;
      }
      case DataKind.QUOTES: {
        if (loop.queued !== undefined) {
          for (const quote of loop.queued.splice(0)) sink.onQuote(quote as QuoteTick);
          return;
        }
        // The newest ticker ccxt holds: the resolved one may have been overtaken already.
        const ticker = this.#exchange?.tickers?.[spec.symbol] ?? result;
        if (ticker === loop.lastTicker) return;
        loop.lastTicker = ticker;
        const quote = toQuoteTick(spec, ticker as CcxtTickerLike, tsInit);
        if (typeof quote === 'string') report('ticker', ticker, quote);
        else sink.onQuote(quote);
        return;
      }
      case DataKind.BARS:
        if (loop.queued !== undefined)
          for (const bar of loop.queued.splice(0)) this.#bar(loop, bar as Bar, bar.tsEvent / 1000);
        else for (const candle of result as number[][]) this.#candle(loop, candle, tsInit);
        return;
    }
  }

  /** Delivers a bar unless one at or after its open time was (a resend after a reconnect). */
  #bar(loop: Loop, bar: Bar, openMs: number): void {
    if (openMs <= loop.lastBarMs) {
      this.stats.repeatedBars++;
      return;
    }
    loop.lastBarMs = openMs;
    this.#sink?.onBar(bar);
  }

  /** ccxt repeats the forming candle on every update: a bar is delivered once the next one starts. */
  #candle(loop: Loop, candle: number[], tsInit: number): void {
    const pending = loop.pendingCandle;
    if (pending !== undefined && candle[0] > pending[0]) {
      const bar = toBar(loop.spec, pending, tsInit);
      if (typeof bar === 'string') this.#sink?.onMalformed('candle', sampleOf(pending), bar);
      else this.#bar(loop, bar, pending[0]);
    }
    if (pending === undefined || candle[0] >= pending[0]) loop.pendingCandle = [...candle];
  }

  #up(key: string, loop: Loop): void {
    loop.policy.reset();
    if (this.#down.delete(key) && this.#down.size === 0 && this.#status === FeedStatus.RECONNECTING)
      this.#setStatus(FeedStatus.CONNECTED, 'resubscribed');
  }

  #setStatus(status: FeedStatus, detail?: string): void {
    this.#status = status;
    this.#sink?.onStatus(status, detail);
  }

  #sleep(us: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(
          () => {
            this.#timers.delete(entry);
            resolve();
          },
          Math.ceil(us / 1000),
        ),
        resolve,
      };
      this.#timers.add(entry);
    });
  }
}
