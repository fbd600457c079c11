/**
 * A trading node: one kernel running strategies on live market data, in paper mode (the sandbox
 * venue fills orders from that data) or live (a real venue's execution client).
 *
 * Market data comes from a {@link DataClient} through a {@link FeedPipeline} (validation,
 * duplicates, gaps, the bounded queue) and is drained into, in this order: the venue (a sandbox
 * fills resting orders the new data reaches), the bar aggregators (strategies get bars built from
 * trades), then the kernel (execution algorithms, then strategies). Every order goes through the
 * risk engine (pre-trade limits, circuit breaker state) before the venue; every order event is
 * appended to the journal before anything acts on it. On start the node rebuilds its orders,
 * positions and cash from the journal and reconciles them with the venue.
 */
import type { Clock } from '../core/clock.js';
import { LogLevel } from '../common/logger.js';
import { createBarAggregator, type BarAggregator } from '../data/aggregation/index.js';
import type { DataClient, DataKind } from '../data/feed/data-client.js';
import type { FeedEvent } from '../data/feed/feed-event.js';
import { FeedPipeline } from '../data/feed/feed-pipeline.js';
import type { ExecutionClient } from '../execution/execution-client.js';
import { EquityHistory } from '../portfolio/equity-history.js';
import type { BookUpdate } from '../model/data/book-update.js';
import type { QuoteTick } from '../model/data/quote-tick.js';
import type { TradeTick } from '../model/data/trade-tick.js';
import type { OrderEvent, OrderFilled } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { Currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Quantity } from '../model/types/quantity.js';
import type { SqliteJournal } from '../persistence/sqlite-journal.js';
import { RiskCause, RiskState, type RiskStateChanged } from '../risk/risk-codes.js';
import { RiskEngine } from '../risk/risk-engine.js';
import { parseRiskConfig, type RiskConfig } from '../risk/risk-limits.js';
import type { Strategy } from '../strategy/strategy.js';
import { Kernel, type StrategyFailure } from '../system/kernel.js';
import { KernelRiskView } from './kernel-risk-view.js';
import { NodeJournal, type RestoredState } from './node-journal.js';

/** What a venue's execution client may also take: the market data a simulated venue fills from. */
export interface VenueMarketSink {
  onQuote(quote: QuoteTick): void;
  onTrade(trade: TradeTick): void;
  onBookUpdate(update: BookUpdate): void;
  advanceTime(tsUs: number): void;
}

export interface TradingNodeOptions {
  readonly environment: 'paper' | 'live';
  readonly clock: Clock;
  readonly accountCurrency: Currency;
  readonly startingCash: Money;
  /**
   * The instruments traded, or a function giving them once the market data client is connected
   * (a ccxt venue knows its markets' tick and lot sizes only after loading them).
   */
  readonly instruments: readonly Instrument[] | (() => readonly Instrument[]);
  /** The market data client and what to subscribe for every instrument. */
  readonly data: { readonly client: DataClient; readonly kinds: readonly DataKind[] };
  /**
   * Builds (and, for a network venue, connects) the venue's execution client, in {@link
   * TradingNode.start} once the instruments are known (the kernel's cache has them).
   */
  readonly execution: (
    kernel: Kernel,
  ) => (ExecutionClient & Partial<VenueMarketSink>) | Promise<ExecutionClient & Partial<VenueMarketSink>>;
  /** Risk limits (default: none, but halt, resume and the kill switch always work). */
  readonly risk?: RiskConfig;
  /** The journal; without one nothing survives a restart. */
  readonly journal?: SqliteJournal;
  /** Bars built from trades for the strategies (default `1m`; `none` for no bars). */
  readonly bars?: string;
  /**
   * Commit the journal once per market data event and timer step rather than once per record
   * (default: true). Only for an in-process venue (the sandbox): a network venue's client must
   * see each record durable before it is called (see node-journal.ts).
   */
  readonly groupCommit?: boolean;
  /** How often market data is drained into the kernel, ms (default 5). */
  readonly pumpIntervalMs?: number;
  /** How often time-driven work runs (bar closes, algorithm slices, risk marks), ms (default 250). */
  readonly tickIntervalMs?: number;
  readonly log?: (line: string) => void;
  readonly logLevel?: LogLevel;
}

/** The latest fills kept for display. */
const RECENT_FILLS = 50;

export class TradingNode {
  readonly kernel: Kernel;
  readonly pipeline: FeedPipeline;
  readonly risk: RiskEngine;
  /** The latest fills, newest last. */
  readonly recentFills: OrderFilled[] = [];
  /** Strategy failures, in order. */
  readonly failures: StrategyFailure[] = [];
  /** The node's equity, sampled once a second of its clock (the dashboard's equity curve). */
  readonly equityHistory = new EquityHistory();
  readonly #options: TradingNodeOptions;
  readonly #journal: NodeJournal | undefined;
  readonly #aggregators = new Map<InstrumentId, BarAggregator>();
  readonly #instruments: Instrument[] = [];
  /** Strategies added before the instruments were known, added to the kernel in {@link start}. */
  readonly #pending: {
    strategy: Strategy<object>;
    instruments?: readonly InstrumentId[];
    allocation?: Money;
  }[] = [];
  readonly #log: (line: string) => void;
  #restored: RestoredState | undefined;
  #timers: NodeJS.Timeout[] = [];
  #flattening = false;
  #fills = 0;
  #fillsSnapshotted = 0;
  #execution: (ExecutionClient & Partial<VenueMarketSink>) | undefined;
  readonly #grouped: boolean;
  #started = false;
  #stopped = false;

  constructor(options: TradingNodeOptions) {
    this.#options = options;
    this.#log = options.log ?? (() => {});
    const journal = options.journal === undefined ? undefined : new NodeJournal(options.journal);
    this.#journal = journal;
    this.kernel = new Kernel({
      environment: options.environment,
      clock: options.clock,
      accountCurrency: options.accountCurrency,
      startingCash: options.startingCash,
      logLevel: options.logLevel ?? LogLevel.WARN,
      logSink: this.#log,
      ...(journal === undefined ? {} : { recordEvent: (event) => journal.record(event) }),
      onStrategyFailed: (failure) => {
        this.failures.push(failure);
        this.#audit(
          'node',
          'strategy-failed',
          `${failure.strategyId} in ${failure.handler}: ${String(failure.error)}`,
        );
      },
    });
    journal?.attach(this.kernel);
    this.#grouped = journal !== undefined && (options.groupCommit ?? true);
    this.pipeline = new FeedPipeline({ clock: options.clock, log: this.#log });

    this.risk = new RiskEngine(
      options.risk ?? parseRiskConfig({}),
      options.clock,
      new KernelRiskView(this.kernel),
    );
    this.kernel.execution.setPreTradeCheck((order) =>
      this.#flattening ? undefined : this.risk.check(order.strategyId, order.spec),
    );
    this.risk.onStateChange((change) => this.#onRiskChange(change));

    this.kernel.execution.fills.subscribe((fill) => {
      this.#fills++;
      this.recentFills.push(fill);
      if (this.recentFills.length > RECENT_FILLS) this.recentFills.shift();
    });

    if (typeof options.instruments !== 'function') this.#addInstruments(options.instruments);
  }

  #addInstruments(instruments: readonly Instrument[]): void {
    const spec = this.#options.bars ?? '1m';
    for (const instrument of instruments) {
      this.kernel.addInstrument(instrument);
      this.#instruments.push(instrument);
      if (spec !== 'none')
        this.#aggregators.set(
          instrument.id,
          createBarAggregator(instrument.id, spec, (bar) => this.kernel.processBar(bar)),
        );
    }
  }

  /** The instruments traded (known once {@link start} connected market data, for a venue resolving them). */
  get instruments(): readonly Instrument[] {
    return this.#instruments;
  }

  /** The venue's execution client (set by {@link start}). */
  get execution(): ExecutionClient & Partial<VenueMarketSink> {
    if (this.#execution === undefined) throw new Error('the node has no execution client before start()');
    return this.#execution;
  }

  /** What the journal held at start (undefined without a journal or before {@link start}). */
  get restored(): RestoredState | undefined {
    return this.#restored;
  }

  /** Adds a strategy (before or after {@link start}); see {@link Kernel.addStrategy}. */
  addStrategy(strategy: Strategy<object>, instruments?: readonly InstrumentId[], allocation?: Money): void {
    if (typeof this.#options.instruments === 'function' && !this.#started) {
      this.#pending.push({
        strategy,
        ...(instruments === undefined ? {} : { instruments }),
        ...(allocation === undefined ? {} : { allocation }),
      });
      return;
    }
    this.kernel.addStrategy(strategy, instruments, allocation === undefined ? {} : { allocation });
    this.#audit('node', 'strategy-added', `${strategy.id} ${JSON.stringify(strategy.params)}`);
  }

  /**
   * Rebuilds state from the journal, reconciles it with the venue, connects market data and
   * starts the strategies and the timers.
   */
  async start(): Promise<void> {
    if (this.#started) throw new Error('the node was already started');
    this.#started = true;
    const data = this.#options.data;
    // Market data first: a venue may resolve the instruments only once connected. What arrives
    // meanwhile waits in the pipeline's queue until the pump starts.
    await this.pipeline.attach(data.client);
    if (typeof this.#options.instruments === 'function') {
      this.#addInstruments(this.#options.instruments());
      for (const p of this.#pending.splice(0))
        this.kernel.addStrategy(
          p.strategy,
          p.instruments,
          p.allocation === undefined ? {} : { allocation: p.allocation },
        );
    }
    this.#execution = await this.#options.execution(this.kernel);
    this.kernel.addExecutionClient(this.#execution);
    if (this.#journal !== undefined) {
      this.#restored = this.#journal.restore(this.kernel);
      const r = this.#restored;
      if (r.orders > 0)
        this.#log(`journal: restored ${r.orders} orders, ${r.events} events, ${r.fills} fills`);
    }
    await this.reconcile(this.#restored?.lastTsUs ?? 0);
    this.#audit('node', 'start', `${this.#options.environment} on ${this.#options.data.client.venue}`);
    for (const instrument of this.#instruments) {
      this.pipeline.watch(instrument.id);
      for (const kind of data.kinds) await data.client.subscribe({ instrumentId: instrument.id, kind });
    }
    this.kernel.start();
    this.#timers = [
      setInterval(() => this.pump(), this.#options.pumpIntervalMs ?? 5),
      setInterval(() => this.tick(), this.#options.tickIntervalMs ?? 250),
    ];
  }

  /**
   * Brings our orders in line with the venue's: fills it executed since `sinceUs` that we never
   * heard of are applied (once: by trade id), and orders we think open that the venue no longer
   * has are closed as canceled (a sandbox forgets its book when the process ends).
   */
  async reconcile(sinceUs: number): Promise<{ fills: number; canceled: number }> {
    const client = this.execution;
    const engine = this.kernel.execution;
    let fills = 0;
    let canceled = 0;
    if (client.fillsSince !== undefined) fills = engine.reconcileFills(await client.fillsSince(sinceUs));
    if (client.openOrders !== undefined) {
      const open = new Set((await client.openOrders()).map((o) => o.clientOrderId));
      const now = this.kernel.clock.timestampUs();
      for (const order of this.kernel.cache.openOrders()) {
        if (open.has(order.clientOrderId)) continue;
        engine.process({
          type: 'OrderCanceled',
          clientOrderId: order.clientOrderId,
          strategyId: order.strategyId,
          instrumentId: order.instrumentId,
          tsEvent: now,
          tsInit: now,
        });
        canceled++;
      }
    }
    if (fills > 0 || canceled > 0) {
      const line = `reconciliation: ${fills} missed fills applied, ${canceled} orders the venue no longer has closed as canceled`;
      this.#log(line);
      this.#audit('node', 'reconcile', line);
    }
    return { fills, canceled };
  }

  /** Hands queued market data to the venue, the bar aggregators and the kernel. */
  pump(): number {
    if (!this.#grouped) return this.pipeline.drain(this.#handle);
    let handled = 0;
    // One event per step: a step's commit is the latency every order of that event waits for.
    while (this.pipeline.drain(this.#handleInStep, 1) === 1) handled++;
    return handled;
  }

  /**
   * Calls `listener` with each applied order event once it is durable in the journal (at once
   * without group commit or without a journal): where acknowledgements to the outside belong.
   */
  onDurableEvent(listener: (event: OrderEvent) => void): () => void {
    const journal = this.#journal;
    if (journal === undefined) return this.kernel.execution.events.subscribe(listener);
    return this.kernel.execution.events.subscribe((event) => journal.whenDurable(() => listener(event)));
  }

  /** Time-driven work: the venue's clock, bar closes, algorithm slices, staleness, risk marks. */
  tick(): void {
    if (this.#grouped) this.#journal!.step(() => this.#tick());
    else this.#tick();
  }

  #tick(): void {
    const now = this.kernel.clock.timestampUs();
    this.#execution?.advanceTime?.(now);
    for (const aggregator of this.#aggregators.values()) aggregator.advanceTime(now);
    this.kernel.advanceTime(now);
    this.pipeline.checkStaleness();
    const equityRaw = this.kernel.portfolio.equityRaw();
    this.risk.onEquity(equityRaw);
    this.equityHistory.record(now, equityRaw);
    this.#snapshotAccount(now, equityRaw);
  }

  /**
   * Appends the account (cash, equity, positions) to the journal when fills changed it since
   * the last snapshot: a cross-check of the replayed fills and a record of marks for the audit.
   */
  #snapshotAccount(now: number, equityRaw: number): void {
    const journal = this.#options.journal;
    if (journal === undefined || this.#fillsSnapshotted === this.#fills) return;
    this.#fillsSnapshotted = this.#fills;
    const portfolio = this.kernel.portfolio;
    journal.append({
      type: 'StateSnapshot',
      scope: 'account',
      state: {
        cash: portfolio.cash,
        equity: Money.fromRaw(equityRaw, portfolio.currency),
        positions: portfolio
          .positions()
          .filter((p) => p.qtyRaw !== 0)
          .map((p) => ({
            instrumentId: p.instrumentId,
            side: p.qtyRaw > 0 ? 'LONG' : 'SHORT',
            quantity: Quantity.fromRaw(Math.abs(p.qtyRaw), p.sizePrecision),
          })),
      },
      tsUs: now,
    });
  }

  /** Stops new orders (circuit breaker HALTED) until {@link resume}. */
  halt(reason: string, actor = 'operator'): void {
    this.#audit(actor, 'halt', reason);
    this.risk.halt(reason);
  }

  /** Allows new orders again. */
  resume(reason = 'resumed', actor = 'operator'): void {
    this.#audit(actor, 'resume', reason);
    this.risk.resume(reason);
  }

  /** Halts, cancels every working order and closes every position. */
  killSwitch(reason: string, actor = 'operator'): void {
    this.#audit(actor, 'kill-switch', reason);
    this.risk.killSwitch(reason, true);
  }

  /** Stops timers, strategies and market data; the journal stays open for its owner to close. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#options.data.client.disconnect();
    this.pump();
    this.kernel.stop();
    this.#audit('node', 'stop', '');
  }

  readonly #handleInStep = (event: FeedEvent): void => {
    this.#journal!.step(() => this.#handle(event));
  };

  readonly #handle = (event: FeedEvent): void => {
    const venue = this.#execution!;
    switch (event.type) {
      case 'quote':
        venue.onQuote?.(event.data);
        this.kernel.processQuote(event.data);
        return;
      case 'trade':
        venue.onTrade?.(event.data);
        this.#aggregators.get(event.data.instrumentId)?.handleTrade(event.data);
        this.kernel.processTrade(event.data);
        return;
      case 'book':
        venue.onBookUpdate?.(event.data);
        this.kernel.processBookUpdate(event.data);
        return;
      case 'bar':
        this.kernel.processBar(event.data);
        return;
    }
  };

  #onRiskChange(change: RiskStateChanged): void {
    const line = `risk ${change.previous} → ${change.state} (${change.cause}): ${change.reason}`;
    this.#log(line);
    if (change.cause !== RiskCause.MANUAL && change.cause !== RiskCause.KILL_SWITCH)
      this.#audit('risk-engine', 'state', line);
    this.#options.journal?.append({
      type: 'StateSnapshot',
      scope: 'risk',
      state: { state: change.state, previous: change.previous, cause: change.cause, reason: change.reason },
      tsUs: change.tsEvent,
    });
    if (change.flatten) this.flatten();
    else if (change.state === RiskState.HALTED) this.#cancelAll();
  }

  /** Cancels every working order and sends market orders closing every strategy's positions. */
  flatten(): void {
    this.#cancelAll();
    this.#flattening = true;
    try {
      for (const strategy of this.kernel.strategies) {
        const ledger = this.kernel.strategyPortfolio(strategy.id);
        for (const position of ledger.positions()) {
          if (position.qtyRaw === 0) continue;
          const order = this.kernel.execution.createOrder(strategy.id, {
            instrumentId: position.instrumentId,
            side: position.qtyRaw > 0 ? 'SELL' : 'BUY',
            type: 'MARKET',
            quantity: Quantity.fromRaw(Math.abs(position.qtyRaw), position.sizePrecision),
            reduceOnly: true,
            tags: 'flatten',
          });
          this.kernel.execution.submit(order);
        }
      }
    } finally {
      this.#flattening = false;
    }
  }

  #cancelAll(): void {
    for (const order of this.kernel.cache.openOrders()) this.kernel.execution.cancel(order);
  }

  #audit(actor: string, action: string, detail: string): void {
    this.#options.journal?.audit({ actor, action, detail, tsUs: this.kernel.clock.timestampUs() });
  }
}
