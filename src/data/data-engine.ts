import type { Cache, MarketState } from '../common/cache.js';
import type { Handler, MessageBus, Topic } from '../common/message-bus.js';
import type { L2Book } from '../model/book/l2-book.js';
import type { Bar } from '../model/data/bar.js';
import type { BookUpdate } from '../model/data/book-update.js';
import type { QuoteTick } from '../model/data/quote-tick.js';
import type { TradeTick } from '../model/data/trade-tick.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';

/** An instrument's bar destinations (see {@link DataEngine.barRoute}). */
export interface BarRoute {
  readonly id: InstrumentId;
  readonly market: MarketState;
  readonly topic: Topic<Bar>;
}

/**
 * Entry point of market data into the kernel: updates the cache first, then publishes
 * to the subscribers of that instrument, so a subscriber always finds the cache current.
 * Per-instrument topics are resolved once and kept, so dispatch needs no string building.
 */
export class DataEngine {
  readonly #bars = new Map<InstrumentId, Topic<Bar>>();
  readonly #quotes = new Map<InstrumentId, Topic<QuoteTick>>();
  readonly #trades = new Map<InstrumentId, Topic<TradeTick>>();
  readonly #books = new Map<InstrumentId, Topic<L2Book>>();
  #barCount = 0;
  readonly #barRoutes = new Map<InstrumentId, BarRoute>();
  #lastBarRoute: BarRoute | undefined;

  constructor(
    private readonly cache: Cache,
    private readonly bus: MessageBus,
  ) {}

  /** Bars processed so far. */
  get barCount(): number {
    return this.#barCount;
  }

  subscribeBars(id: InstrumentId, handler: Handler<Bar>): () => void {
    return this.#topic(this.#bars, 'data.bars', id).subscribe(handler);
  }
  subscribeQuotes(id: InstrumentId, handler: Handler<QuoteTick>): () => void {
    return this.#topic(this.#quotes, 'data.quotes', id).subscribe(handler);
  }
  subscribeTrades(id: InstrumentId, handler: Handler<TradeTick>): () => void {
    return this.#topic(this.#trades, 'data.trades', id).subscribe(handler);
  }
  /** The instrument's L2 book after each update applied to it (the same object each time). */
  subscribeBook(id: InstrumentId, handler: Handler<L2Book>): () => void {
    return this.#topic(this.#books, 'data.book', id).subscribe(handler);
  }

  processBar(bar: Bar): void {
    const id = bar.instrumentId;
    let route = this.#lastBarRoute;
    if (route === undefined || route.id !== id) {
      route = this.barRoute(id);
      this.#lastBarRoute = route;
    }
    this.processRoutedBar(route, bar);
  }

  /**
   * Where bars of an instrument go: its cache entry and its subscribers, found once. A replay
   * that knows each bar's instrument in advance (a backtest, one stream per instrument)
   * holds the routes and calls {@link processRoutedBar}, with no lookup per bar.
   */
  barRoute(id: InstrumentId): BarRoute {
    let route = this.#barRoutes.get(id);
    if (route === undefined) {
      route = { id, market: this.cache.market(id), topic: this.#topic(this.#bars, 'data.bars', id) };
      this.#barRoutes.set(id, route);
    }
    return route;
  }

  /** {@link processBar} for a bar of `route`'s instrument. */
  processRoutedBar(route: BarRoute, bar: Bar): void {
    this.#barCount++;
    route.market.lastBar = bar;
    route.topic.publish(bar);
  }

  processQuote(quote: QuoteTick): void {
    this.cache.updateQuote(quote);
    this.#quotes.get(quote.instrumentId)?.publish(quote);
  }
  processTrade(trade: TradeTick): void {
    this.cache.updateTrade(trade);
    this.#trades.get(trade.instrumentId)?.publish(trade);
  }
  processBookUpdate(update: BookUpdate): void {
    const book = this.cache.updateBook(update);
    this.#books.get(update.instrumentId)?.publish(book);
  }

  /** The bus topic `kind.INSTRUMENT`, remembered per instrument. */
  #topic<T>(topics: Map<InstrumentId, Topic<T>>, kind: string, id: InstrumentId): Topic<T> {
    let topic = topics.get(id);
    if (topic === undefined) {
      topic = this.bus.topic<T>(`${kind}.${id}`);
      topics.set(id, topic);
    }
    return topic;
  }
}
