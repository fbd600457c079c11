import type { Cache, MarketState } from '../common/cache.js';
import type { Handler, MessageBus, Topic } from '../common/message-bus.js';
import type { Bar } from '../model/data/bar.js';
import type { QuoteTick } from '../model/data/quote-tick.js';
import type { TradeTick } from '../model/data/trade-tick.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';

interface BarRoute {
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

  processBar(bar: Bar): void {
    this.#barCount++;
    const id = bar.instrumentId;
    let route = this.#lastBarRoute;
    if (route === undefined || route.id !== id) {
      // One lookup finds both where the bar is kept and who hears of it.
      route = this.#barRoutes.get(id);
      if (route === undefined) {
        route = { id, market: this.cache.market(id), topic: this.#topic(this.#bars, 'data.bars', id) };
        this.#barRoutes.set(id, route);
      }
      this.#lastBarRoute = route;
    }
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
