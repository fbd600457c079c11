import type { LiquiditySide } from '../../model/orders/order-enums.js';
import {
  BookReason,
  type BookEvent,
  type BookOptions,
  type BookSide,
  type MatchingBook,
  type ModifyOrder,
  type NewOrder,
} from '../book/book-types.js';
import { BookBackend, type BookFactory } from './book-backend.js';
import { FeeModel, notionalRaw, UNIT_NOTIONAL, type FeeSchedule, type NotionalScale } from './fee-model.js';
import { L2Backend } from './l2-backend.js';
import type { L2FillOptions, L2FillSimulator } from './l2-fill-simulator.js';
import { FifoLink, LatencyKind, LatencyModel, type LatencyConfig } from './latency-model.js';
import { TimedQueue } from '../../core/timed-queue.js';
import type { BackendEvent, VenueBackend } from './venue-backend.js';
import type { MarketDataEvent, VenueCommandKind, VenueReport } from './venue-events.js';

interface InstrumentCommon {
  /** The instrument's id text, e.g. `BTCUSDT.BINANCE`. */
  readonly instrument: string;
  /** Overrides the venue's fee schedule for this instrument. */
  readonly fees?: FeeSchedule;
  /** Value of one tick × one lot in the quote currency's smallest units (default 1/1). */
  readonly notional?: NotionalScale;
}

/** An instrument matched on an order book that outside order flow shares with us. */
export interface BookInstrumentConfig extends InstrumentCommon {
  readonly mode?: 'book';
  /** Overrides the venue's `createBook`. */
  readonly createBook?: BookFactory;
  readonly book?: Omit<BookOptions, 'onEvents'>;
}

/** An instrument whose fills are simulated from L2 data (queue position estimates). */
export interface L2InstrumentConfig extends InstrumentCommon {
  readonly mode: 'l2';
  readonly l2?: Omit<L2FillOptions, 'onEvents'>;
}

export type VenueInstrumentConfig = BookInstrumentConfig | L2InstrumentConfig;

/** Configuration of a {@link SimulatedVenue}; everything but `instruments` has a default. */
export interface SimulatedVenueConfig {
  readonly instruments: readonly VenueInstrumentConfig[];
  /** Builds the books of book-mode instruments (required if any has no `createBook` of its own). */
  readonly createBook?: BookFactory;
  /** Default: no fees. */
  readonly fees?: FeeSchedule;
  /** Default: no latency at all. */
  readonly latency?: LatencyConfig;
  /** Seed of the latency jitter (default 0). */
  readonly seed?: number;
  /** The venue clock's start (µs, default 0). */
  readonly startTime?: number;
  /** Our owner number in the books (default {@link DEFAULT_OWNER}); outside flow must not use it. */
  readonly owner?: number;
  /** Levels a side in `depth` market data of book-mode instruments (default 5; 0: none). */
  readonly depthLevels?: number;
  /** Receives our execution reports, each at its `receiveTime`. */
  readonly onReport?: (report: VenueReport) => void;
  /** Receives public market data, each at its `receiveTime` (without it, none is produced). */
  readonly onMarketData?: (event: MarketDataEvent) => void;
  /** Receives the book events about outside orders (in their ids) right after each outside command. */
  readonly onExternalEvents?: (instrument: string, events: readonly BookEvent[]) => void;
}

/** Our owner number unless configured: far from the small numbers simulated agents tend to use. */
export const DEFAULT_OWNER = 2_147_483_647;

/** One of our orders as the venue knows it now (not delayed by report latency). */
export interface VenueOrderView {
  readonly id: number;
  readonly instrument: string;
  readonly side: BookSide;
  /** `pending`: sent, not yet at the venue; `working`: accepted and live; `done`: finished. */
  readonly status: 'pending' | 'working' | 'done';
  /** Total quantity (lots) as last modified. */
  readonly quantity: number;
  readonly filled: number;
  readonly leaves: number;
  /** Sum of the fees of its fills (smallest units; negative = net rebate). */
  readonly fees: number;
}

interface OwnOrder {
  readonly id: number;
  readonly instrument: string;
  readonly side: BookSide;
  status: 'pending' | 'working' | 'done';
  quantity: number;
  filled: number;
  leaves: number;
  fees: number;
}

interface Venue {
  readonly backend: VenueBackend;
  readonly fees: FeeModel;
  readonly notional: NotionalScale;
  readonly book?: BookBackend;
  readonly l2?: L2Backend;
}

type Command =
  | {
      readonly kind: 'submit';
      readonly instrument: string;
      readonly order: NewOrder;
      readonly refuse?: BookReason;
    }
  | { readonly kind: 'modify'; readonly instrument: string | undefined; readonly change: ModifyOrder }
  | { readonly kind: 'cancel'; readonly instrument: string | undefined; readonly id: number }
  | {
      readonly kind: 'cancelAll';
      readonly instrument: string | undefined;
      readonly side: BookSide | undefined;
    };

type Item =
  | { readonly type: 'command'; readonly command: Command }
  | { readonly type: 'report'; readonly report: VenueReport }
  | { readonly type: 'data'; readonly event: MarketDataEvent };

/**
 * A simulated venue for one or more instruments, with fees and latency.
 *
 * Our commands (`submit`, `modify`, `cancel`, `cancelAll`) are sent at the venue's current
 * time and act on the instrument's matching after their latency; execution reports and market
 * data reach our listeners after theirs. All of it waits in one time-ordered queue that
 * {@link SimulatedVenue.advanceTo} works through (equal times: first scheduled, first done), so
 * a run is deterministic from its inputs and the latency seed. Messages keep their order per
 * direction: a cancel never overtakes its submit, a report never overtakes an earlier one.
 *
 * Each instrument runs in one of two modes:
 * - `book`: a {@link MatchingBook} that outside order flow (simulated agents, historical L3
 *   orders) shares with us, through `submitExternal`/`modifyExternal`/`cancelExternal`, acting
 *   at once (no latency). Market data: `depth` (best levels) and `trade`.
 * - `l2`: an {@link L2FillSimulator} fed L2 data through `onLevel`/`onTrade`, which estimates our
 *   queue position. Market data: the `level` and `trade` events as fed.
 *
 * Outside commands and data carry their time; the venue first works through everything due up
 * to it (so our commands arriving at the same µs act first), then applies them. Time never goes
 * back: an earlier time throws.
 *
 * Listeners are called from inside `advanceTo` and the outside-flow methods. `onReport` and
 * `onMarketData` may send our commands (sent at the message's `receiveTime`) and call the venue
 * again. `onExternalEvents` is called while a command is being acted on (the book's events
 * are complete, but the venue's are not): queue what it wants to send and send it afterwards.
 */
export class SimulatedVenue {
  readonly #venues = new Map<string, Venue>();
  readonly #latency: LatencyModel;
  readonly #out = new FifoLink();
  readonly #reportsIn = new FifoLink();
  readonly #dataIn = new FifoLink();
  readonly #queue = new TimedQueue<Item>();
  readonly #own = new Map<number, OwnOrder>();
  readonly #onReport: ((report: VenueReport) => void) | undefined;
  readonly #onMarketData: ((event: MarketDataEvent) => void) | undefined;
  #now: number;
  /** The command being acted on: its kind names the rejections it causes. */
  #acting: Command | undefined;

  constructor(config: SimulatedVenueConfig) {
    this.#latency = new LatencyModel(config.latency, config.seed ?? 0);
    this.#now = config.startTime ?? 0;
    this.#onReport = config.onReport;
    this.#onMarketData = config.onMarketData;
    const owner = config.owner ?? DEFAULT_OWNER;
    const depthLevels = config.onMarketData === undefined ? 0 : (config.depthLevels ?? 5);
    for (const spec of config.instruments) {
      if (this.#venues.has(spec.instrument))
        throw new RangeError(`instrument ${spec.instrument} listed twice`);
      const sink = (event: BackendEvent): void => this.#onBackendEvent(spec.instrument, event);
      const fees = new FeeModel(spec.fees ?? config.fees);
      const notional = spec.notional ?? UNIT_NOTIONAL;
      checkScale(notional, spec.instrument);
      if (spec.mode === 'l2') {
        const l2 = new L2Backend(spec.l2 ?? {}, sink);
        this.#venues.set(spec.instrument, { backend: l2, fees, notional, l2 });
      } else {
        const createBook = spec.createBook ?? config.createBook;
        if (createBook === undefined) throw new RangeError(`instrument ${spec.instrument}: no createBook`);
        const onExternal = config.onExternalEvents;
        const book = new BookBackend({
          createBook,
          book: spec.book,
          owner,
          depthLevels,
          sink,
          onExternalEvents: onExternal && ((events) => onExternal(spec.instrument, events)),
        });
        this.#venues.set(spec.instrument, { backend: book, fees, notional, book });
      }
    }
  }

  /** The venue's clock (µs). */
  get time(): number {
    return this.#now;
  }

  /** When the next queued command, report or market data is due, if any. */
  nextEventTime(): number | undefined {
    return this.#queue.peekTime();
  }

  /**
   * Moves the clock to `time`, acting on every command and delivering every message due up to
   * it, in time order; then lets every instrument expire what is due at `time`.
   */
  advanceTo(time: number): void {
    if (!Number.isSafeInteger(time)) throw new RangeError(`time must be a safe integer (µs), got ${time}`);
    if (time < this.#now) throw new RangeError(`venue time cannot go back from ${this.#now} to ${time}`);
    this.#drain(time);
    for (const venue of this.#venues.values()) venue.backend.advanceTime(time);
    this.#drain(time); // reports of expiries with zero latency
    if (time > this.#now) this.#now = time;
  }

  // ---- our commands ----

  /**
   * Sends a new order (`order.id` is our id, unique across this venue; `owner` is set to ours).
   * It reaches the instrument after the submit latency.
   */
  submit(instrument: string, order: NewOrder): void {
    this.#venue(instrument);
    let refuse: BookReason | undefined;
    if (!Number.isSafeInteger(order.id) || order.id < 1) refuse = BookReason.INVALID_ORDER_ID;
    else if (this.#own.has(order.id)) refuse = BookReason.DUPLICATE_ORDER_ID;
    else {
      this.#own.set(order.id, {
        id: order.id,
        instrument,
        side: order.side,
        status: 'pending',
        quantity: order.quantity,
        filled: 0,
        leaves: order.quantity,
        fees: 0,
      });
    }
    this.#send(LatencyKind.SUBMIT, { kind: 'submit', instrument, order, refuse });
  }

  /** Sends a change to one of our orders; it acts after the modify latency. */
  modify(change: ModifyOrder): void {
    this.#send(LatencyKind.MODIFY, {
      kind: 'modify',
      instrument: this.#own.get(change.id)?.instrument,
      change,
    });
  }

  /** Sends a cancel of one of our orders; it acts after the cancel latency (and may find it filled). */
  cancel(id: number): void {
    this.#send(LatencyKind.CANCEL, { kind: 'cancel', instrument: this.#own.get(id)?.instrument, id });
  }

  /** Cancels all our live orders (of one instrument and/or side when given) after the cancel latency. */
  cancelAll(instrument?: string, side?: BookSide): void {
    if (instrument !== undefined) this.#venue(instrument);
    this.#send(LatencyKind.CANCEL, { kind: 'cancelAll', instrument, side });
  }

  // ---- outside order flow and data (no latency) ----

  /** An outside order on a book-mode instrument, in the outside flow's own ids, at `time`. */
  submitExternal(instrument: string, order: NewOrder, time: number): void {
    const book = this.#bookOf(instrument);
    this.advanceTo(time);
    book.submitExternal(order, time);
    this.#drain(time);
  }

  modifyExternal(instrument: string, change: ModifyOrder, time: number): void {
    const book = this.#bookOf(instrument);
    this.advanceTo(time);
    book.modifyExternal(change, time);
    this.#drain(time);
  }

  cancelExternal(instrument: string, id: number, time: number): void {
    const book = this.#bookOf(instrument);
    this.advanceTo(time);
    book.cancelExternal(id, time);
    this.#drain(time);
  }

  /** An L2 update of an l2-mode instrument: the displayed lots at a price are now `quantity`. */
  onLevel(instrument: string, side: BookSide, price: number, quantity: number, time: number): void {
    const l2 = this.#l2Of(instrument);
    this.advanceTo(time);
    l2.onLevel(side, price, quantity, time);
    this.#drain(time);
  }

  /** A trade of an l2-mode instrument's data. */
  onTrade(instrument: string, price: number, quantity: number, aggressor: BookSide, time: number): void {
    const l2 = this.#l2Of(instrument);
    this.advanceTo(time);
    l2.onTrade(price, quantity, aggressor, time);
    this.#drain(time);
  }

  // ---- reading (the venue's state now, not what has reached us) ----

  /** One of our orders. */
  order(id: number): VenueOrderView | undefined {
    const o = this.#own.get(id);
    return o === undefined ? undefined : { ...o };
  }

  /** The book of a book-mode instrument. */
  book(instrument: string): MatchingBook | undefined {
    return this.#venues.get(instrument)?.book?.book;
  }

  /** The fill simulator of an l2-mode instrument. */
  l2(instrument: string): L2FillSimulator | undefined {
    return this.#venues.get(instrument)?.l2?.simulator;
  }

  // ---- internals ----

  #venue(instrument: string): Venue {
    const venue = this.#venues.get(instrument);
    if (venue === undefined) throw new RangeError(`unknown instrument ${instrument}`);
    return venue;
  }

  #bookOf(instrument: string): BookBackend {
    const book = this.#venue(instrument).book;
    if (book === undefined) throw new RangeError(`instrument ${instrument} is not book-mode`);
    return book;
  }

  #l2Of(instrument: string): L2Backend {
    const l2 = this.#venue(instrument).l2;
    if (l2 === undefined) throw new RangeError(`instrument ${instrument} is not l2-mode`);
    return l2;
  }

  #send(kind: LatencyKind, command: Command): void {
    const arrival = this.#out.arrival(this.#now + this.#latency.sample(kind));
    this.#queue.push(arrival, { type: 'command', command });
  }

  #drain(limit: number): void {
    for (;;) {
      const due = this.#queue.peekTime();
      if (due === undefined || due > limit) return;
      const item = this.#queue.pop() as Item;
      if (due > this.#now) this.#now = due;
      if (item.type === 'command') this.#act(item.command);
      else if (item.type === 'report') this.#onReport?.(item.report);
      else this.#onMarketData?.(item.event);
    }
  }

  #act(command: Command): void {
    const now = this.#now;
    this.#acting = command;
    try {
      if (command.kind === 'cancelAll') {
        const targets =
          command.instrument === undefined ? [...this.#venues.values()] : [this.#venue(command.instrument)];
        for (const venue of targets) {
          venue.backend.advanceTime(now);
          venue.backend.cancelAll(command.side, now);
        }
        return;
      }
      const id =
        command.kind === 'submit'
          ? command.order.id
          : command.kind === 'modify'
            ? command.change.id
            : command.id;
      if (command.instrument === undefined) {
        return this.#refuse('', id, command.kind, BookReason.UNKNOWN_ORDER, `no order ${id} was sent`);
      }
      if (command.kind === 'submit' && command.refuse !== undefined) {
        return this.#refuse(command.instrument, id, 'submit', command.refuse, `order id ${id}`);
      }
      const { backend } = this.#venue(command.instrument);
      backend.advanceTime(now);
      if (command.kind === 'submit') backend.submit(command.order, now);
      else if (command.kind === 'modify') backend.modify(command.change, now);
      else backend.cancel(command.id, now);
    } finally {
      this.#acting = undefined;
    }
  }

  /** A rejection decided by the venue itself (no order to hand to the matching). */
  #refuse(
    instrument: string,
    id: number,
    command: VenueCommandKind,
    reason: BookReason,
    message: string,
  ): void {
    const time = this.#now;
    this.#deliverReport({ kind: 'rejected', instrument, id, command, reason, message, time, receiveTime: 0 });
  }

  #onBackendEvent(instrument: string, e: BackendEvent): void {
    if (e.kind !== 'trade' && e.kind !== 'depth' && e.kind !== 'level')
      return this.#onOwnEvent(instrument, e);
    if (this.#onMarketData === undefined) return;
    const receiveTime = this.#dataIn.arrival(e.time + this.#latency.sample(LatencyKind.MARKET_DATA));
    const event = { ...e, instrument, receiveTime } as MarketDataEvent;
    this.#queue.push(receiveTime, { type: 'data', event });
  }

  #onOwnEvent(instrument: string, e: Exclude<BackendEvent, { kind: 'trade' | 'depth' | 'level' }>): void {
    const order = this.#own.get(e.id);
    const time = e.time;
    switch (e.kind) {
      case 'accepted':
        if (order !== undefined) order.status = 'working';
        return this.#deliverReport({ kind: 'accepted', instrument, id: e.id, time, receiveTime: 0 });
      case 'rejected': {
        const acting = this.#acting?.kind;
        const command: VenueCommandKind = acting === 'submit' || acting === 'modify' ? acting : 'cancel';
        if (command === 'submit' && order !== undefined) this.#finish(order);
        const { reason, message } = e;
        return this.#deliverReport({
          kind: 'rejected',
          instrument,
          id: e.id,
          command,
          reason,
          message,
          time,
          receiveTime: 0,
        });
      }
      case 'triggered':
        return this.#deliverReport({
          kind: 'triggered',
          instrument,
          id: e.id,
          price: e.price,
          time,
          receiveTime: 0,
        });
      case 'fill':
        return this.#onFill(instrument, order, e);
      case 'modified': {
        if (order !== undefined) {
          order.quantity = e.quantity;
          order.leaves = e.quantity - order.filled;
        }
        const { price, triggerPrice, quantity, lostPriority } = e;
        const leaves = order?.leaves ?? quantity;
        return this.#deliverReport({
          kind: 'modified',
          instrument,
          id: e.id,
          price,
          triggerPrice,
          quantity,
          leaves,
          lostPriority,
          time,
          receiveTime: 0,
        });
      }
      case 'canceled':
      case 'expired': {
        if (order !== undefined) this.#finish(order);
        const filled = order?.filled ?? 0;
        const { kind, reason, remaining } = e;
        return this.#deliverReport({
          kind,
          instrument,
          id: e.id,
          reason,
          canceled: remaining,
          filled,
          time,
          receiveTime: 0,
        });
      }
    }
  }

  #onFill(instrument: string, order: OwnOrder | undefined, e: Extract<BackendEvent, { kind: 'fill' }>): void {
    const venue = this.#venue(instrument);
    const notional = notionalRaw(e.price, e.quantity, venue.notional);
    const fee = venue.fees.fee(e.liquidity as LiquiditySide, notional, e.quantity);
    let filled = e.quantity;
    if (order !== undefined) {
      order.filled += e.quantity;
      order.leaves = e.leaves;
      order.fees += fee;
      filled = order.filled;
      if (e.leaves === 0) this.#finish(order);
    }
    this.#deliverReport({
      kind: 'filled',
      instrument,
      id: e.id,
      tradeId: e.tradeId,
      price: e.price,
      quantity: e.quantity,
      liquidity: e.liquidity,
      notional,
      fee,
      filled,
      leaves: e.leaves,
      time: e.time,
      receiveTime: 0,
    });
  }

  #finish(order: OwnOrder): void {
    order.status = 'done';
    order.leaves = 0;
  }

  /** Queues a report for its receive time (its `receiveTime` placeholder is replaced). */
  #deliverReport(report: VenueReport): void {
    const receiveTime = this.#reportsIn.arrival(report.time + this.#latency.sample(LatencyKind.REPORT));
    this.#queue.push(receiveTime, { type: 'report', report: { ...report, receiveTime } });
  }
}

function checkScale(scale: NotionalScale, instrument: string): void {
  const ok = (n: number): boolean => Number.isSafeInteger(n) && n > 0;
  if (!ok(scale.numerator) || !ok(scale.denominator)) {
    throw new RangeError(`instrument ${instrument}: notional scale must be safe integers > 0`);
  }
}
