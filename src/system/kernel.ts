import type { Clock } from '../core/clock.js';
import { Cache } from '../common/cache.js';
import { Logger, LogLevel } from '../common/logger.js';
import { MessageBus } from '../common/message-bus.js';
import { DataEngine } from '../data/data-engine.js';
import type { ExecutionClient } from '../execution/execution-client.js';
import { AlgoEngine } from '../execution/algorithms/algo-engine.js';
import { ExecutionEngine } from '../execution/execution-engine.js';
import type { Bar } from '../model/data/bar.js';
import type { BookUpdate } from '../model/data/book-update.js';
import type { QuoteTick } from '../model/data/quote-tick.js';
import type { TradeTick } from '../model/data/trade-tick.js';
import type { OrderEvent } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { StrategyId } from '../model/identifiers/order-ids.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { Currency } from '../model/types/currency.js';
import type { Money } from '../model/types/money.js';
import { Portfolio } from '../portfolio/portfolio.js';
import type { Strategy } from '../strategy/strategy.js';

/** Where the kernel runs. Strategies cannot tell; only the wiring differs. */
export type Environment = 'backtest' | 'paper' | 'live';

/** Where a strategy is in its life inside a kernel. */
export const StrategyState = {
  /** Added, not started: receives nothing. */
  READY: 'READY',
  RUNNING: 'RUNNING',
  /** Stopped on request; may be started again. */
  STOPPED: 'STOPPED',
  /** Threw in a handler and was stopped; its working orders were canceled. */
  FAILED: 'FAILED',
} as const;
export type StrategyState = (typeof StrategyState)[keyof typeof StrategyState];

/** A strategy's failure, as reported to {@link KernelConfig.onStrategyFailed}. */
export interface StrategyFailure {
  readonly strategyId: StrategyId;
  /** The handler that threw, e.g. `onBar`. */
  readonly handler: string;
  readonly error: unknown;
}

/** One strategy in the kernel: its own ledger and its subscriptions. */
interface StrategySlot {
  readonly strategy: Strategy<object>;
  readonly instruments: readonly InstrumentId[];
  /** Positions, cash and PnL of this strategy's fills alone. */
  readonly portfolio: Portfolio;
  state: StrategyState;
  unsubscribe: (() => void)[];
  failure: StrategyFailure | undefined;
}

export interface KernelConfig {
  readonly environment: Environment;
  readonly clock: Clock;
  readonly accountCurrency: Currency;
  readonly startingCash: Money;
  readonly logLevel?: LogLevel;
  readonly logSink?: (line: string) => void;
  /** Keep closed orders in the cache (default true; backtests turn it off to save memory). */
  readonly retainClosedOrders?: boolean;
  /**
   * Catch what a strategy throws, stop that strategy and carry on with the others (default: on
   * in paper and live, off in backtests, where a throwing strategy should end the run loudly).
   */
  readonly isolateStrategies?: boolean;
  /**
   * Sees every applied order event first, before the portfolio and any strategy: where a node
   * appends events to its journal, so nothing acts on an event the journal does not hold.
   */
  readonly recordEvent?: (event: OrderEvent) => void;
  /** Told when an isolated strategy throws (after it was stopped). */
  readonly onStrategyFailed?: (failure: StrategyFailure) => void;
}

/**
 * Wires clock, message bus, cache, data engine, execution engine, portfolio and
 * strategies. Single-threaded and synchronous: a call to `processBar` returns after every
 * running strategy has handled the bar. Fills are booked by the node's portfolio and the owning
 * strategy's own ledger before the strategy hears of them.
 *
 * Strategies can be added, started, stopped and removed while the kernel runs. In paper and
 * live trading a strategy that throws is isolated: it is stopped, its working orders are
 * canceled, the failure is logged and reported, and the other strategies go on.
 */
export class Kernel {
  readonly environment: Environment;
  readonly clock: Clock;
  readonly bus = new MessageBus();
  readonly cache: Cache;
  readonly data: DataEngine;
  readonly execution: ExecutionEngine;
  /** Execution algorithms (TWAP, VWAP, iceberg, POV) working parent orders for strategies. */
  readonly algos: AlgoEngine;
  /** The whole node's account: every strategy's fills. */
  readonly portfolio: Portfolio;
  readonly logger: Logger;
  readonly #slots = new Map<StrategyId, StrategySlot>();
  readonly #isolate: boolean;
  readonly #startingCash: Money;
  readonly #onStrategyFailed: ((failure: StrategyFailure) => void) | undefined;
  #running = false;
  #replaying = false;

  constructor(config: KernelConfig) {
    this.environment = config.environment;
    this.clock = config.clock;
    this.cache = new Cache(config.retainClosedOrders ?? true);
    this.logger = new Logger(config.clock, 'kernel', config.logLevel ?? LogLevel.WARN, config.logSink);
    this.data = new DataEngine(this.cache, this.bus);
    this.execution = new ExecutionEngine(this.clock, this.cache);
    this.algos = new AlgoEngine(this.execution, this.cache, this.clock, this.cache);
    this.portfolio = new Portfolio(this.cache, config.accountCurrency, config.startingCash);
    this.#startingCash = config.startingCash;
    this.#isolate = config.isolateStrategies ?? config.environment !== 'backtest';
    this.#onStrategyFailed = config.onStrategyFailed;
    if (config.recordEvent !== undefined) this.execution.events.subscribe(config.recordEvent);
    // The portfolios book a fill before any strategy hears of it.
    this.execution.fills.subscribe((fill) => {
      this.portfolio.applyFill(fill);
      this.#slots.get(fill.strategyId)?.portfolio.applyFill(fill);
    });
    this.execution.events.subscribe((event) => this.#routeToStrategy(event));
  }

  get strategies(): Strategy<object>[] {
    return [...this.#slots.values()].map((slot) => slot.strategy);
  }

  /** True between {@link start} and {@link stop}. */
  get isRunning(): boolean {
    return this.#running;
  }

  addInstrument(instrument: Instrument): void {
    this.cache.addInstrument(instrument);
  }

  addExecutionClient(client: ExecutionClient): void {
    this.execution.registerClient(client);
  }

  /**
   * Adds a strategy trading `instruments` (default: every instrument known now). It receives
   * their bars, quotes and trades while it runs: from {@link start}, or at once when the kernel
   * is already running. Its own ledger starts with `allocation` (default: the node's starting
   * cash), which is what `strategy.portfolio` sizes from.
   */
  addStrategy(
    strategy: Strategy<object>,
    instruments?: readonly InstrumentId[],
    options: { readonly allocation?: Money } = {},
  ): void {
    if (this.#slots.has(strategy.id)) throw new Error(`duplicate strategy id ${strategy.id}`);
    const ids = instruments ?? this.cache.instruments().map((i) => i.id);
    const portfolio = new Portfolio(
      this.cache,
      this.portfolio.currency,
      options.allocation ?? this.#startingCash,
    );
    strategy.bind({
      clock: this.clock,
      cache: this.cache,
      data: this.data,
      execution: this.execution,
      algos: this.algos,
      portfolio,
      logger: this.logger.child(strategy.id),
      instruments: ids,
    });
    const slot: StrategySlot = {
      strategy,
      instruments: ids,
      portfolio,
      state: StrategyState.READY,
      unsubscribe: [],
      failure: undefined,
    };
    this.#slots.set(strategy.id, slot);
    if (this.#running) this.#startSlot(slot);
  }

  /** Starts the kernel and every strategy that is ready (calls `onStart`). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const slot of this.#slots.values()) if (slot.state === StrategyState.READY) this.#startSlot(slot);
  }

  /** Stops every running strategy (calls `onStop`) and the kernel. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    for (const slot of this.#slots.values())
      if (slot.state === StrategyState.RUNNING) this.#stopSlot(slot, StrategyState.READY);
  }

  /** Starts (or restarts) one strategy of a running kernel. */
  startStrategy(id: StrategyId): void {
    const slot = this.#slot(id);
    if (!this.#running) throw new Error(`kernel is not running: cannot start ${id}`);
    if (slot.state === StrategyState.RUNNING) return;
    slot.failure = undefined;
    this.#startSlot(slot);
  }

  /** Stops one strategy (calls `onStop`); its orders stay as they are. */
  stopStrategy(id: StrategyId): void {
    const slot = this.#slot(id);
    if (slot.state === StrategyState.RUNNING) this.#stopSlot(slot, StrategyState.STOPPED);
  }

  /** Stops a strategy, cancels its working orders and forgets it. Its fills stay in the node's portfolio. */
  removeStrategy(id: StrategyId): void {
    const slot = this.#slot(id);
    if (slot.state === StrategyState.RUNNING) this.#stopSlot(slot, StrategyState.STOPPED);
    this.#cancelOrdersOf(id);
    this.#slots.delete(id);
  }

  strategyState(id: StrategyId): StrategyState {
    return this.#slot(id).state;
  }

  /** Why a strategy failed, while it is {@link StrategyState.FAILED}. */
  strategyFailure(id: StrategyId): StrategyFailure | undefined {
    return this.#slot(id).failure;
  }

  /** A strategy's own ledger: positions, cash and PnL of its fills alone. */
  strategyPortfolio(id: StrategyId): Portfolio {
    return this.#slot(id).portfolio;
  }

  // Execution algorithms see each update before strategies do, and only while one runs: a
  // backtest without them pays one field read per update.

  processBar(bar: Bar): void {
    if (this.algos.isActive) this.algos.onBar(bar);
    this.data.processBar(bar);
  }

  processQuote(quote: QuoteTick): void {
    if (this.algos.isActive) this.algos.onQuote(quote);
    this.data.processQuote(quote);
  }

  processTrade(trade: TradeTick): void {
    if (this.algos.isActive) this.algos.onTrade(trade);
    this.data.processTrade(trade);
  }

  /** An L2 book update: the cache's book of the instrument follows it (`cache.book(id)`). */
  processBookUpdate(update: BookUpdate): void {
    this.data.processBookUpdate(update);
  }

  /**
   * Lets time-driven work happen at `nowUs` (the clock's time): execution algorithms' slices
   * and end times. Live nodes call it from a timer; backtests after each time step.
   */
  advanceTime(nowUs: number): void {
    if (this.algos.isActive) this.algos.onTime(nowUs);
  }

  #slot(id: StrategyId): StrategySlot {
    const slot = this.#slots.get(id);
    if (slot === undefined) throw new Error(`no strategy ${id}`);
    return slot;
  }

  #startSlot(slot: StrategySlot): void {
    const strategy = slot.strategy;
    slot.state = StrategyState.RUNNING;
    for (const id of slot.instruments) {
      slot.unsubscribe.push(
        this.data.subscribeBars(id, this.#guard(slot, 'onBar', strategy.barHandler(id))),
        this.data.subscribeQuotes(
          id,
          this.#guard(slot, 'onQuote', (quote) => strategy.onQuote(quote)),
        ),
        this.data.subscribeTrades(
          id,
          this.#guard(slot, 'onTrade', (trade) => strategy.onTrade(trade)),
        ),
        this.data.subscribeBook(
          id,
          this.#guard(slot, 'onBook', (book) => strategy.onBook(book)),
        ),
      );
    }
    this.#guard(slot, 'onStart', () => strategy.onStart())(undefined);
  }

  #stopSlot(slot: StrategySlot, state: StrategyState): void {
    for (const unsubscribe of slot.unsubscribe) unsubscribe();
    slot.unsubscribe = [];
    slot.state = state;
    this.#guard(slot, 'onStop', () => slot.strategy.onStop())(undefined);
  }

  /**
   * `handler` as the kernel calls it for `slot`: as is when strategies are not isolated (no
   * cost in backtests), else catching what it throws and failing the strategy.
   */
  #guard<T>(slot: StrategySlot, name: string, handler: (message: T) => void): (message: T) => void {
    if (!this.#isolate) return handler;
    return (message) => {
      try {
        handler(message);
      } catch (error) {
        this.#fail(slot, name, error);
      }
    };
  }

  #fail(slot: StrategySlot, handler: string, error: unknown): void {
    if (slot.state === StrategyState.FAILED) return;
    const failure: StrategyFailure = { strategyId: slot.strategy.id, handler, error };
    slot.failure = failure;
    this.logger.error(
      `strategy ${slot.strategy.id} threw in ${handler} and was stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    for (const unsubscribe of slot.unsubscribe) unsubscribe();
    slot.unsubscribe = [];
    slot.state = StrategyState.FAILED;
    // Orders nobody manages any more are canceled; positions stay for a person to decide.
    this.#cancelOrdersOf(slot.strategy.id);
    try {
      slot.strategy.onStop();
    } catch {
      // already failed: its stop handler's error adds nothing
    }
    this.#onStrategyFailed?.(failure);
  }

  #cancelOrdersOf(id: StrategyId): void {
    for (const order of this.cache.openOrders({ strategyId: id })) this.execution.cancel(order);
  }

  /**
   * Rebuilds state from recorded order events (a journal, after a restart): each is applied to
   * its order and booked by the portfolios, but strategies do not hear of them — they are not
   * news. Orders must have been restored first ({@link ExecutionEngine.restoreOrder}).
   */
  replay(events: Iterable<OrderEvent>): void {
    this.#replaying = true;
    try {
      for (const event of events) this.execution.replayEvent(event);
    } finally {
      this.#replaying = false;
    }
  }

  /** True while {@link replay} runs (a node's journal recorder skips what it replays). */
  get isReplaying(): boolean {
    return this.#replaying;
  }

  #routeToStrategy(event: OrderEvent): void {
    if (this.#replaying) return;
    const slot = this.#slots.get(event.strategyId);
    // Not started yet (a restart reconciling orders) or failed: nobody to tell.
    if (slot === undefined || slot.state === StrategyState.FAILED || slot.state === StrategyState.READY)
      return;
    const strategy = slot.strategy;
    if (!this.#isolate) {
      strategy.onOrderEvent(event);
      if (event.type === 'OrderFilled') strategy.onOrderFilled(event);
      return;
    }
    try {
      strategy.onOrderEvent(event);
      if (event.type === 'OrderFilled') strategy.onOrderFilled(event);
    } catch (error) {
      this.#fail(slot, event.type === 'OrderFilled' ? 'onOrderFilled' : 'onOrderEvent', error);
    }
  }
}
