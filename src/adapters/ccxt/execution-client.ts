/**
 * An {@link ExecutionClient} for Binance spot through ccxt 4.5.84: orders over signed REST
 * (`createOrder` with our client order id as Binance's `newClientOrderId`, `cancelOrder` and
 * `fetchOrder` by `origClientOrderId`, `fetchOpenOrders`, `fetchMyTrades`) and order updates from
 * the user data stream, which ccxt.pro opens on Binance's WebSocket API
 * (`userDataStream.subscribe.signature`; `watchOrders`).
 *
 * Where each report comes from:
 * - Fills come from the stream's `executionReport` (x = TRADE), read from the raw message before
 *   ccxt parses it, so prices, quantities and commission are Binance's exact decimal strings
 *   (ccxt's own order objects are floats and merge updates of one order). They are forwarded as
 *   received, repeats included: the engine drops a repeated trade id, so nothing counts twice.
 * - Status reports (accepted, canceled, expired, rejected) come from whichever answer is first,
 *   the REST reply or the stream; the client makes each at most once per order.
 * - A REST answer that ends an order (a cancel's reply) whose fills the stream has not delivered
 *   yet is held until they arrive, so the engine sees the fills before the end; if they do not come
 *   within `settleMs`, the client asks the venue (`fetchOrder`, `myTrades` of the order).
 *
 * Failures: a venue refusal (HTTP 4xx with Binance's `{code, msg}`) becomes OrderRejected /
 * OrderCancelRejected with the venue's code (`-2010`) and message. A request whose outcome is
 * unknown (network error, timeout, 5xx) is never assumed refused: the client waits, then asks the
 * venue for the order by client order id and reports what it says (accepted + fills + end, or
 * SUBMIT_NOT_RECEIVED once the venue says it has no such order and the request can no longer
 * arrive). Nothing throws out of submitOrder or cancelOrder.
 *
 * Stream loss: ccxt rejects the pending watch; the client backs off ({@link ReconnectPolicy}),
 * subscribes again and then reconciles what it missed: fills since the last stream event
 * ({@link fillsSince}, from `myTrades`) and the working orders ({@link openOrders}); orders it
 * tracks that are no longer open are read back one by one.
 *
 * Not supported: modifying orders (Binance spot modifies by cancel-replace, which gives the order a
 * new id; the engine answers MODIFY_NOT_SUPPORTED), DAY/GTD and reduce-only orders (refused with
 * stable codes). Binance spot sends no report when a stop triggers: a stop's fills imply it.
 */
import type { Clock } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import type { Logger } from '../../common/logger.js';
import { ReconnectPolicy, type ReconnectOptions } from '../../data/feed/reconnect-policy.js';
import type { ExecutionClient, VenueFillReport, VenueOrderReport } from '../../execution/execution-client.js';
import type { OrderEvent, OrderFilled } from '../../model/events/order-events.js';
import { instrumentId, symbolOf, venueOf, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, VenueOrderId } from '../../model/identifiers/order-ids.js';
import { parseClientOrderId } from '../../model/identifiers/order-ids.js';
import type { Order } from '../../model/orders/order.js';
import { OrderType, TimeInForce } from '../../model/orders/order-enums.js';
import { currency } from '../../model/types/currency.js';
import { sampleOf } from './binance-wire.js';
import type { CcxtConfig } from './config.js';
import { CcxtExecutionCode } from './execution-codes.js';
import { BINANCE_ORDER_NOT_FOUND, classifyFailure } from './execution-errors.js';
import {
  eventOfReport,
  fillOfTrade,
  quantityOf,
  reportOfOrderRow,
  WORKING_STATUSES,
  type BinanceOrderRow,
  type BinanceTradeRow,
  type ExecutionMarket,
} from './execution-mapping.js';
import { readExecutionReport } from './execution-report.js';
import { decimalsFromPrecision } from './precision.js';
import { createProExchange, isBinanceFamily } from './pro-exchange.js';

/** Settings beyond the exchange config (`apiKey`, `secret`, URL overrides). Times in ms unless named µs. */
export interface CcxtExecutionOptions {
  readonly clock: Clock;
  /** Where stream drops, malformed reports and unresolved orders are logged. */
  readonly logger?: Logger;
  /** Backoff of the user data stream after a drop (µs; default 0.5 s doubling to 30 s). */
  readonly reconnect?: ReconnectOptions;
  /** Seed of the backoff jitter (default 1). */
  readonly seed?: number;
  /** ccxt's timeout per HTTP request (default 10 000). */
  readonly requestTimeoutMs?: number;
  /** Wait before asking the venue about an order whose submit or cancel had an unknown outcome (default 1 000). */
  readonly reconcileDelayMs?: number;
  /** Queries of such an order before giving up on it (default 6; the wait doubles each time). */
  readonly reconcileAttempts?: number;
  /**
   * How long after sending a submit the venue can still receive it (default 11 000: ccxt sends
   * `recvWindow` 10 s, after which Binance refuses a late request). Before that, "no such order"
   * is not final: the request may still be on its way.
   */
  readonly submitWindowMs?: number;
  /** How long a REST answer that ends an order waits for its fills on the stream (default 2 000). */
  readonly settleMs?: number;
  /** The strategy of an order this client did not send (e.g. from before a restart); default none (''). */
  readonly strategyOf?: (clientOrderId: ClientOrderId) => StrategyId | undefined;
  /** Instruments whose trades {@link CcxtExecutionClient.fillsSince} reads besides those traded through the client. */
  readonly instruments?: readonly InstrumentId[];
  /** Tracked orders kept after they ended, to recognise late repeats (default 10 000). */
  readonly maxDoneOrders?: number;
}

/** What the client saw, beyond what the engine counts itself. */
export interface CcxtExecutionStats {
  /** `executionReport` events read from the stream. */
  streamReports: number;
  /** Stream messages that were not JSON or a report with a missing or invalid field: skipped. */
  malformedReports: number;
  /** Reports about symbols that are no market of the exchange: skipped. */
  unknownSymbolReports: number;
  /** Status reports not forwarded because the order already had them (REST answered first, or a repeat). */
  suppressedReports: number;
  /** Times the user data stream was lost. */
  streamDrops: number;
  /** Times it was subscribed again after a loss. */
  resubscribes: number;
  /** Submit or cancel requests whose outcome was unknown (network, timeout). */
  uncertainRequests: number;
  /** Orders whose state was read back from the venue. */
  reconciledOrders: number;
  /** Orders the venue could not be asked about within the attempts (left as they were, logged). */
  unresolvedOrders: number;
  /** Fills reported from REST (`myTrades`) because the stream had not delivered them. */
  recoveredFills: number;
  /** Failures inside the client's asynchronous work (a report callback that threw): logged. */
  internalErrors: number;
}

/** The part of ccxt's binance (pro) exchange this client calls. */
interface TradingExchange {
  markets: Record<string, CcxtSpotMarket> | undefined;
  readonly precisionMode: number;
  timeout: number;
  loadMarkets(): Promise<Record<string, CcxtSpotMarket>>;
  authenticate(params?: Record<string, unknown>): Promise<unknown>;
  watchOrders(symbol?: string): Promise<unknown>;
  createOrder(
    symbol: string,
    type: string,
    side: string,
    amount: number,
    price?: number,
    params?: Record<string, unknown>,
  ): Promise<{ info: unknown }>;
  cancelOrder(
    id: string | undefined,
    symbol: string,
    params?: Record<string, unknown>,
  ): Promise<{ info: unknown }>;
  fetchOrder(
    id: string | undefined,
    symbol: string,
    params?: Record<string, unknown>,
  ): Promise<{ info: unknown }>;
  fetchOpenOrders(symbol?: string): Promise<{ info: unknown }[]>;
  fetchMyTrades(
    symbol: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<{ info: unknown }[]>;
  close(): Promise<unknown>;
}

interface CcxtSpotMarket {
  readonly id: string;
  readonly symbol: string;
  readonly quote: string;
  readonly precision: { readonly price?: number; readonly amount?: number };
}

/** One order as the client tracks it. Quantities are raw at the market's size decimals. */
interface Entry {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly market: ExecutionMarket;
  quantityRaw: number;
  venueOrderId: VenueOrderId | undefined;
  accepted: boolean;
  /** An end (canceled, expired, rejected, or fully filled) was reported. */
  done: boolean;
  readonly tradeIds: Set<string>;
  filledRaw: number;
  /** An end from a REST answer, held until the fills it implies (executedRaw) have been reported. */
  held: { readonly event: OrderEvent; readonly executedRaw: number } | undefined;
  /** A submit request is in flight (its answer will say what happened). */
  sending: boolean;
  /** When the submit was sent (clock µs), for {@link CcxtExecutionOptions.submitWindowMs}. */
  sentAtUs: number;
  reconciling: boolean;
}

type ReconcileCause = 'submit' | 'cancel' | 'settle' | 'resync';

const PAGE = 1000;
const TERMINAL: Record<string, 'OrderCanceled' | 'OrderExpired' | 'OrderRejected'> = {
  CANCELED: 'OrderCanceled',
  EXPIRED: 'OrderExpired',
  EXPIRED_IN_MATCH: 'OrderExpired',
  REJECTED: 'OrderRejected',
};

export class CcxtExecutionClient implements ExecutionClient {
  readonly venue: string;
  readonly stats: CcxtExecutionStats = {
    streamReports: 0,
    malformedReports: 0,
    unknownSymbolReports: 0,
    suppressedReports: 0,
    streamDrops: 0,
    resubscribes: 0,
    uncertainRequests: 0,
    reconciledOrders: 0,
    unresolvedOrders: 0,
    recoveredFills: 0,
    internalErrors: 0,
  };
  #report: (event: OrderEvent) => void = () => {};
  #exchange: TradingExchange | undefined;
  #running = false;
  #subscribed = false;
  #lost = false;
  /** Venue time (ms) of the newest report seen on the stream; fills after it may have been missed. */
  #lastStreamMs: number | undefined;
  #startedMs = 0;
  readonly #entries = new Map<ClientOrderId, Entry>();
  readonly #byVenueId = new Map<string, ClientOrderId>();
  readonly #done: ClientOrderId[] = [];
  readonly #markets = new Map<InstrumentId, ExecutionMarket | null>();
  readonly #policy: ReconnectPolicy;
  readonly #timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  #loop: Promise<void> | undefined;

  constructor(
    readonly config: CcxtConfig,
    private readonly options: CcxtExecutionOptions,
  ) {
    if (!isBinanceFamily(config.exchangeId))
      throw new RangeError(`the ccxt execution client supports binance spot, not ${config.exchangeId}`);
    this.venue = config.venue ?? config.exchangeId.toUpperCase();
    this.#policy = new ReconnectPolicy(new SeededRandom(options.seed ?? 1), options.reconnect);
  }

  /** True once {@link start} finished and until {@link stop}. */
  get isRunning(): boolean {
    return this.#running;
  }

  /** True while the user data stream is subscribed. */
  get isStreaming(): boolean {
    return this.#subscribed;
  }

  connect(report: (event: OrderEvent) => void): void {
    this.#report = report;
  }

  /**
   * Creates the exchange, loads its markets and subscribes to the user data stream. Throws when
   * that fails (wrong keys, venue down): there is nothing to trade on then.
   */
  async start(): Promise<void> {
    if (this.#running) return;
    const exchange = (await createProExchange(
      {
        ...this.config,
        options: {
          // Fills come from the stream; a FULL reply would carry them a second time.
          newOrderRespType: { market: 'RESULT', limit: 'RESULT' },
          warnOnFetchOpenOrdersWithoutSymbol: false,
          ...this.config.options,
        },
      },
      (message) => this.#onMessage(message),
    )) as unknown as TradingExchange;
    exchange.timeout = this.options.requestTimeoutMs ?? 10_000;
    this.#exchange = exchange;
    try {
      await exchange.loadMarkets();
      await exchange.authenticate({ type: 'spot' });
    } catch (e) {
      this.#exchange = undefined;
      await exchange.close();
      throw e;
    }
    this.#subscribed = true;
    this.#running = true;
    this.#startedMs = Math.floor(this.options.clock.timestampUs() / 1000);
    this.#loop = this.#watch(exchange);
  }

  /** Stops the stream and pending work; orders at the venue stay as they are. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#subscribed = false;
    for (const t of this.#timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.#timers.clear();
    const exchange = this.#exchange;
    this.#exchange = undefined;
    await exchange?.close();
    await this.#loop;
  }

  submitOrder(order: Order): void {
    const existing = this.#entries.get(order.clientOrderId);
    if (existing !== undefined && (existing.sending || existing.accepted)) return; // sent twice: the first stands
    const refuse = (code: string, reason: string): void =>
      this.#deliver({ type: 'OrderRejected', ...this.#base(order), code, reason });
    const exchange = this.#exchange;
    if (!this.#running || exchange === undefined)
      return refuse(CcxtExecutionCode.NOT_CONNECTED, 'the client is not started');
    const market = this.#market(order.instrumentId);
    if (market === undefined)
      return refuse(
        CcxtExecutionCode.UNKNOWN_INSTRUMENT,
        `${this.config.exchangeId} has no market ${order.instrumentId}`,
      );
    const tif = order.spec.timeInForce ?? TimeInForce.GTC;
    if (tif === TimeInForce.DAY || tif === TimeInForce.GTD)
      return refuse(CcxtExecutionCode.UNSUPPORTED_TIME_IN_FORCE, `Binance spot has no ${tif} orders`);
    if (order.spec.reduceOnly === true)
      return refuse(CcxtExecutionCode.UNSUPPORTED_ORDER, 'Binance spot has no reduce-only orders');
    const entry = this.#track(order.clientOrderId, order.strategyId, market);
    entry.quantityRaw = order.quantity.rawAt(market.sizeDecimals);
    entry.sending = true;
    entry.sentAtUs = this.options.clock.timestampUs();
    this.#background(this.#send(exchange, entry, order));
  }

  cancelOrder(order: Order): void {
    const exchange = this.#exchange;
    const market = this.#market(order.instrumentId);
    if (!this.#running || exchange === undefined || market === undefined) {
      this.#deliver({
        type: 'OrderCancelRejected',
        ...this.#base(order),
        code: market === undefined ? CcxtExecutionCode.UNKNOWN_INSTRUMENT : CcxtExecutionCode.NOT_CONNECTED,
        reason: market === undefined ? `no market ${order.instrumentId}` : 'the client is not started',
      });
      return;
    }
    const entry = this.#track(order.clientOrderId, order.strategyId, market);
    if (entry.quantityRaw === 0) entry.quantityRaw = order.quantity.rawAt(market.sizeDecimals);
    this.#background(this.#cancel(exchange, entry));
  }

  /** Our working orders at the venue now (all symbols; `GET /api/v3/openOrders`). Rejects on a network failure. */
  async openOrders(): Promise<VenueOrderReport[]> {
    const exchange = this.#requireExchange();
    const out: VenueOrderReport[] = [];
    for (const order of await exchange.fetchOpenOrders()) {
      const row = order.info as BinanceOrderRow;
      const market = this.#marketById(row.symbol);
      if (market === undefined) continue;
      const report = reportOfOrderRow(row, market);
      if (typeof report === 'string') this.#malformed('openOrders', row, report);
      else out.push(report);
    }
    return out;
  }

  /**
   * Our fills executed at or after `tsUs`, oldest first, from `GET /api/v3/myTrades` of every
   * market traded through this client or listed in the options (the endpoint needs a symbol).
   * Trade rows carry no client order id: it is known for orders sent through this client and
   * read with `fetchOrder` for others. Rejects on a network failure.
   */
  async fillsSince(tsUs: number): Promise<VenueFillReport[]> {
    const exchange = this.#requireExchange();
    const markets = new Map<InstrumentId, ExecutionMarket>();
    for (const entry of this.#entries.values()) markets.set(entry.market.instrumentId, entry.market);
    for (const id of this.options.instruments ?? []) {
      const market = this.#market(id);
      if (market !== undefined) markets.set(id, market);
    }
    const out: VenueFillReport[] = [];
    for (const market of markets.values()) {
      for (const row of await this.#tradesSince(exchange, market, tsUs)) {
        const clientOrderId = await this.#clientIdOf(exchange, market, row.orderId);
        if (clientOrderId === undefined) continue;
        const fill = fillOfTrade(row, market, clientOrderId);
        if (typeof fill === 'string') this.#malformed('myTrades', row, fill);
        else out.push(fill);
      }
    }
    return out.sort((a, b) => a.tsEvent - b.tsEvent || Number(a.tradeId) - Number(b.tradeId));
  }

  // ---- requests ----

  async #send(exchange: TradingExchange, entry: Entry, order: Order): Promise<void> {
    const spec = order.spec;
    const stop = spec.type === OrderType.STOP_MARKET || spec.type === OrderType.STOP_LIMIT;
    const limit = spec.type === OrderType.LIMIT || spec.type === OrderType.STOP_LIMIT;
    const params: Record<string, unknown> = { clientOrderId: entry.clientOrderId };
    if (limit) params.timeInForce = spec.timeInForce ?? TimeInForce.GTC;
    // ccxt turns a stop-loss price on a spot market/limit order into STOP_LOSS / STOP_LOSS_LIMIT.
    if (stop && spec.triggerPrice !== undefined) params.stopLossPrice = spec.triggerPrice.toString();
    try {
      const result = await exchange.createOrder(
        entry.market.symbol,
        limit ? 'limit' : 'market',
        spec.side === 'BUY' ? 'buy' : 'sell',
        spec.quantity.asNumber(),
        limit ? spec.price?.asNumber() : undefined,
        params,
      );
      entry.sending = false;
      this.#onOrderRow(entry, result.info as BinanceOrderRow, false);
    } catch (e) {
      entry.sending = false;
      const failure = classifyFailure(e);
      if (failure.kind === 'network') {
        this.stats.uncertainRequests++;
        this.options.logger?.warn(
          `submit ${entry.clientOrderId}: outcome unknown (${failure.message}); asking the venue`,
        );
        await this.#reconcile(exchange, entry, 'submit', failure.message);
        return;
      }
      if (entry.accepted) return; // the stream already showed the order working: a late error is stale
      this.#emit(entry, {
        type: 'OrderRejected',
        ...this.#entryBase(entry),
        code: failure.code,
        reason: failure.message,
      });
    }
  }

  async #cancel(exchange: TradingExchange, entry: Entry): Promise<void> {
    try {
      const result = await exchange.cancelOrder(undefined, entry.market.symbol, {
        origClientOrderId: entry.clientOrderId,
      });
      this.#onOrderRow(entry, result.info as BinanceOrderRow, false);
    } catch (e) {
      const failure = classifyFailure(e);
      if (failure.kind === 'network') {
        this.stats.uncertainRequests++;
        this.options.logger?.warn(
          `cancel ${entry.clientOrderId}: outcome unknown (${failure.message}); asking the venue`,
        );
        await this.#reconcile(exchange, entry, 'cancel', failure.message);
        return;
      }
      this.#emit(entry, {
        type: 'OrderCancelRejected',
        ...this.#entryBase(entry),
        code: failure.code,
        reason: failure.message,
      });
    }
  }

  /**
   * The venue's view of one order (a REST reply or a `fetchOrder` row): accepted if it has an
   * id, and its end if it ended, once the fills it reports executed have been reported.
   * `final`: the fills were just read from the venue, so the end is reported in any case.
   */
  #onOrderRow(entry: Entry, row: BinanceOrderRow, final: boolean): void {
    const tsEvent = (row.transactTime ?? row.updateTime ?? row.workingTime ?? row.time ?? 0) * 1000;
    const base = { ...this.#entryBase(entry), tsEvent };
    if (typeof row.orderId === 'number' && row.status !== 'REJECTED') {
      this.#emit(entry, {
        type: 'OrderAccepted',
        ...base,
        venueOrderId: String(row.orderId) as VenueOrderId,
      });
    }
    const executed = quantityOf(String(row.executedQty), entry.market);
    const executedRaw = typeof executed === 'string' ? 0 : executed.raw;
    const end = TERMINAL[row.status];
    const event: OrderEvent | undefined =
      end === undefined
        ? undefined
        : end === 'OrderRejected'
          ? { type: end, ...base, code: row.status, reason: 'rejected by the venue' }
          : { type: end, ...base };
    if (executedRaw <= entry.filledRaw || final) {
      if (final && executedRaw > entry.filledRaw)
        this.options.logger?.warn(`${entry.clientOrderId}: venue reports more executed than its trades`);
      if (event !== undefined) this.#emit(entry, event);
      return;
    }
    // Fills not seen yet: they are on the stream or the stream is behind. Hold the end for them.
    if (event !== undefined) entry.held = { event, executedRaw };
    const settle = this.options.settleMs ?? 2_000;
    this.#background(
      this.#sleep(settle * 1000).then(async () => {
        const exchange = this.#exchange;
        if (exchange !== undefined && this.#running && entry.filledRaw < executedRaw)
          await this.#reconcile(exchange, entry, 'settle', 'fills not on the stream');
      }),
    );
  }

  /**
   * Reads an order back from the venue by client order id and reports what it says: accepted,
   * the fills not reported yet (from `myTrades` of the order), then its end. A network failure
   * is retried (doubling the wait); "no such order" after a failed submit becomes
   * SUBMIT_NOT_RECEIVED once the request can no longer arrive.
   */
  async #reconcile(
    exchange: TradingExchange,
    entry: Entry,
    cause: ReconcileCause,
    why: string,
  ): Promise<void> {
    if (entry.reconciling) return;
    entry.reconciling = true;
    try {
      const attempts = this.options.reconcileAttempts ?? 6;
      let delayMs = cause === 'submit' || cause === 'cancel' ? (this.options.reconcileDelayMs ?? 1_000) : 0;
      for (let attempt = 0; attempt < attempts && this.#running; attempt++) {
        if (delayMs > 0) await this.#sleep(delayMs * 1000);
        if (!this.#running) return;
        delayMs = Math.max(2 * delayMs, this.options.reconcileDelayMs ?? 1_000);
        let row: BinanceOrderRow;
        try {
          const order = await exchange.fetchOrder(undefined, entry.market.symbol, {
            origClientOrderId: entry.clientOrderId,
          });
          row = order.info as BinanceOrderRow;
        } catch (e) {
          const failure = classifyFailure(e);
          if (failure.kind === 'venue' && failure.code === BINANCE_ORDER_NOT_FOUND) {
            if (cause !== 'submit' || entry.accepted) return;
            const windowUs = (this.options.submitWindowMs ?? 11_000) * 1000;
            if (this.options.clock.timestampUs() - entry.sentAtUs < windowUs) continue;
            this.stats.reconciledOrders++;
            this.#emit(entry, {
              type: 'OrderRejected',
              ...this.#entryBase(entry),
              code: CcxtExecutionCode.SUBMIT_NOT_RECEIVED,
              reason: `submit failed (${why}) and the venue has no order ${entry.clientOrderId}`,
            });
            return;
          }
          if (failure.kind !== 'network') {
            this.options.logger?.warn(
              `${entry.clientOrderId}: cannot read the order back: ${failure.message}`,
            );
            return;
          }
          continue;
        }
        try {
          await this.#catchUpFills(exchange, entry, row);
        } catch (e) {
          if (classifyFailure(e).kind === 'network') continue;
          throw e;
        }
        this.stats.reconciledOrders++;
        this.#onOrderRow(entry, row, true);
        if (cause === 'cancel' && WORKING_STATUSES.has(row.status)) {
          this.#emit(entry, {
            type: 'OrderCancelRejected',
            ...this.#entryBase(entry),
            code: CcxtExecutionCode.CANCEL_NOT_RECEIVED,
            reason: `cancel failed (${why}); the order is still ${row.status} at the venue`,
          });
        }
        return;
      }
      if (this.#running) {
        this.stats.unresolvedOrders++;
        this.options.logger?.warn(
          `${entry.clientOrderId}: venue not reachable after ${attempts} queries (${why})`,
        );
      }
    } finally {
      entry.reconciling = false;
    }
  }

  /** Reports the fills of an order that the venue executed but the client has not reported. */
  async #catchUpFills(exchange: TradingExchange, entry: Entry, row: BinanceOrderRow): Promise<void> {
    const executed = quantityOf(String(row.executedQty), entry.market);
    if (typeof executed === 'string' || executed.raw <= entry.filledRaw) return;
    // Accepted before the fills (the engine takes fills before an accept too, but counts them odd).
    if (!entry.accepted && typeof row.orderId === 'number') {
      const tsEvent = (row.workingTime ?? row.time ?? row.updateTime ?? 0) * 1000;
      this.#emit(entry, {
        type: 'OrderAccepted',
        ...this.#entryBase(entry),
        tsEvent,
        venueOrderId: String(row.orderId) as VenueOrderId,
      });
    }
    const trades = await exchange.fetchMyTrades(entry.market.symbol, undefined, PAGE, {
      orderId: row.orderId,
    });
    const rows = trades.map((t) => t.info as BinanceTradeRow).sort((a, b) => a.time - b.time || a.id - b.id);
    for (const trade of rows) {
      if (entry.tradeIds.has(String(trade.id))) continue;
      const fill = fillOfTrade(trade, entry.market, entry.clientOrderId);
      if (typeof fill === 'string') {
        this.#malformed('myTrades', trade, fill);
        continue;
      }
      this.stats.recoveredFills++;
      this.#emit(entry, this.#filledEvent(entry, fill));
    }
  }

  // ---- the stream ----

  /** Keeps the user data stream up: on a loss, backs off, subscribes again and reconciles. */
  async #watch(exchange: TradingExchange): Promise<void> {
    while (this.#running && this.#exchange === exchange) {
      try {
        if (!this.#subscribed) {
          await exchange.authenticate({ type: 'spot' });
          this.#subscribed = true;
          this.#policy.reset();
          this.stats.resubscribes++;
          this.options.logger?.info('user data stream subscribed again');
        }
        // Watching before reconciling: a drop during the reconciliation rejects this watch.
        const watching = exchange.watchOrders();
        watching.catch(() => {});
        if (this.#lost) {
          try {
            await this.#resync(exchange);
            this.#lost = false;
          } catch (e) {
            // The venue answered the stream but not REST: try again after a backoff.
            this.options.logger?.warn(`reconciliation after the stream loss failed: ${String(e)}`);
            await this.#sleep(this.#policy.nextDelayUs() ?? 30_000_000);
            continue;
          }
        }
        await watching;
      } catch (e) {
        if (!this.#running) return;
        if (this.#subscribed) this.stats.streamDrops++;
        this.#subscribed = false;
        this.#lost = true;
        this.options.logger?.warn(`user data stream: ${e instanceof Error ? e.message : String(e)}`);
        await this.#sleep(this.#policy.nextDelayUs() ?? 30_000_000);
      }
    }
  }

  /**
   * After the stream came back: fills since the last report the stream delivered (less a second:
   * reports in the same millisecond), then the working orders; a tracked order that is no longer
   * working ended while the stream was away and is read back.
   */
  async #resync(exchange: TradingExchange): Promise<void> {
    const sinceMs = (this.#lastStreamMs ?? this.#startedMs) - 1_000;
    for (const fill of await this.fillsSince(sinceMs * 1000)) {
      const market = this.#market(fill.instrumentId);
      if (market === undefined) continue;
      const entry = this.#track(fill.clientOrderId, this.#strategyOf(fill.clientOrderId), market);
      if (entry.tradeIds.has(fill.tradeId)) continue;
      this.stats.recoveredFills++;
      this.#emit(entry, this.#filledEvent(entry, fill));
    }
    const open = new Map((await this.openOrders()).map((o) => [o.clientOrderId, o]));
    for (const entry of [...this.#entries.values()]) {
      if (entry.done || entry.sending) continue;
      const working = open.get(entry.clientOrderId);
      if (working === undefined) {
        this.#background(this.#reconcile(exchange, entry, 'resync', 'not open after the stream came back'));
      } else if (!entry.accepted) {
        this.#emit(entry, {
          type: 'OrderAccepted',
          ...this.#entryBase(entry),
          tsEvent: working.tsLast,
          venueOrderId: working.venueOrderId,
        });
      }
    }
  }

  /** Every raw stream message, before ccxt: execution reports are read here; false skips the message. */
  #onMessage(message: unknown): boolean {
    if (typeof message === 'string') {
      this.#malformed('stream', message, 'not JSON');
      return false;
    }
    if (typeof message !== 'object' || message === null) return true;
    const wrapped = (message as { event?: unknown }).event;
    const event = (typeof wrapped === 'object' && wrapped !== null ? wrapped : message) as { e?: unknown };
    if (event.e !== 'executionReport') return true;
    this.stats.streamReports++;
    const report = readExecutionReport(event);
    if (typeof report === 'string') {
      this.#malformed('executionReport', message, report);
      return false;
    }
    const market = this.#marketById(report.symbol);
    if (market === undefined) {
      this.stats.unknownSymbolReports++;
      return false;
    }
    this.#lastStreamMs = Math.max(this.#lastStreamMs ?? 0, report.transactTimeMs);
    const id = parseClientOrderId(report.clientOrderId);
    const strategyId = id.ok ? this.#strategyOf(id.value) : ('' as StrategyId);
    const orderEvent = eventOfReport(report, market, strategyId, this.options.clock.timestampUs());
    if (typeof orderEvent === 'string') {
      this.#malformed('executionReport', message, orderEvent);
      return false;
    }
    if (orderEvent === undefined) return true;
    const entry = this.#track(orderEvent.clientOrderId, strategyId, market);
    if (entry.quantityRaw === 0) {
      const quantity = quantityOf(report.quantity, market);
      if (typeof quantity !== 'string') entry.quantityRaw = quantity.raw;
    }
    try {
      this.#emit(entry, orderEvent);
    } catch (e) {
      this.#internal(e);
    }
    return true;
  }

  // ---- reporting ----

  /**
   * Reports an event about a tracked order: a status the order already has is not repeated; a
   * fill is always forwarded (the engine drops a repeated trade id) and may release a held end.
   */
  #emit(entry: Entry, event: OrderEvent): void {
    switch (event.type) {
      case 'OrderAccepted':
        if (entry.accepted || entry.done) return void this.stats.suppressedReports++;
        entry.accepted = true;
        this.#setVenueId(entry, event.venueOrderId);
        break;
      case 'OrderFilled':
        entry.accepted = true;
        this.#setVenueId(entry, event.venueOrderId);
        if (!entry.tradeIds.has(event.tradeId)) {
          entry.tradeIds.add(event.tradeId);
          entry.filledRaw += event.lastQty.rawAt(entry.market.sizeDecimals);
        }
        break;
      case 'OrderCanceled':
      case 'OrderExpired':
      case 'OrderRejected':
        if (entry.done) return void this.stats.suppressedReports++;
        entry.held = undefined;
        this.#finish(entry);
        break;
      case 'OrderUpdated':
        entry.quantityRaw = event.quantity.rawAt(entry.market.sizeDecimals);
        break;
      default:
        break;
    }
    this.#deliver(event);
    if (event.type !== 'OrderFilled') return;
    const held = entry.held;
    if (held !== undefined && entry.filledRaw >= held.executedRaw) {
      entry.held = undefined;
      this.#emit(entry, { ...held.event, tsInit: this.options.clock.timestampUs() });
    } else if (entry.quantityRaw > 0 && entry.filledRaw >= entry.quantityRaw && !entry.done) {
      this.#finish(entry);
    }
  }

  #deliver(event: OrderEvent): void {
    this.#report(event);
  }

  #filledEvent(entry: Entry, fill: VenueFillReport): OrderFilled {
    return {
      type: 'OrderFilled',
      clientOrderId: fill.clientOrderId,
      strategyId: entry.strategyId,
      instrumentId: fill.instrumentId,
      venueOrderId: fill.venueOrderId,
      tradeId: fill.tradeId,
      side: fill.side,
      lastQty: fill.lastQty,
      lastPx: fill.lastPx,
      commission: fill.commission,
      liquiditySide: fill.liquiditySide,
      tsEvent: fill.tsEvent,
      tsInit: this.options.clock.timestampUs(),
    };
  }

  // ---- bookkeeping ----

  #track(clientOrderId: ClientOrderId, strategyId: StrategyId, market: ExecutionMarket): Entry {
    let entry = this.#entries.get(clientOrderId);
    if (entry === undefined) {
      entry = {
        clientOrderId,
        strategyId,
        market,
        quantityRaw: 0,
        venueOrderId: undefined,
        accepted: false,
        done: false,
        tradeIds: new Set(),
        filledRaw: 0,
        held: undefined,
        sending: false,
        sentAtUs: 0,
        reconciling: false,
      };
      this.#entries.set(clientOrderId, entry);
    }
    return entry;
  }

  /** Marks an order ended; the oldest ended orders are forgotten past `maxDoneOrders`. */
  #finish(entry: Entry): void {
    entry.done = true;
    this.#done.push(entry.clientOrderId);
    const max = this.options.maxDoneOrders ?? 10_000;
    while (this.#done.length > max) {
      const old = this.#entries.get(this.#done.shift()!);
      if (old === undefined || !old.done) continue;
      this.#entries.delete(old.clientOrderId);
      if (old.venueOrderId !== undefined) this.#byVenueId.delete(old.venueOrderId);
    }
  }

  #setVenueId(entry: Entry, venueOrderId: VenueOrderId): void {
    if (entry.venueOrderId === venueOrderId) return;
    entry.venueOrderId = venueOrderId;
    this.#byVenueId.set(venueOrderId, entry.clientOrderId);
  }

  #strategyOf(clientOrderId: ClientOrderId): StrategyId {
    return (
      this.#entries.get(clientOrderId)?.strategyId ??
      this.options.strategyOf?.(clientOrderId) ??
      ('' as StrategyId)
    );
  }

  /** The client order id of a venue order id: known, or read with `fetchOrder`. */
  async #clientIdOf(
    exchange: TradingExchange,
    market: ExecutionMarket,
    orderId: number,
  ): Promise<ClientOrderId | undefined> {
    const known = this.#byVenueId.get(String(orderId));
    if (known !== undefined) return known;
    const order = await exchange.fetchOrder(String(orderId), market.symbol);
    const parsed = parseClientOrderId(String((order.info as BinanceOrderRow).clientOrderId));
    if (!parsed.ok) return undefined;
    this.#byVenueId.set(String(orderId), parsed.value);
    return parsed.value;
  }

  async #tradesSince(
    exchange: TradingExchange,
    market: ExecutionMarket,
    tsUs: number,
  ): Promise<BinanceTradeRow[]> {
    const rows = new Map<number, BinanceTradeRow>();
    let sinceMs = Math.floor(tsUs / 1000);
    for (;;) {
      const page = (await exchange.fetchMyTrades(market.symbol, sinceMs, PAGE)).map(
        (t) => t.info as BinanceTradeRow,
      );
      let newest = sinceMs;
      for (const row of page) {
        if (row.time * 1000 >= tsUs) rows.set(row.id, row);
        newest = Math.max(newest, row.time);
      }
      // A full page may end inside a millisecond: the next starts at that millisecond (repeats drop by id).
      if (page.length < PAGE || newest === sinceMs) break;
      sinceMs = newest;
    }
    return [...rows.values()];
  }

  #market(id: InstrumentId): ExecutionMarket | undefined {
    const cached = this.#markets.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const exchange = this.#exchange;
    if (exchange?.markets === undefined) return undefined;
    const symbol = symbolOf(id);
    const found =
      venueOf(id) === this.venue
        ? Object.values(exchange.markets).find((m) => m.id === symbol || m.symbol === symbol)
        : undefined;
    const market: ExecutionMarket | null =
      found === undefined
        ? null
        : {
            instrumentId: id,
            symbol: found.symbol,
            marketId: found.id,
            priceDecimals: decimalsFromPrecision(found.precision.price, exchange.precisionMode),
            sizeDecimals: decimalsFromPrecision(found.precision.amount, exchange.precisionMode),
            quote: currency(found.quote),
          };
    this.#markets.set(id, market);
    return market ?? undefined;
  }

  #marketById(marketId: string): ExecutionMarket | undefined {
    try {
      return this.#market(instrumentId(marketId, this.venue));
    } catch {
      return undefined; // not a valid symbol for an instrument id
    }
  }

  #base(order: Order): {
    clientOrderId: ClientOrderId;
    strategyId: StrategyId;
    instrumentId: InstrumentId;
    tsEvent: number;
    tsInit: number;
  } {
    const now = this.options.clock.timestampUs();
    return {
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: now,
      tsInit: now,
    };
  }

  #entryBase(entry: Entry): {
    clientOrderId: ClientOrderId;
    strategyId: StrategyId;
    instrumentId: InstrumentId;
    tsEvent: number;
    tsInit: number;
  } {
    const now = this.options.clock.timestampUs();
    return {
      clientOrderId: entry.clientOrderId,
      strategyId: entry.strategyId,
      instrumentId: entry.market.instrumentId,
      tsEvent: now,
      tsInit: now,
    };
  }

  #malformed(kind: string, raw: unknown, reason: string): void {
    this.stats.malformedReports++;
    this.options.logger?.warn(`malformed ${kind} skipped (${reason}): ${sampleOf(raw)}`);
  }

  /** Runs asynchronous work whose failures have no caller to go to: they are counted and logged. */
  #background(work: Promise<void>): void {
    work.catch((e: unknown) => this.#internal(e));
  }

  #internal(e: unknown): void {
    this.stats.internalErrors++;
    this.options.logger?.error(
      `ccxt execution client: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
  }

  #requireExchange(): TradingExchange {
    if (this.#exchange === undefined || !this.#running) throw new Error('CcxtExecutionClient: start() first');
    return this.#exchange;
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
