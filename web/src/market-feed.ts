/**
 * Market data of the selected instrument: subscribes to its quotes/trades/bars/book topics (and
 * drops the previous instrument's), and hands parsed values to the chart and book panels.
 */
import type { StreamTopic } from '../../src/client/index.js';
import type { Dashboard } from './dashboard.js';
import {
  parseBar,
  parseBook,
  parseQuote,
  parseTrade,
  type BarView,
  type BookView,
  type QuoteView,
  type TradeView,
} from './lib/market-data.js';

export class MarketFeed {
  readonly #quote = new Set<(q: QuoteView) => void>();
  readonly #trade = new Set<(t: TradeView) => void>();
  readonly #bar = new Set<(b: BarView) => void>();
  readonly #book = new Set<(b: BookView) => void>();
  readonly #select = new Set<(id: string) => void>();
  #offs: (() => void)[] = [];
  #topics: StreamTopic[] = [];

  constructor(private readonly ctx: Dashboard) {
    ctx.onSelect((id) => this.#switch(id));
    if (ctx.selected) queueMicrotask(() => this.#switch(ctx.selected as string));
  }

  onQuote(fn: (q: QuoteView) => void): void {
    this.#quote.add(fn);
  }
  onTrade(fn: (t: TradeView) => void): void {
    this.#trade.add(fn);
  }
  onBar(fn: (b: BarView) => void): void {
    this.#bar.add(fn);
  }
  onBook(fn: (b: BookView) => void): void {
    this.#book.add(fn);
  }
  /** Called when the instrument changes (panels reset and reload). */
  onInstrument(fn: (id: string) => void): void {
    this.#select.add(fn);
  }

  #switch(id: string): void {
    const { stream } = this.ctx;
    for (const off of this.#offs) off();
    if (this.#topics.length) stream.unsubscribe(this.#topics);
    this.#topics = [`quotes:${id}`, `trades:${id}`, `bars:${id}`, `book:${id}`];
    this.#offs = [
      stream.on(`quotes:${id}`, (m) => {
        const q = parseQuote(m.data, id);
        if (q) for (const l of this.#quote) l(q.tsUs ? q : { ...q, tsUs: m.ts });
      }),
      stream.on(`trades:${id}`, (m) => {
        const t = parseTrade(m.data, id);
        if (t) for (const l of this.#trade) l(t.tsUs ? t : { ...t, tsUs: m.ts });
      }),
      stream.on(`bars:${id}`, (m) => {
        const b = parseBar(m.data);
        if (b) for (const l of this.#bar) l(b);
      }),
      stream.on(`book:${id}`, (m) => {
        const b = parseBook(m.data, id);
        if (b) for (const l of this.#book) l(b);
      }),
    ];
    stream.subscribe(this.#topics);
    for (const l of this.#select) l(id);
  }
}
