import { z } from 'zod';
import { InvariantError } from '../core/assert.js';
import type { Clock } from '../core/clock.js';
import type { Cache } from '../common/cache.js';
import type { Logger } from '../common/logger.js';
import type { Result } from '../core/result.js';
import type { AlgoRequest } from '../execution/algorithms/algo-request.js';
import type { ParentOrder, ParentOrderId } from '../execution/algorithms/parent-order.js';
import type { AlgoDenial } from '../execution/algorithms/resolve-request.js';
import type { Candle, Indicator } from '../indicators/indicator.js';
import type { L2Book } from '../model/book/l2-book.js';
import type { Bar } from '../model/data/bar.js';
import type { QuoteTick } from '../model/data/quote-tick.js';
import type { TradeTick } from '../model/data/trade-tick.js';
import type { OrderEvent, OrderFilled } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { StrategyId } from '../model/identifiers/order-ids.js';
import type { OrderSide } from '../model/orders/order-enums.js';
import type { Order, OrderSpec } from '../model/orders/order.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { Position } from '../portfolio/position.js';
import type { StrategyContext } from './strategy-context.js';

/** Which part of a bar feeds an indicator. */
export type IndicatorInput = 'open' | 'high' | 'low' | 'close' | 'volume' | 'candle';

interface Feed {
  readonly indicator: Indicator<number, unknown> | Indicator<Candle, unknown>;
  readonly input: IndicatorInput;
}

const NO_OPTIONS: OrderOptions = Object.freeze({});

/** Order options beyond side, instrument and quantity. */
export type OrderOptions = Omit<OrderSpec, 'instrumentId' | 'side' | 'quantity' | 'type'> & {
  readonly type?: OrderSpec['type'];
};

/**
 * Base class of trading strategies. Subclass it, declare `static paramsSchema` (a zod
 * object: the typed, documented parameters) and override the handlers you need. The same
 * class runs unchanged in backtest, paper and live trading.
 *
 * Handlers run synchronously inside the kernel, in this order for each bar: registered
 * indicators are updated, then {@link onBar}. Orders submitted in a handler are executed
 * by the venue after the handler returns.
 */
export abstract class Strategy<P extends object = Record<string, unknown>> {
  /** Parameters with types, defaults and descriptions. Unknown parameters are rejected. */
  static readonly paramsSchema: z.ZodType<object> = z.strictObject({});
  /** One line on what the strategy does. */
  static readonly description: string = '';

  readonly id: StrategyId;
  readonly params: Readonly<P>;
  #context: StrategyContext | undefined;
  readonly #feeds = new Map<InstrumentId, Feed[]>();
  readonly #candle = { open: 0, high: 0, low: 0, close: 0, volume: 0, time: 0 };

  constructor(params: P, id: string) {
    this.params = Object.freeze({ ...params });
    this.id = id as StrategyId;
  }

  // ---- handlers (override) -------------------------------------------------------------

  /** Called once before any data. Register indicators here. */
  onStart(): void {}
  /** A complete bar of one of this strategy's instruments. */
  onBar(_bar: Bar): void {}
  /** A new best bid/offer. */
  onQuote(_quote: QuoteTick): void {}
  /** A trade printed at the venue. */
  onTrade(_trade: TradeTick): void {}
  /**
   * The instrument's L2 book after an update (paper and live, when the feed sends depth). The
   * same object each time, kept current by the kernel: read it now, or later from
   * `cache.book(id)`; copy levels (`book.bids(n)`) to keep a picture.
   */
  onBook(_book: L2Book): void {}
  /** Any event of one of this strategy's orders (accepted, rejected, canceled, filled...). */
  onOrderEvent(_event: OrderEvent): void {}
  /** A fill of one of this strategy's orders, after the portfolio booked it. */
  onOrderFilled(_fill: OrderFilled): void {}
  /** Called once after the last data. */
  onStop(): void {}

  // ---- context -------------------------------------------------------------------------

  /** Instruments this strategy trades. */
  get instruments(): readonly InstrumentId[] {
    return this.#ctx.instruments;
  }
  get clock(): Clock {
    return this.#ctx.clock;
  }
  get cache(): Cache {
    return this.#ctx.cache;
  }
  get portfolio(): Portfolio {
    return this.#ctx.portfolio;
  }
  get log(): Logger {
    return this.#ctx.logger;
  }

  // ---- indicators ----------------------------------------------------------------------

  /**
   * Has the kernel feed `indicator` from each bar of `instrumentId` before {@link onBar}
   * is called, so strategy code never updates indicators by hand.
   */
  registerIndicator<T extends Indicator<number, unknown>>(
    instrumentId: InstrumentId,
    indicator: T,
    input?: Exclude<IndicatorInput, 'candle'>,
  ): T;
  registerIndicator<T extends Indicator<Candle, unknown>>(
    instrumentId: InstrumentId,
    indicator: T,
    input: 'candle',
  ): T;
  registerIndicator(
    instrumentId: InstrumentId,
    indicator: Feed['indicator'],
    input: IndicatorInput = 'close',
  ): Feed['indicator'] {
    this.#feedsOf(instrumentId).push({ indicator, input });
    return indicator;
  }

  // ---- positions -----------------------------------------------------------------------

  position(instrumentId: InstrumentId): Position {
    return this.portfolio.position(instrumentId);
  }
  /** Signed position size as a number: > 0 long, < 0 short, 0 flat. */
  positionSize(instrumentId: InstrumentId): number {
    const position = this.position(instrumentId);
    return position.qtyRaw / 10 ** position.sizePrecision;
  }
  isFlat(instrumentId: InstrumentId): boolean {
    return this.position(instrumentId).qtyRaw === 0;
  }
  isLong(instrumentId: InstrumentId): boolean {
    return this.position(instrumentId).qtyRaw > 0;
  }
  isShort(instrumentId: InstrumentId): boolean {
    return this.position(instrumentId).qtyRaw < 0;
  }

  // ---- orders --------------------------------------------------------------------------

  /** Submits an order described in full. */
  submitOrder(spec: OrderSpec): Order {
    const execution = this.#ctx.execution;
    const order = execution.createOrder(this.id, spec);
    execution.submit(order);
    return order;
  }

  /** Buys `quantity` (a number in units, or an exact Quantity); a market order unless `options.type` says otherwise. */
  buy(instrumentId: InstrumentId, quantity: number | Quantity, options: OrderOptions = NO_OPTIONS): Order {
    return this.#order(instrumentId, 'BUY', quantity, options);
  }

  /** Sells `quantity`; a market order unless `options.type` says otherwise. */
  sell(instrumentId: InstrumentId, quantity: number | Quantity, options: OrderOptions = NO_OPTIONS): Order {
    return this.#order(instrumentId, 'SELL', quantity, options);
  }

  /** Sends a market order that brings the position to flat; does nothing when flat. */
  closePosition(instrumentId: InstrumentId): Order | undefined {
    const position = this.position(instrumentId);
    if (position.qtyRaw === 0) return undefined;
    const quantity = Quantity.fromRaw(Math.abs(position.qtyRaw), position.sizePrecision);
    return this.#order(instrumentId, position.qtyRaw > 0 ? 'SELL' : 'BUY', quantity, { reduceOnly: true });
  }

  /**
   * Works a large order with an execution algorithm (TWAP, VWAP, iceberg, POV): its child
   * orders go through the same checks as any order and their events reach {@link onOrderEvent}
   * (tagged `algo:<parentId>`). A bad request comes back as a denial with a stable code.
   */
  executeAlgo(request: AlgoRequest): Result<ParentOrder, AlgoDenial> {
    return this.#ctx.algos.start(this.id, request);
  }

  /** Cancels a running parent order: working children are canceled, the remainder dropped. */
  cancelAlgo(parentId: ParentOrderId): boolean {
    return this.#ctx.algos.cancel(parentId);
  }

  cancelOrder(order: Order): void {
    this.#ctx.execution.cancel(order);
  }

  /** Cancels every working order of this strategy, optionally in one instrument. */
  cancelAllOrders(instrumentId?: InstrumentId): void {
    const filter =
      instrumentId === undefined ? { strategyId: this.id } : { strategyId: this.id, instrumentId };
    for (const order of this.cache.openOrders(filter)) this.cancelOrder(order);
  }

  /** Working orders of this strategy. */
  openOrders(instrumentId?: InstrumentId): Order[] {
    const filter =
      instrumentId === undefined ? { strategyId: this.id } : { strategyId: this.id, instrumentId };
    return this.cache.openOrders(filter);
  }

  /** A price on the instrument's precision (rounded to the nearest tick). */
  price(instrumentId: InstrumentId, value: number): Price {
    const tick = this.cache.requireInstrument(instrumentId).tickSize;
    const ticks = Math.round(value / tick.asNumber());
    return Price.fromRaw(ticks * tick.raw, tick.precision);
  }

  /** A quantity on the instrument's size precision. */
  quantity(instrumentId: InstrumentId, value: number): Quantity {
    return Quantity.fromNumber(value, this.cache.requireInstrument(instrumentId).lotSize.precision);
  }

  // ---- kernel side (not for strategy code) ---------------------------------------------

  /** @internal Called by the kernel when the strategy is added. */
  bind(context: StrategyContext): void {
    if (this.#context !== undefined)
      throw new InvariantError(`strategy ${this.id} is already bound to a kernel`);
    this.#context = context;
  }

  /**
   * @internal The bar handler the kernel subscribes for one instrument: it holds that
   * instrument's indicator feeds, so dispatch needs no lookup per bar.
   */
  barHandler(instrumentId: InstrumentId): (bar: Bar) => void {
    const feeds = this.#feedsOf(instrumentId);
    return (bar) => {
      if (feeds.length > 0) this.#feed(feeds, bar);
      this.onBar(bar);
    };
  }

  #feedsOf(instrumentId: InstrumentId): Feed[] {
    let feeds = this.#feeds.get(instrumentId);
    if (feeds === undefined) this.#feeds.set(instrumentId, (feeds = []));
    return feeds;
  }

  #feed(feeds: Feed[], bar: Bar): void {
    let candle: Candle | undefined;
    const close = bar.closeValue;
    for (let i = 0; i < feeds.length; i++) {
      const { indicator, input } = feeds[i];
      if (input === 'close') (indicator as Indicator<number, unknown>).update(close);
      else if (input === 'candle')
        (indicator as Indicator<Candle, unknown>).update((candle ??= this.#toCandle(bar)));
      else (indicator as Indicator<number, unknown>).update(bar[input].asNumber());
    }
  }

  /** One reused candle per strategy: indicators read it during update and must not keep it. */
  #toCandle(bar: Bar): Candle {
    const c = this.#candle;
    c.open = bar.openValue;
    c.high = bar.highValue;
    c.low = bar.lowValue;
    c.close = bar.closeValue;
    c.volume = bar.volumeValue;
    c.time = bar.tsEvent;
    return c;
  }

  #order(
    instrumentId: InstrumentId,
    side: OrderSide,
    quantity: number | Quantity,
    options: OrderOptions,
  ): Order {
    const qty = typeof quantity === 'number' ? this.quantity(instrumentId, quantity) : quantity;
    // A literal without spread when there are no options: this runs once per order.
    const spec: OrderSpec =
      options === NO_OPTIONS
        ? { instrumentId, side, type: 'MARKET', quantity: qty }
        : { type: 'MARKET', ...options, instrumentId, side, quantity: qty };
    return this.submitOrder(spec);
  }

  get #ctx(): StrategyContext {
    if (this.#context === undefined)
      throw new InvariantError(`strategy ${this.id} used before it was added to a kernel`);
    return this.#context;
  }
}

/** A strategy class as the CLI and registry see it. */
export interface StrategyClass<P extends object = Record<string, unknown>> {
  new (params: P, id: string): Strategy<P>;
  readonly paramsSchema: z.ZodType<object>;
  readonly description: string;
}
