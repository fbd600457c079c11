import { L2Book } from '../model/book/l2-book.js';
import type { BookUpdate } from '../model/data/book-update.js';
import { InvariantError } from '../core/assert.js';
import type { Bar } from '../model/data/bar.js';
import type { QuoteTick } from '../model/data/quote-tick.js';
import type { TradeTick } from '../model/data/trade-tick.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../model/identifiers/order-ids.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { Order } from '../model/orders/order.js';

/** The latest market data of one instrument. */
export interface MarketState {
  lastBar: Bar | undefined;
  lastQuote: QuoteTick | undefined;
  lastTrade: TradeTick | undefined;
  /** The L2 book, once the feed has sent book updates for the instrument. */
  book: L2Book | undefined;
}

/**
 * The kernel's memory of the present: instruments, the latest market data and every
 * order. Components read from it instead of keeping private copies, so all agree.
 */
export class Cache {
  /**
   * @param retainClosedOrders keep orders after they are filled, canceled, rejected or
   *   expired (true: `order(id)` finds every order ever made). A backtest turns it off so
   *   millions of orders do not pile up; fills and trades are recorded in its result.
   */
  constructor(readonly retainClosedOrders = true) {}

  readonly #instruments = new Map<InstrumentId, Instrument>();
  readonly #markets = new Map<InstrumentId, MarketState>();
  #lastMarketId: InstrumentId | undefined;
  #lastMarket: MarketState | undefined;
  readonly #orders = new Map<ClientOrderId, Order>();
  readonly #openOrders = new Set<Order>();

  addInstrument(instrument: Instrument): void {
    this.#instruments.set(instrument.id, instrument);
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return this.#instruments.get(id);
  }

  /** The instrument, or a thrown error when it is unknown (a wiring bug). */
  requireInstrument(id: InstrumentId): Instrument {
    const instrument = this.#instruments.get(id);
    if (instrument === undefined) throw new InvariantError(`unknown instrument ${id}`);
    return instrument;
  }

  instruments(): Instrument[] {
    return [...this.#instruments.values()];
  }

  updateBar(bar: Bar): void {
    this.market(bar.instrumentId).lastBar = bar;
  }

  /** The latest complete bar of an instrument. */
  lastBar(id: InstrumentId): Bar | undefined {
    return this.#markets.get(id)?.lastBar;
  }

  /**
   * The live market state of an instrument: one object per instrument for its whole life,
   * so hot paths (marking positions every bar) can hold it instead of looking it up.
   */
  market(id: InstrumentId): MarketState {
    if (id === this.#lastMarketId) return this.#lastMarket!;
    let state = this.#markets.get(id);
    if (state === undefined) {
      state = { lastBar: undefined, lastQuote: undefined, lastTrade: undefined, book: undefined };
      this.#markets.set(id, state);
    }
    this.#lastMarketId = id;
    this.#lastMarket = state;
    return state;
  }

  updateQuote(quote: QuoteTick): void {
    this.market(quote.instrumentId).lastQuote = quote;
  }

  lastQuote(id: InstrumentId): QuoteTick | undefined {
    return this.#markets.get(id)?.lastQuote;
  }

  updateTrade(trade: TradeTick): void {
    this.market(trade.instrumentId).lastTrade = trade;
  }

  lastTrade(id: InstrumentId): TradeTick | undefined {
    return this.#markets.get(id)?.lastTrade;
  }

  /** Applies an L2 update to the instrument's book (created by the first update); returns the book. */
  updateBook(update: BookUpdate): L2Book {
    const market = this.market(update.instrumentId);
    const book = (market.book ??= new L2Book(update.instrumentId));
    book.apply(update);
    return book;
  }

  /** The instrument's L2 book; undefined until the feed sends book updates for it. */
  book(id: InstrumentId): L2Book | undefined {
    return this.#markets.get(id)?.book;
  }

  addOrder(order: Order): void {
    const before = this.#orders.size;
    this.#orders.set(order.clientOrderId, order);
    if (this.#orders.size === before)
      throw new InvariantError(`duplicate client order id ${order.clientOrderId}`);
  }

  order(id: ClientOrderId): Order | undefined {
    return this.#orders.get(id);
  }

  /** Every order still held (all of them unless closed orders are dropped), in creation order. */
  orders(): Order[] {
    return [...this.#orders.values()];
  }

  /** Keeps the open-order index in step with an order's status. */
  indexOrder(order: Order): void {
    if (order.isOpen) {
      if (!order.isIndexedOpen) {
        order.isIndexedOpen = true;
        this.#openOrders.add(order);
      }
    } else {
      order.isIndexedOpen = false;
      this.#openOrders.delete(order);
      if (!this.retainClosedOrders && order.isTerminal) this.#orders.delete(order.clientOrderId);
    }
  }

  /** Orders still working, optionally for one strategy and/or instrument. */
  openOrders(filter: { strategyId?: StrategyId; instrumentId?: InstrumentId } = {}): Order[] {
    const out: Order[] = [];
    for (const order of this.#openOrders) {
      if (filter.strategyId !== undefined && order.strategyId !== filter.strategyId) continue;
      if (filter.instrumentId !== undefined && order.instrumentId !== filter.instrumentId) continue;
      out.push(order);
    }
    return out;
  }
}
