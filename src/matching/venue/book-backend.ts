import { LiquiditySide } from '../../model/orders/order-enums.js';
import {
  BookReason,
  BookSide,
  type BookEvent,
  type BookLevel,
  type BookOptions,
  type MatchingBook,
  type ModifyOrder,
  type NewOrder,
} from '../book/book-types.js';
import type { BackendSink, VenueBackend } from './venue-backend.js';

/** Builds a book: `(options) => new OrderBook(options)` or `new ReferenceBook(options)`. */
export type BookFactory = (options: BookOptions) => MatchingBook;

/** Options of a {@link BookBackend}. */
export interface BookBackendOptions {
  readonly createBook: BookFactory;
  /** Tick size, lot size, session end of the book (its event listener is the backend's own). */
  readonly book?: Omit<BookOptions, 'onEvents'>;
  /** The owner number our orders carry in the book (self-trade prevention, reduce-only). */
  readonly owner: number;
  /** Levels a side in `depth` market data; 0 sends none. */
  readonly depthLevels: number;
  readonly sink: BackendSink;
  /** Receives the book's events about outside orders, in their ids, right after each command. */
  readonly onExternalEvents?: (events: readonly BookEvent[]) => void;
}

/**
 * A venue backend on a {@link MatchingBook} that we share with outside order flow (simulated
 * agents, or historical L3 orders).
 *
 * Our orders and outside orders come from separate id spaces, so the book sees ids of its own,
 * handed out in order; the backend translates both ways. An outside id is known from its submit
 * until the order is done, then forgotten — so outside flow may reuse an id once its order has
 * finished (some L3 feeds do), while a submit with the id of a live outside order is rejected
 * `DUPLICATE_ORDER_ID`. In outside events, our side of a trade shows our order id and our owner.
 */
export class BookBackend implements VenueBackend {
  /** The shared book (read-only use: reading it shows the venue's state now, without latency). */
  readonly book: MatchingBook;
  readonly #owner: number;
  readonly #depthLevels: number;
  readonly #sink: BackendSink;
  readonly #onExternal: ((events: readonly BookEvent[]) => void) | undefined;
  #nextBookId = 1;
  readonly #ownToBook = new Map<number, number>();
  readonly #bookToOwn = new Map<number, number>();
  readonly #extToBook = new Map<number, number>();
  readonly #bookToExt = new Map<number, number>();
  /** Book id of the outside submit being processed: its rejection frees the id mapping. */
  #externalSubmitId = 0;
  #external: BookEvent[] = [];
  #bids: readonly BookLevel[] = [];
  #asks: readonly BookLevel[] = [];

  constructor(options: BookBackendOptions) {
    this.#owner = options.owner;
    this.#depthLevels = options.depthLevels;
    this.#sink = options.sink;
    this.#onExternal = options.onExternalEvents;
    this.book = options.createBook({ ...options.book, onEvents: (events) => this.#onBookEvents(events) });
  }

  // ---- our orders (the venue calls these when a command arrives) ----

  submit(order: NewOrder, time: number): void {
    // The venue rejects our duplicate ids before they get here, so every submit is a new book id.
    const bookId = this.#nextBookId++;
    this.#ownToBook.set(order.id, bookId);
    this.#bookToOwn.set(bookId, order.id);
    this.book.submit({ ...order, id: bookId, owner: this.#owner }, time);
  }

  modify(change: ModifyOrder, time: number): void {
    const bookId = this.#ownToBook.get(change.id);
    if (bookId === undefined) return this.#sinkUnknown(change.id, time);
    this.book.modify({ ...change, id: bookId }, time);
  }

  cancel(id: number, time: number): void {
    const bookId = this.#ownToBook.get(id);
    if (bookId === undefined) return this.#sinkUnknown(id, time);
    // A finished order keeps its book id, so the book itself answers UNKNOWN_ORDER (too late).
    this.book.cancel(bookId, time);
  }

  cancelAll(side: BookSide | undefined, time: number): void {
    this.book.cancelAll(side === undefined ? { owner: this.#owner } : { owner: this.#owner, side }, time);
  }

  advanceTime(time: number): void {
    this.book.advanceTime(time);
  }

  // ---- outside order flow (no latency) ----

  /** An outside order, in its own id space. */
  submitExternal(order: NewOrder, time: number): void {
    if (this.#extToBook.has(order.id)) {
      return this.#emitExternal({
        kind: 'rejected',
        id: order.id,
        reason: BookReason.DUPLICATE_ORDER_ID,
        message: `order id ${order.id} is live`,
        time: Math.max(time, this.book.time),
      });
    }
    const bookId = this.#nextBookId++;
    this.#extToBook.set(order.id, bookId);
    this.#bookToExt.set(bookId, order.id);
    this.#externalSubmitId = bookId;
    try {
      this.book.submit({ ...order, id: bookId }, time);
    } finally {
      this.#externalSubmitId = 0;
    }
  }

  modifyExternal(change: ModifyOrder, time: number): void {
    const bookId = this.#extToBook.get(change.id);
    if (bookId === undefined) return this.#emitExternal(unknown(change.id, Math.max(time, this.book.time)));
    this.book.modify({ ...change, id: bookId }, time);
  }

  cancelExternal(id: number, time: number): void {
    const bookId = this.#extToBook.get(id);
    if (bookId === undefined) return this.#emitExternal(unknown(id, Math.max(time, this.book.time)));
    this.book.cancel(bookId, time);
  }

  // ---- translation ----

  #sinkUnknown(id: number, time: number): void {
    const event = unknown(id, Math.max(time, this.book.time));
    this.#sink(event as Extract<BookEvent, { kind: 'rejected' }>);
  }

  #emitExternal(event: BookEvent): void {
    this.#onExternal?.([event]);
  }

  #onBookEvents(events: readonly BookEvent[]): void {
    let changed = false;
    for (const event of events) {
      if (event.kind !== 'rejected') changed = true;
      if (event.kind === 'trade') this.#onTrade(event);
      else this.#onOrderEvent(event);
    }
    if (changed && this.#depthLevels > 0) this.#checkDepth(events[events.length - 1].time);
    if (this.#external.length > 0) {
      const external = this.#external;
      this.#external = [];
      this.#onExternal?.(external);
    }
  }

  #onTrade(e: Extract<BookEvent, { kind: 'trade' }>): void {
    const { time } = e;
    this.#sink({
      kind: 'trade',
      tradeId: e.tradeId,
      price: e.price,
      quantity: e.quantity,
      aggressor: e.aggressor,
      time,
    });
    const ownMaker = this.#bookToOwn.get(e.makerId);
    const ownTaker = this.#bookToOwn.get(e.takerId);
    const { tradeId, price, quantity } = e;
    if (ownMaker !== undefined) {
      this.#sink({
        kind: 'fill',
        id: ownMaker,
        tradeId,
        price,
        quantity,
        liquidity: LiquiditySide.MAKER,
        leaves: e.makerRemaining,
        time,
      });
    }
    if (ownTaker !== undefined) {
      this.#sink({
        kind: 'fill',
        id: ownTaker,
        tradeId,
        price,
        quantity,
        liquidity: LiquiditySide.TAKER,
        leaves: e.takerRemaining,
        time,
      });
    }
    const extMaker = this.#bookToExt.get(e.makerId);
    const extTaker = this.#bookToExt.get(e.takerId);
    if (extMaker === undefined && extTaker === undefined) return;
    this.#external.push({
      ...e,
      makerId: (extMaker ?? ownMaker) as number,
      takerId: (extTaker ?? ownTaker) as number,
    });
    if (extMaker !== undefined && e.makerRemaining === 0) this.#forget(e.makerId, extMaker);
    if (extTaker !== undefined && e.takerRemaining === 0) this.#forget(e.takerId, extTaker);
  }

  #onOrderEvent(e: Exclude<BookEvent, { kind: 'trade' }>): void {
    const own = this.#bookToOwn.get(e.id);
    if (own !== undefined) {
      // An iceberg slice is no news to its owner; everything else is reported.
      if (e.kind === 'expired') this.#sink({ ...e, id: own, reason: BookReason.EXPIRED });
      else if (e.kind !== 'replenished') this.#sink({ ...e, id: own });
      return;
    }
    const ext = this.#bookToExt.get(e.id);
    if (ext === undefined) return;
    this.#external.push({ ...e, id: ext });
    const done =
      e.kind === 'canceled' ||
      e.kind === 'expired' ||
      (e.kind === 'rejected' && e.id === this.#externalSubmitId);
    if (done) this.#forget(e.id, ext);
  }

  #forget(bookId: number, extId: number): void {
    this.#bookToExt.delete(bookId);
    this.#extToBook.delete(extId);
  }

  /** Sends the best levels when they differ from what was last sent. */
  #checkDepth(time: number): void {
    const bids = this.book.depth(BookSide.BUY, this.#depthLevels);
    const asks = this.book.depth(BookSide.SELL, this.#depthLevels);
    if (sameLevels(bids, this.#bids) && sameLevels(asks, this.#asks)) return;
    this.#bids = bids;
    this.#asks = asks;
    this.#sink({ kind: 'depth', bids, asks, time });
  }
}

function unknown(id: number, time: number): BookEvent {
  return { kind: 'rejected', id, reason: BookReason.UNKNOWN_ORDER, message: `no live order ${id}`, time };
}

function sameLevels(a: readonly BookLevel[], b: readonly BookLevel[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].price !== b[i].price || a[i].quantity !== b[i].quantity || a[i].orders !== b[i].orders)
      return false;
  }
  return true;
}
