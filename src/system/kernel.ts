import type { Clock } from '../core/clock.js';
import { Cache } from '../common/cache.js';
import { Logger, LogLevel } from '../common/logger.js';
import { MessageBus } from '../common/message-bus.js';
import { DataEngine } from '../data/data-engine.js';
import type { ExecutionClient } from '../execution/execution-client.js';
import { ExecutionEngine } from '../execution/execution-engine.js';
import type { Bar } from '../model/data/bar.js';
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

export interface KernelConfig {
  readonly environment: Environment;
  readonly clock: Clock;
  readonly accountCurrency: Currency;
  readonly startingCash: Money;
  readonly logLevel?: LogLevel;
  readonly logSink?: (line: string) => void;
  /** Keep closed orders in the cache (default true; backtests turn it off to save memory). */
  readonly retainClosedOrders?: boolean;
}

/**
 * Wires clock, message bus, cache, data engine, execution engine, portfolio and
 * strategies. Single-threaded and synchronous: a call to `processBar` returns after every
 * strategy has handled the bar. Fills are booked by the portfolio before the owning
 * strategy hears of them.
 */
export class Kernel {
  readonly environment: Environment;
  readonly clock: Clock;
  readonly bus = new MessageBus();
  readonly cache: Cache;
  readonly data: DataEngine;
  readonly execution: ExecutionEngine;
  readonly portfolio: Portfolio;
  readonly logger: Logger;
  readonly #strategies = new Map<StrategyId, Strategy<object>>();
  #running = false;

  constructor(config: KernelConfig) {
    this.environment = config.environment;
    this.clock = config.clock;
    this.cache = new Cache(config.retainClosedOrders ?? true);
    this.logger = new Logger(config.clock, 'kernel', config.logLevel ?? LogLevel.WARN, config.logSink);
    this.data = new DataEngine(this.cache, this.bus);
    this.execution = new ExecutionEngine(this.clock, this.cache);
    this.portfolio = new Portfolio(this.cache, config.accountCurrency, config.startingCash);
    // The portfolio books a fill before any strategy hears of it.
    this.execution.fills.subscribe((fill) => this.portfolio.applyFill(fill));
    this.execution.events.subscribe((event) => this.#routeToStrategy(event));
  }

  get strategies(): Strategy<object>[] {
    return [...this.#strategies.values()];
  }

  addInstrument(instrument: Instrument): void {
    this.cache.addInstrument(instrument);
  }

  addExecutionClient(client: ExecutionClient): void {
    this.execution.registerClient(client);
  }

  /**
   * Adds a strategy trading `instruments` (default: every instrument known now) and
   * subscribes it to their bars, quotes and trades.
   */
  addStrategy(strategy: Strategy<object>, instruments?: readonly InstrumentId[]): void {
    if (this.#strategies.has(strategy.id)) throw new Error(`duplicate strategy id ${strategy.id}`);
    const ids = instruments ?? this.cache.instruments().map((i) => i.id);
    strategy.bind({
      clock: this.clock,
      cache: this.cache,
      data: this.data,
      execution: this.execution,
      portfolio: this.portfolio,
      logger: this.logger.child(strategy.id),
      instruments: ids,
    });
    for (const id of ids) {
      this.data.subscribeBars(id, strategy.barHandler(id));
      this.data.subscribeQuotes(id, (quote) => strategy.onQuote(quote));
      this.data.subscribeTrades(id, (trade) => strategy.onTrade(trade));
    }
    this.#strategies.set(strategy.id, strategy);
    if (this.#running) strategy.onStart();
  }

  /** Starts every strategy (calls `onStart`). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const strategy of this.#strategies.values()) strategy.onStart();
  }

  /** Stops every strategy (calls `onStop`). */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    for (const strategy of this.#strategies.values()) strategy.onStop();
  }

  processBar(bar: Bar): void {
    this.data.processBar(bar);
  }

  processQuote(quote: QuoteTick): void {
    this.data.processQuote(quote);
  }

  processTrade(trade: TradeTick): void {
    this.data.processTrade(trade);
  }

  #routeToStrategy(event: OrderEvent): void {
    const strategy = this.#strategies.get(event.strategyId);
    if (strategy === undefined) return;
    strategy.onOrderEvent(event);
    if (event.type === 'OrderFilled') strategy.onOrderFilled(event);
  }
}
