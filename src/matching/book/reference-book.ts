/**
 * The naive reference order book: every rule of docs/matching.md written the plainest way —
 * one array of order records, linear scans and sorting, no indexes. It is slow on purpose; its
 * job is to be obviously right so that the fast {@link OrderBook} can be checked against it on
 * random command streams (book-equivalence.test.ts).
 *
 * Readings of docs/matching.md where it is silent (each stated where it is implemented):
 * - a command at a time later than the clock first moves the clock there and expires what is due
 *   (as `advanceTime` would; those `expired` events come first), rejected commands included;
 * - a field the order type does not use is not allowed (INVALID_ORDER); prices are checked field
 *   by field (`price`, then `triggerPrice`);
 * - `triggered` carries the trigger price that was reached (fixed, or the trailing level);
 * - a conditional order modified so that its condition holds triggers in the same command;
 * - after each match step, the untriggered orders are re-evaluated against the new last trade
 *   price; the lowest id whose condition holds goes next;
 * - a FOK order fills iff a dry run of its match on a copy of the book fills it completely;
 * - owner 0 (anonymous) has no position: its reduce-only orders are rejected;
 * - a reduce-only taker whose owner's position is used up is canceled REDUCE_ONLY at once (even
 *   with no liquidity left), and a reduce-only maker whose trade used up the position has the
 *   rest canceled at once;
 * - self-trade prevention is applied before a reduce-only maker is checked;
 * - modify keeps an iceberg's current slice (capped at the new open quantity);
 * - `stats.marketUnfilled` sums the `canceled` `NO_LIQUIDITY` remainders.
 */
import {
  BookOrderType,
  BookReason,
  BookSide,
  BookTimeInForce,
  SelfTradePrevention,
  type BookEvent,
  type BookLevel,
  type BookOptions,
  type BookOrderView,
  type BookStats,
  type MatchingBook,
  type ModifyOrder,
  type NewOrder,
} from './book-types.js';

const MICROS_PER_DAY = 86_400_000_000;

/** Types that carry their own limit `price` from submission. */
const LIMIT_LIKE_TYPES: ReadonlySet<BookOrderType> = new Set([
  BookOrderType.LIMIT,
  BookOrderType.STOP_LIMIT,
  BookOrderType.LIMIT_IF_TOUCHED,
]);
/** Conditional types whose trigger is a fixed `triggerPrice`. */
const FIXED_TRIGGER_TYPES: ReadonlySet<BookOrderType> = new Set([
  BookOrderType.STOP_MARKET,
  BookOrderType.STOP_LIMIT,
  BookOrderType.MARKET_IF_TOUCHED,
  BookOrderType.LIMIT_IF_TOUCHED,
]);
const STOP_TYPES: ReadonlySet<BookOrderType> = new Set([BookOrderType.STOP_MARKET, BookOrderType.STOP_LIMIT]);
const TRAILING_TYPES: ReadonlySet<BookOrderType> = new Set([
  BookOrderType.TRAILING_STOP_MARKET,
  BookOrderType.TRAILING_STOP_LIMIT,
]);
/** Types that execute as a MARKET order (directly, or once triggered). */
const MARKET_FORM_TYPES: ReadonlySet<BookOrderType> = new Set([
  BookOrderType.MARKET,
  BookOrderType.STOP_MARKET,
  BookOrderType.MARKET_IF_TOUCHED,
  BookOrderType.TRAILING_STOP_MARKET,
]);
const RESTABLE_TIFS: ReadonlySet<BookTimeInForce> = new Set([
  BookTimeInForce.GTC,
  BookTimeInForce.DAY,
  BookTimeInForce.GTD,
]);

/** One live order (or, during a match, the incoming one) as the reference book keeps it. */
interface OrderRecord {
  readonly id: number;
  readonly side: BookSide;
  readonly type: BookOrderType;
  readonly owner: number;
  readonly timeInForce: BookTimeInForce;
  readonly selfTradePrevention: SelfTradePrevention;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  readonly hidden: boolean;
  /** Iceberg slice size, if an iceberg. */
  readonly displayQuantity: number | undefined;
  readonly trailingOffset: number | undefined;
  readonly trailingBps: number | undefined;
  readonly limitOffset: number;
  /** When DAY/GTD orders expire (µs). */
  readonly expiry: number | undefined;
  /** Acceptance order, for cancel-all. */
  readonly acceptedSeq: number;
  quantity: number;
  filled: number;
  /** Limit price: LIMIT-like orders always, TRAILING_STOP_LIMIT once triggered. */
  price: number | undefined;
  /** Fixed trigger price, until triggered. */
  triggerPrice: number | undefined;
  /** Trailing: highest (sell) / lowest (buy) trade price since acceptance; undefined before a trade. */
  trailingReference: number | undefined;
  /** A conditional order whose condition has held (false for MARKET and LIMIT). */
  triggered: boolean;
  /** In a price level (LIMIT, or a triggered LIMIT form). */
  resting: boolean;
  /** Quantity shown in L2: the open quantity, an iceberg's current slice, 0 if hidden or waiting. */
  displayed: number;
  /** Time priority within a price level's queue: smaller joined earlier. */
  prioritySeq: number;
}

/** Everything the book knows, as plain data, so a FOK dry run can work on a copy. */
interface BookState {
  clock: number;
  /** Live orders: resting ones and conditional ones waiting for their trigger. */
  orders: OrderRecord[];
  /** Every id ever accepted. */
  seenIds: Set<number>;
  /** Non-zero positions of non-zero owners. */
  positions: Map<number, number>;
  lastTradePrice: number | undefined;
  nextTradeId: number;
  nextSeq: number;
  stats: { -readonly [K in keyof BookStats]: number };
}

interface Rejection {
  readonly reason: BookReason;
  readonly message: string;
}

type MatchOutcome = 'taker-canceled' | 'filled' | 'no-more-liquidity';

/** The naive reference implementation of {@link MatchingBook}; see the module comment. */
export class ReferenceBook implements MatchingBook {
  private readonly tickSize: number;
  private readonly lotSize: number;
  private readonly sessionEnd: (time: number) => number;
  private readonly onEvents: ((events: readonly BookEvent[]) => void) | undefined;
  private s: BookState;

  /** @param options tick and lot size, DAY session end and the event listener (all optional). */
  constructor(options: BookOptions = {}) {
    this.tickSize = options.tickSize ?? 1;
    this.lotSize = options.lotSize ?? 1;
    if (!isSafeIntAtLeast(this.tickSize, 1)) throw new RangeError(`tickSize must be a safe integer ≥ 1`);
    if (!isSafeIntAtLeast(this.lotSize, 1)) throw new RangeError(`lotSize must be a safe integer ≥ 1`);
    this.sessionEnd =
      options.sessionEnd ?? ((time) => (Math.floor(time / MICROS_PER_DAY) + 1) * MICROS_PER_DAY);
    this.onEvents = options.onEvents;
    this.s = {
      clock: 0,
      orders: [],
      seenIds: new Set(),
      positions: new Map(),
      lastTradePrice: undefined,
      nextTradeId: 1,
      nextSeq: 1,
      stats: { trades: 0, tradedVolume: 0, cancelOk: 0, cancelledVolume: 0, marketUnfilled: 0 },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Commands
  // ---------------------------------------------------------------------------------------------

  /** Validates the order, then accepts and matches it (or holds it until its trigger). */
  submit(order: NewOrder, time?: number): void {
    this.runCommand(time, (now, events) => {
      const rejection = this.checkNewOrder(order, now);
      if (rejection) {
        events.push(rejectedEvent(order.id, rejection, now));
        return;
      }
      const record = this.createRecord(order, now);
      this.s.seenIds.add(record.id);
      events.push({ kind: 'accepted', id: record.id, time: now });
      if (isConditional(record)) {
        record.trailingReference = TRAILING_TYPES.has(record.type) ? this.s.lastTradePrice : undefined;
        this.s.orders.push(record);
        // A condition that already holds on acceptance triggers in this command.
        this.settleConditionals([], now, events);
        return;
      }
      this.matchStep(record, now, events);
    });
  }

  /** Cancels a live order (resting or waiting for its trigger). */
  cancel(id: number, time?: number): void {
    this.runCommand(time, (now, events) => {
      const order = this.findLive(id);
      if (!order) {
        events.push(rejectedEvent(id, unknownOrder(id), now));
        return;
      }
      this.cancelByCommand(order, now, events);
    });
  }

  /** Changes a live order's price, trigger price and/or total quantity. */
  modify(change: ModifyOrder, time?: number): void {
    this.runCommand(time, (now, events) => {
      const order = this.findLive(change.id);
      if (!order) {
        events.push(rejectedEvent(change.id, unknownOrder(change.id), now));
        return;
      }
      const rejection = this.checkModify(order, change);
      if (rejection) {
        events.push(rejectedEvent(change.id, rejection, now));
        return;
      }
      this.applyModify(order, change, now, events);
    });
  }

  /** Cancels every live order matching the filter, in acceptance order. */
  cancelAll(filter: { readonly owner?: number; readonly side?: BookSide } = {}, time?: number): void {
    this.runCommand(time, (now, events) => {
      const doomed = this.s.orders
        .filter((o) => filter.owner === undefined || o.owner === filter.owner)
        .filter((o) => filter.side === undefined || o.side === filter.side)
        .sort((a, b) => a.acceptedSeq - b.acceptedSeq);
      for (const order of doomed) this.cancelByCommand(order, now, events);
    });
  }

  /** Moves the clock forward (never back) and expires DAY/GTD orders due by then (by expiry, then id). */
  advanceTime(time: number): void {
    assertTime(time);
    this.runCommand(time, () => {});
  }

  /** Sets a non-zero owner's position; owner 0 is anonymous and has none (ignored). */
  setPosition(owner: number, position: number): void {
    if (!isSafeIntAtLeast(owner, 0)) throw new RangeError(`owner must be a safe integer ≥ 0, got ${owner}`);
    if (!Number.isSafeInteger(position))
      throw new RangeError(`position must be a safe integer, got ${position}`);
    if (owner === 0) return;
    if (position === 0) this.s.positions.delete(owner);
    else this.s.positions.set(owner, position);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------

  position(owner: number): number {
    return this.s.positions.get(owner) ?? 0;
  }

  get time(): number {
    return this.s.clock;
  }

  bestBid(): number | undefined {
    return this.depth(BookSide.BUY, 1)[0]?.price;
  }

  bestAsk(): number | undefined {
    return this.depth(BookSide.SELL, 1)[0]?.price;
  }

  spread(): number | undefined {
    const bid = this.bestBid();
    const ask = this.bestAsk();
    return bid === undefined || ask === undefined ? undefined : ask - bid;
  }

  mid(): number | undefined {
    const bid = this.bestBid();
    const ask = this.bestAsk();
    return bid === undefined || ask === undefined ? undefined : (bid + ask) / 2;
  }

  microprice(): number | undefined {
    const bid = this.depth(BookSide.BUY, 1)[0];
    const ask = this.depth(BookSide.SELL, 1)[0];
    if (!bid || !ask) return undefined;
    return (bid.price * ask.quantity + ask.price * bid.quantity) / (bid.quantity + ask.quantity);
  }

  imbalance(levels = 1): number {
    const bidQty = sumQuantity(this.depth(BookSide.BUY, levels));
    const askQty = sumQuantity(this.depth(BookSide.SELL, levels));
    return bidQty + askQty === 0 ? 0 : (bidQty - askQty) / (bidQty + askQty);
  }

  /** Displayed levels of a side, best first: all of them unless `levels` is given. */
  depth(side: BookSide, levels = Number.POSITIVE_INFINITY): BookLevel[] {
    const result: BookLevel[] = [];
    for (const order of this.restingInPriority(side)) {
      if (order.displayed === 0) continue;
      const price = restingPrice(order);
      const last = result[result.length - 1];
      if (last && last.price === price) {
        result[result.length - 1] = {
          price,
          quantity: last.quantity + order.displayed,
          orders: last.orders + 1,
        };
      } else {
        result.push({ price, quantity: order.displayed, orders: 1 });
      }
    }
    return result.slice(0, Math.max(0, levels));
  }

  order(id: number): BookOrderView | undefined {
    const order = this.findLive(id);
    return order ? this.view(order) : undefined;
  }

  /** Bids then asks, each in match order; then the orders waiting for a trigger, by id. */
  orders(): BookOrderView[] {
    const waiting = this.s.orders.filter((o) => !o.resting).sort((a, b) => a.id - b.id);
    return [
      ...this.restingInPriority(BookSide.BUY),
      ...this.restingInPriority(BookSide.SELL),
      ...waiting,
    ].map((o) => this.view(o));
  }

  lastTradePrice(): number | undefined {
    return this.s.lastTradePrice;
  }

  get stats(): BookStats {
    return { ...this.s.stats };
  }

  /** Throws if the internal state breaks one of the book's invariants (a bug, never a rejection). */
  checkInvariants(): void {
    const fail = (message: string): never => {
      throw new Error(`ReferenceBook invariant broken: ${message}`);
    };
    const ids = new Set<number>();
    const seqs = new Set<number>();
    for (const o of this.s.orders) {
      if (ids.has(o.id)) fail(`order ${o.id} is held twice`);
      ids.add(o.id);
      if (!this.s.seenIds.has(o.id)) fail(`live order ${o.id} is not among the seen ids`);
      if (!isSafeIntAtLeast(o.quantity, 1)) fail(`order ${o.id} has quantity ${o.quantity}`);
      if (!isSafeIntAtLeast(o.filled, 0) || o.filled >= o.quantity) {
        fail(`order ${o.id} has filled ${o.filled} of ${o.quantity} (open must be > 0)`);
      }
      if (o.displayed < 0 || o.displayed > openOf(o))
        fail(`order ${o.id} displays ${o.displayed} of ${openOf(o)}`);
      if (o.resting) this.checkRestingOrder(o, fail);
      else this.checkWaitingOrder(o, fail);
      if (o.resting) {
        if (seqs.has(o.prioritySeq)) fail(`priority ${o.prioritySeq} is shared`);
        seqs.add(o.prioritySeq);
      }
    }
    const bids = this.s.orders.filter((o) => o.resting && o.side === BookSide.BUY).map(restingPrice);
    const asks = this.s.orders.filter((o) => o.resting && o.side === BookSide.SELL).map(restingPrice);
    if (bids.length > 0 && asks.length > 0 && Math.max(...bids) >= Math.min(...asks)) {
      fail(`the book is crossed: bid ${Math.max(...bids)} ≥ ask ${Math.min(...asks)}`);
    }
    this.checkLevels(BookSide.BUY, fail);
    this.checkLevels(BookSide.SELL, fail);
    const st = this.s.stats;
    for (const [name, value] of Object.entries(st)) {
      if (!isSafeIntAtLeast(value, 0)) fail(`stats.${name} is ${value}`);
    }
    if (st.tradedVolume < st.trades) fail('traded volume is below the number of trades');
    if (st.cancelledVolume < st.cancelOk) fail('cancelled volume is below the number of cancels');
    if (this.s.nextTradeId !== st.trades + 1)
      fail(`next trade id ${this.s.nextTradeId} after ${st.trades} trades`);
    if ((st.trades === 0) !== (this.s.lastTradePrice === undefined)) fail('last trade price without trades');
    for (const [owner, position] of this.s.positions) {
      if (owner === 0 || position === 0 || !Number.isSafeInteger(position))
        fail(`position ${owner}: ${position}`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Validation
  // ---------------------------------------------------------------------------------------------

  /** docs/matching.md "Validation", steps 1–7 in order; undefined if the order is valid. */
  private checkNewOrder(o: NewOrder, now: number): Rejection | undefined {
    if (!isSafeIntAtLeast(o.id, 1)) {
      return {
        reason: BookReason.INVALID_ORDER_ID,
        message: `order id must be a safe integer ≥ 1, got ${o.id}`,
      };
    }
    if (this.s.seenIds.has(o.id)) {
      return { reason: BookReason.DUPLICATE_ORDER_ID, message: `order id ${o.id} was already used` };
    }
    const quantityProblem = this.checkQuantity(o.quantity);
    if (quantityProblem) return quantityProblem;
    const shapeProblem = this.checkShape(o);
    if (shapeProblem) return { reason: BookReason.INVALID_ORDER, message: shapeProblem };
    const priceProblem = this.checkPrices(pricesUsedBy(o));
    if (priceProblem) return priceProblem;
    if (o.timeInForce === BookTimeInForce.GTD && (o.expireTime as number) <= now) {
      return {
        reason: BookReason.EXPIRE_TIME_IN_PAST,
        message: `expireTime ${o.expireTime} is not after the command time ${now}`,
      };
    }
    if (o.postOnly === true && this.wouldTradeOnArrival(o.side, o.price as number)) {
      return {
        reason: BookReason.POST_ONLY_WOULD_CROSS,
        message: `post-only ${o.side} at ${o.price} would trade`,
      };
    }
    const owner = o.owner ?? 0;
    // Owner 0 never has a position, so it never has anything to reduce.
    if (o.reduceOnly === true && this.reducible(owner, o.side) < o.quantity) {
      return {
        reason: BookReason.REDUCE_ONLY_WOULD_INCREASE,
        message: `reduce-only ${o.side} of ${o.quantity} against position ${this.position(owner)} of owner ${owner}`,
      };
    }
    return undefined;
  }

  private checkQuantity(quantity: number): Rejection | undefined {
    if (!isSafeIntAtLeast(quantity, 1)) {
      return {
        reason: BookReason.INVALID_QUANTITY,
        message: `quantity must be a safe integer > 0, got ${quantity}`,
      };
    }
    if (quantity % this.lotSize !== 0) {
      return {
        reason: BookReason.QUANTITY_OFF_LOT,
        message: `quantity ${quantity} is not a multiple of ${this.lotSize}`,
      };
    }
    return undefined;
  }

  /** Field by field (`price`, then `triggerPrice`): validity, then the tick. */
  private checkPrices(prices: readonly (readonly [string, number])[]): Rejection | undefined {
    for (const [field, value] of prices) {
      if (!isSafeIntAtLeast(value, 1)) {
        return {
          reason: BookReason.INVALID_PRICE,
          message: `${field} must be a safe integer > 0, got ${value}`,
        };
      }
      if (value % this.tickSize !== 0) {
        return {
          reason: BookReason.PRICE_OFF_TICK,
          message: `${field} ${value} is not a multiple of ${this.tickSize}`,
        };
      }
    }
    return undefined;
  }

  /**
   * Step 3: fields required by the type missing or not allowed by it. A field the type does not
   * use (`price` of a MARKET order, `triggerPrice` of a LIMIT, ...) is not allowed: an exchange
   * refuses what it would otherwise silently drop.
   */
  private checkShape(o: NewOrder): string | undefined {
    if (o.side !== BookSide.BUY && o.side !== BookSide.SELL) return `unknown side ${String(o.side)}`;
    if (!Object.values(BookOrderType).includes(o.type)) return `unknown order type ${String(o.type)}`;
    const tif = o.timeInForce ?? defaultTimeInForce(o.type);
    if (!Object.values(BookTimeInForce).includes(tif)) return `unknown time in force ${String(tif)}`;
    const stp = o.selfTradePrevention ?? SelfTradePrevention.NONE;
    if (!Object.values(SelfTradePrevention).includes(stp))
      return `unknown self-trade prevention ${String(stp)}`;
    if (!isSafeIntAtLeast(o.owner ?? 0, 0)) return `owner must be a safe integer ≥ 0, got ${o.owner}`;
    if (LIMIT_LIKE_TYPES.has(o.type) !== (o.price !== undefined)) {
      return LIMIT_LIKE_TYPES.has(o.type) ? `${o.type} needs a price` : `${o.type} takes no price`;
    }
    if (FIXED_TRIGGER_TYPES.has(o.type) !== (o.triggerPrice !== undefined)) {
      return FIXED_TRIGGER_TYPES.has(o.type)
        ? `${o.type} needs a triggerPrice`
        : `${o.type} takes no triggerPrice`;
    }
    if (TRAILING_TYPES.has(o.type)) {
      const trailingProblem = checkTrailingFields(o);
      if (trailingProblem) return trailingProblem;
    } else if (o.trailingOffset !== undefined || o.trailingBps !== undefined) {
      return `${o.type} takes no trailingOffset or trailingBps`;
    }
    if (o.limitOffset !== undefined) {
      if (o.type !== BookOrderType.TRAILING_STOP_LIMIT) return 'limitOffset is only for TRAILING_STOP_LIMIT';
      if (!isSafeIntAtLeast(o.limitOffset, 0))
        return `limitOffset must be a safe integer ≥ 0, got ${o.limitOffset}`;
    }
    if (o.type === BookOrderType.MARKET && tif !== BookTimeInForce.IOC && tif !== BookTimeInForce.FOK) {
      return `a MARKET order takes IOC or FOK, not ${tif}`;
    }
    if (o.postOnly === true && (o.type !== BookOrderType.LIMIT || !RESTABLE_TIFS.has(tif))) {
      return 'postOnly is only for LIMIT orders with GTC, DAY or GTD';
    }
    const displayProblem = this.checkDisplayFields(o);
    if (displayProblem) return displayProblem;
    if (tif === BookTimeInForce.GTD) {
      if (o.expireTime === undefined) return 'GTD needs an expireTime';
      if (!Number.isSafeInteger(o.expireTime))
        return `expireTime must be a safe integer, got ${o.expireTime}`;
    } else if (o.expireTime !== undefined) {
      return 'expireTime is only for GTD orders';
    }
    return undefined;
  }

  private checkDisplayFields(o: NewOrder): string | undefined {
    if (o.hidden === true && !LIMIT_LIKE_TYPES.has(o.type)) return 'hidden is only for LIMIT-like orders';
    if (o.displayQuantity === undefined) return undefined;
    if (!LIMIT_LIKE_TYPES.has(o.type)) return 'displayQuantity is only for LIMIT-like orders';
    if (o.hidden === true) return 'an order is either hidden or an iceberg, not both';
    const d = o.displayQuantity;
    if (!Number.isSafeInteger(d) || d <= 0 || d >= o.quantity || d % this.lotSize !== 0) {
      return `displayQuantity must be a multiple of the lot with 0 < display < quantity, got ${d}`;
    }
    return undefined;
  }

  /** docs/matching.md "Cancel, modify": checks in the order listed there. */
  private checkModify(order: OrderRecord, change: ModifyOrder): Rejection | undefined {
    if (change.price !== undefined && order.price === undefined) {
      return { reason: BookReason.NOT_MODIFIABLE, message: `order ${order.id} has no limit price` };
    }
    if (change.triggerPrice !== undefined && !hasFixedTriggerPending(order)) {
      return {
        reason: BookReason.NOT_MODIFIABLE,
        message: `order ${order.id} has no trigger price to change`,
      };
    }
    if (change.quantity !== undefined) {
      if (isSafeIntAtLeast(change.quantity, 1) && change.quantity <= order.filled) {
        return {
          reason: BookReason.INVALID_QUANTITY,
          message: `new quantity ${change.quantity} must exceed the filled ${order.filled}`,
        };
      }
      const quantityProblem = this.checkQuantity(change.quantity);
      if (quantityProblem) return quantityProblem;
    }
    const prices: [string, number][] = [];
    if (change.price !== undefined) prices.push(['price', change.price]);
    if (change.triggerPrice !== undefined) prices.push(['triggerPrice', change.triggerPrice]);
    const priceProblem = this.checkPrices(prices);
    if (priceProblem) return priceProblem;
    if (change.price !== undefined && order.postOnly && this.wouldTradeOnArrival(order.side, change.price)) {
      return {
        reason: BookReason.POST_ONLY_WOULD_CROSS,
        message: `post-only order moved to ${change.price} would trade`,
      };
    }
    return undefined;
  }

  /** Whether a limit order of `side` at `price` finds any resting order to trade with (hidden included). */
  private wouldTradeOnArrival(side: BookSide, price: number): boolean {
    return this.s.orders.some(
      (o) => o.resting && o.side !== side && isAcceptable(side, price, restingPrice(o)),
    );
  }

  private createRecord(o: NewOrder, now: number): OrderRecord {
    const timeInForce = o.timeInForce ?? defaultTimeInForce(o.type);
    const trailing = TRAILING_TYPES.has(o.type);
    return {
      id: o.id,
      side: o.side,
      type: o.type,
      owner: o.owner ?? 0,
      timeInForce,
      selfTradePrevention: o.selfTradePrevention ?? SelfTradePrevention.NONE,
      postOnly: o.postOnly === true,
      reduceOnly: o.reduceOnly === true,
      hidden: o.hidden === true,
      displayQuantity: o.displayQuantity,
      trailingOffset: trailing ? o.trailingOffset : undefined,
      trailingBps: trailing ? o.trailingBps : undefined,
      limitOffset: o.type === BookOrderType.TRAILING_STOP_LIMIT ? (o.limitOffset ?? 0) : 0,
      expiry:
        timeInForce === BookTimeInForce.DAY
          ? this.sessionEnd(now)
          : timeInForce === BookTimeInForce.GTD
            ? o.expireTime
            : undefined,
      acceptedSeq: this.s.nextSeq++,
      quantity: o.quantity,
      filled: 0,
      price: LIMIT_LIKE_TYPES.has(o.type) ? o.price : undefined,
      triggerPrice: FIXED_TRIGGER_TYPES.has(o.type) ? o.triggerPrice : undefined,
      trailingReference: undefined,
      triggered: false,
      resting: false,
      displayed: 0,
      prioritySeq: 0,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Modify and cancel
  // ---------------------------------------------------------------------------------------------

  private applyModify(order: OrderRecord, change: ModifyOrder, now: number, events: BookEvent[]): void {
    const priceChanged = change.price !== undefined && change.price !== order.price;
    const quantityIncreased = change.quantity !== undefined && change.quantity > order.quantity;
    // Only a resting order has a place in a queue to lose.
    const lostPriority = order.resting && (priceChanged || quantityIncreased);
    if (change.price !== undefined) order.price = change.price;
    if (change.triggerPrice !== undefined) order.triggerPrice = change.triggerPrice;
    if (change.quantity !== undefined) order.quantity = change.quantity;
    if (order.resting) {
      if (lostPriority) order.prioritySeq = this.s.nextSeq++;
      // An iceberg keeps its current slice (capped at what is open); a plain order shows all of it.
      order.displayed = order.hidden
        ? 0
        : order.displayQuantity !== undefined
          ? Math.min(order.displayed, openOf(order))
          : openOf(order);
    }
    const triggerPrice = pendingTriggerPrice(order);
    events.push({
      kind: 'modified',
      id: order.id,
      ...(order.price !== undefined ? { price: order.price } : {}),
      ...(triggerPrice !== undefined ? { triggerPrice } : {}),
      quantity: order.quantity,
      lostPriority,
      time: now,
    });
    if (order.resting && priceChanged && this.wouldTradeOnArrival(order.side, order.price as number)) {
      // Moved across the spread: it trades at once as a taker; the remainder rests again (GTC/DAY/GTD).
      this.remove(order);
      order.resting = false;
      order.displayed = 0;
      this.matchStep(order, now, events);
      return;
    }
    // A trigger price moved to where the condition holds triggers now, as on acceptance.
    this.settleConditionals([], now, events);
  }

  private cancelByCommand(order: OrderRecord, now: number, events: BookEvent[]): void {
    this.remove(order);
    this.s.stats.cancelOk += 1;
    this.s.stats.cancelledVolume += openOf(order);
    events.push(canceledEvent(order, BookReason.CANCELED, now));
  }

  // ---------------------------------------------------------------------------------------------
  // Matching
  // ---------------------------------------------------------------------------------------------

  /** One match step (an incoming, moved or triggered order, matched to the end), then its triggers. */
  private matchStep(taker: OrderRecord, now: number, events: BookEvent[]): void {
    const stepPrices: number[] = [];
    this.executeTaker(taker, now, events, stepPrices);
    this.settleConditionals(stepPrices, now, events);
  }

  /** Matches an order that is not in the book against it, then disposes of its remainder. */
  private executeTaker(taker: OrderRecord, now: number, events: BookEvent[], stepPrices: number[]): void {
    if (taker.timeInForce === BookTimeInForce.FOK && !this.wouldFillCompletely(taker, now)) {
      events.push(canceledEvent(taker, BookReason.FOK_UNFILLABLE, now));
      return;
    }
    const outcome = this.matchAgainstBook(taker, now, events, stepPrices);
    if (outcome !== 'no-more-liquidity') return;
    if (MARKET_FORM_TYPES.has(taker.type)) {
      this.s.stats.marketUnfilled += openOf(taker);
      events.push(canceledEvent(taker, BookReason.NO_LIQUIDITY, now));
    } else if (taker.timeInForce === BookTimeInForce.IOC) {
      events.push(canceledEvent(taker, BookReason.IOC_REMAINDER, now));
    } else if (taker.timeInForce === BookTimeInForce.FOK) {
      throw new Error(`ReferenceBook bug: FOK order ${taker.id} passed its dry run but did not fill`);
    } else {
      this.rest(taker);
    }
  }

  /**
   * FOK: "counted in match order" is exactly what the match would do, so run it on a copy of the
   * book (STP, reduce-only and iceberg replenishment included) and look at the result.
   */
  private wouldFillCompletely(taker: OrderRecord, now: number): boolean {
    const trial = new ReferenceBook({
      tickSize: this.tickSize,
      lotSize: this.lotSize,
      sessionEnd: this.sessionEnd,
    });
    trial.s = structuredClone(this.s);
    const trialTaker = structuredClone(taker);
    return trial.matchAgainstBook(trialTaker, now, [], []) === 'filled';
  }

  /** The match loop: trades with the best acceptable maker until filled, canceled or out of makers. */
  private matchAgainstBook(
    taker: OrderRecord,
    now: number,
    events: BookEvent[],
    stepPrices: number[],
  ): MatchOutcome {
    for (;;) {
      if (openOf(taker) === 0) return 'filled';
      if (this.reduceOnlyApplies(taker) && this.reducible(taker.owner, taker.side) === 0) {
        events.push(canceledEvent(taker, BookReason.REDUCE_ONLY, now));
        return 'taker-canceled';
      }
      const maker = this.nextMaker(taker);
      if (!maker) return 'no-more-liquidity';
      if (selfTradePreventionApplies(taker, maker)) {
        const mode = taker.selfTradePrevention;
        if (mode === SelfTradePrevention.CANCEL_MAKER || mode === SelfTradePrevention.CANCEL_BOTH) {
          this.remove(maker);
          events.push(canceledEvent(maker, BookReason.SELF_TRADE, now));
        }
        if (mode === SelfTradePrevention.CANCEL_TAKER || mode === SelfTradePrevention.CANCEL_BOTH) {
          events.push(canceledEvent(taker, BookReason.SELF_TRADE, now));
          return 'taker-canceled';
        }
        continue;
      }
      if (this.reduceOnlyApplies(maker) && this.reducible(maker.owner, maker.side) === 0) {
        this.remove(maker);
        events.push(canceledEvent(maker, BookReason.REDUCE_ONLY, now));
        continue;
      }
      const quantity = Math.min(
        openOf(taker),
        maker.hidden ? openOf(maker) : maker.displayed,
        this.reduceOnlyCap(taker),
        this.reduceOnlyCap(maker),
      );
      this.trade(taker, maker, quantity, now, events, stepPrices);
      this.afterMakerTraded(maker, now, events);
    }
  }

  /** The best resting order on the other side at a price the taker accepts: price, displayed before hidden, time. */
  private nextMaker(taker: OrderRecord): OrderRecord | undefined {
    const makerSide = opposite(taker.side);
    return this.restingInPriority(makerSide).find(
      (o) =>
        MARKET_FORM_TYPES.has(taker.type) || isAcceptable(taker.side, taker.price as number, restingPrice(o)),
    );
  }

  private trade(
    taker: OrderRecord,
    maker: OrderRecord,
    quantity: number,
    now: number,
    events: BookEvent[],
    stepPrices: number[],
  ): void {
    const price = restingPrice(maker);
    maker.filled += quantity;
    if (!maker.hidden) maker.displayed -= quantity;
    taker.filled += quantity;
    this.addToPosition(taker.owner, taker.side, quantity);
    this.addToPosition(maker.owner, maker.side, quantity);
    this.s.lastTradePrice = price;
    this.s.stats.trades += 1;
    this.s.stats.tradedVolume += quantity;
    stepPrices.push(price);
    events.push({
      kind: 'trade',
      tradeId: this.s.nextTradeId++,
      makerId: maker.id,
      takerId: taker.id,
      makerOwner: maker.owner,
      takerOwner: taker.owner,
      aggressor: taker.side,
      price,
      quantity,
      makerRemaining: openOf(maker),
      takerRemaining: openOf(taker),
      time: now,
    });
  }

  /** A maker after a trade: gone if filled, canceled if a spent reduce-only, else maybe a new iceberg slice. */
  private afterMakerTraded(maker: OrderRecord, now: number, events: BookEvent[]): void {
    if (openOf(maker) === 0) {
      this.remove(maker);
    } else if (this.reduceOnlyApplies(maker) && this.reducible(maker.owner, maker.side) === 0) {
      this.remove(maker);
      events.push(canceledEvent(maker, BookReason.REDUCE_ONLY, now));
    } else if (maker.displayQuantity !== undefined && maker.displayed === 0) {
      maker.displayed = initialDisplay(maker);
      maker.prioritySeq = this.s.nextSeq++;
      events.push({ kind: 'replenished', id: maker.id, displayed: maker.displayed, time: now });
    }
  }

  private rest(order: OrderRecord): void {
    order.resting = true;
    order.prioritySeq = this.s.nextSeq++;
    order.displayed = initialDisplay(order);
    this.s.orders.push(order);
  }

  // ---------------------------------------------------------------------------------------------
  // Conditional orders
  // ---------------------------------------------------------------------------------------------

  /**
   * After a match step: trailing references absorb the step's trade prices, then the waiting
   * order with the lowest id whose condition holds is triggered and matched (a step of its own);
   * repeat, re-evaluating against the new last trade price, until no condition holds.
   */
  private settleConditionals(stepPrices: readonly number[], now: number, events: BookEvent[]): void {
    this.absorbTradePrices(stepPrices);
    for (;;) {
      const next = this.s.orders
        .filter((o) => isConditional(o) && !o.triggered && this.conditionHolds(o))
        .sort((a, b) => a.id - b.id)[0];
      if (!next) return;
      this.remove(next);
      const reached = pendingTriggerPrice(next) as number;
      if (next.type === BookOrderType.TRAILING_STOP_LIMIT) {
        next.price = next.side === BookSide.BUY ? reached + next.limitOffset : reached - next.limitOffset;
      }
      next.triggered = true;
      next.triggerPrice = undefined;
      events.push({ kind: 'triggered', id: next.id, price: reached, time: now });
      const prices: number[] = [];
      this.executeTaker(next, now, events, prices);
      this.absorbTradePrices(prices);
    }
  }

  private absorbTradePrices(prices: readonly number[]): void {
    for (const order of this.s.orders) {
      if (!TRAILING_TYPES.has(order.type) || order.triggered) continue;
      for (const price of prices) {
        const ref = order.trailingReference;
        if (ref === undefined) order.trailingReference = price;
        else
          order.trailingReference =
            order.side === BookSide.SELL ? Math.max(ref, price) : Math.min(ref, price);
      }
    }
  }

  private conditionHolds(order: OrderRecord): boolean {
    const last = this.s.lastTradePrice;
    if (last === undefined) return false;
    const buy = order.side === BookSide.BUY;
    if (TRAILING_TYPES.has(order.type)) {
      const level = trailingTriggerLevel(order);
      if (level === undefined) return false;
      return buy ? last >= level : last <= level;
    }
    const trigger = order.triggerPrice as number;
    if (STOP_TYPES.has(order.type)) return buy ? last >= trigger : last <= trigger;
    return buy ? last <= trigger : last >= trigger; // *_IF_TOUCHED
  }

  // ---------------------------------------------------------------------------------------------
  // Positions and reduce-only
  // ---------------------------------------------------------------------------------------------

  /** Reduce-only orders are all of owners ≠ 0: owner 0's are rejected on submit (nothing to reduce). */
  private reduceOnlyApplies(order: OrderRecord): boolean {
    return order.reduceOnly;
  }

  /** How much an order of `side` can trade before the owner's position is flat (0 if flat or on that side). */
  private reducible(owner: number, side: BookSide): number {
    const position = this.position(owner);
    return side === BookSide.SELL ? Math.max(position, 0) : Math.max(-position, 0);
  }

  private reduceOnlyCap(order: OrderRecord): number {
    return this.reduceOnlyApplies(order) ? this.reducible(order.owner, order.side) : Number.POSITIVE_INFINITY;
  }

  private addToPosition(owner: number, side: BookSide, quantity: number): void {
    if (owner === 0) return;
    this.setPosition(owner, this.position(owner) + (side === BookSide.BUY ? quantity : -quantity));
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing
  // ---------------------------------------------------------------------------------------------

  /**
   * Runs a command at its time (the given one, or the clock if omitted or earlier), then hands its
   * events (if any) to the listener in one call. Time moves first: a later time advances the clock
   * and expires what is due by then, as on an exchange where time passes whatever arrives.
   */
  private runCommand(time: number | undefined, body: (now: number, events: BookEvent[]) => void): void {
    const events: BookEvent[] = [];
    if (time !== undefined) {
      assertTime(time);
      if (time > this.s.clock) {
        this.s.clock = time;
        this.expireDue(events);
      }
    }
    body(this.s.clock, events);
    if (events.length > 0 && this.onEvents) this.onEvents(events);
  }

  /** DAY/GTD orders (resting or waiting) with an expiry ≤ the clock, by expiry then id. */
  private expireDue(events: BookEvent[]): void {
    const now = this.s.clock;
    const due = this.s.orders
      .filter((o) => o.expiry !== undefined && o.expiry <= now)
      .sort((a, b) => (a.expiry as number) - (b.expiry as number) || a.id - b.id);
    for (const order of due) {
      this.remove(order);
      events.push({ kind: 'expired', id: order.id, remaining: openOf(order), time: now });
    }
  }

  private findLive(id: number): OrderRecord | undefined {
    return this.s.orders.find((o) => o.id === id);
  }

  private remove(order: OrderRecord): void {
    this.s.orders = this.s.orders.filter((o) => o !== order);
  }

  /** Resting orders of a side in match order: best price, then displayed queue before hidden, then time. */
  private restingInPriority(side: BookSide): OrderRecord[] {
    return this.s.orders
      .filter((o) => o.resting && o.side === side)
      .sort(
        (a, b) =>
          (side === BookSide.BUY ? restingPrice(b) - restingPrice(a) : restingPrice(a) - restingPrice(b)) ||
          Number(a.hidden) - Number(b.hidden) ||
          a.prioritySeq - b.prioritySeq,
      );
  }

  private view(o: OrderRecord): BookOrderView {
    const triggerPrice = pendingTriggerPrice(o);
    return {
      id: o.id,
      side: o.side,
      type: o.type,
      owner: o.owner,
      ...(o.price !== undefined ? { price: o.price } : {}),
      ...(triggerPrice !== undefined ? { triggerPrice } : {}),
      quantity: o.quantity,
      filled: o.filled,
      open: openOf(o),
      displayed: o.displayed,
      triggered: o.triggered,
      timeInForce: o.timeInForce,
    };
  }

  private checkRestingOrder(o: OrderRecord, fail: (message: string) => never): void {
    if (o.price === undefined || !Number.isSafeInteger(o.price))
      fail(`resting order ${o.id} has no integer price`);
    if (isConditional(o) && !o.triggered) fail(`resting order ${o.id} was never triggered`);
    if (!RESTABLE_TIFS.has(o.timeInForce)) fail(`order ${o.id} rests with ${o.timeInForce}`);
    if (o.hidden && o.displayed !== 0) fail(`hidden order ${o.id} displays ${o.displayed}`);
    if (o.displayQuantity !== undefined && (o.displayed === 0 || o.displayed > o.displayQuantity)) {
      fail(`iceberg ${o.id} displays ${o.displayed} (slice ${o.displayQuantity})`);
    }
    if (!o.hidden && o.displayQuantity === undefined && o.displayed !== openOf(o)) {
      fail(`order ${o.id} displays ${o.displayed} of its open ${openOf(o)}`);
    }
  }

  private checkWaitingOrder(o: OrderRecord, fail: (message: string) => never): void {
    if (!isConditional(o) || o.triggered) fail(`order ${o.id} is live but neither resting nor waiting`);
    if (o.displayed !== 0) fail(`waiting order ${o.id} displays ${o.displayed}`);
    if (o.filled !== 0) fail(`waiting order ${o.id} has fills`);
  }

  private checkLevels(side: BookSide, fail: (message: string) => never): void {
    const levels = this.depth(side);
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i];
      if (level.quantity <= 0 || level.orders <= 0) fail(`${side} level ${level.price} is empty`);
      const previous = levels[i - 1];
      if (
        previous &&
        (side === BookSide.BUY ? previous.price <= level.price : previous.price >= level.price)
      ) {
        fail(`${side} levels are not sorted best first`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Free helpers
// ---------------------------------------------------------------------------------------------

function isSafeIntAtLeast(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function assertTime(time: number): void {
  if (!Number.isSafeInteger(time)) throw new RangeError(`time must be a safe integer (µs), got ${time}`);
}

function defaultTimeInForce(type: BookOrderType): BookTimeInForce {
  return type === BookOrderType.MARKET ? BookTimeInForce.IOC : BookTimeInForce.GTC;
}

function checkTrailingFields(o: NewOrder): string | undefined {
  if ((o.trailingOffset === undefined) === (o.trailingBps === undefined)) {
    return `${o.type} needs exactly one of trailingOffset and trailingBps`;
  }
  if (o.trailingOffset !== undefined && !isSafeIntAtLeast(o.trailingOffset, 1)) {
    return `trailingOffset must be a safe integer ≥ 1, got ${o.trailingOffset}`;
  }
  if (o.trailingBps !== undefined && !(isSafeIntAtLeast(o.trailingBps, 1) && o.trailingBps <= 9999)) {
    return `trailingBps must be an integer from 1 to 9999, got ${o.trailingBps}`;
  }
  return undefined;
}

/** The prices an order of this type uses, to validate (others are ignored). */
function pricesUsedBy(o: NewOrder): [string, number][] {
  const prices: [string, number][] = [];
  if (LIMIT_LIKE_TYPES.has(o.type)) prices.push(['price', o.price as number]);
  if (FIXED_TRIGGER_TYPES.has(o.type)) prices.push(['triggerPrice', o.triggerPrice as number]);
  return prices;
}

function isConditional(o: OrderRecord): boolean {
  return o.type !== BookOrderType.MARKET && o.type !== BookOrderType.LIMIT;
}

/** A fixed trigger price that can still be changed: STOP_* / *_IF_TOUCHED not yet triggered. */
function hasFixedTriggerPending(o: OrderRecord): boolean {
  return FIXED_TRIGGER_TYPES.has(o.type) && !o.triggered;
}

/** The trigger price a waiting conditional order shows: fixed, or the trailing level (once known). */
function pendingTriggerPrice(o: OrderRecord): number | undefined {
  if (!isConditional(o) || o.triggered) return undefined;
  return TRAILING_TYPES.has(o.type) ? trailingTriggerLevel(o) : o.triggerPrice;
}

/** sell: highest − offset; buy: lowest + offset; offset in ticks or round-half-up(reference × bps / 10000). */
function trailingTriggerLevel(o: OrderRecord): number | undefined {
  const ref = o.trailingReference;
  if (ref === undefined) return undefined;
  const offset =
    o.trailingOffset !== undefined
      ? o.trailingOffset
      : // BigInt: reference × bps may pass 2^53.
        Number((BigInt(ref) * BigInt(o.trailingBps as number) + 5000n) / 10000n);
  return o.side === BookSide.SELL ? ref - offset : ref + offset;
}

function isAcceptable(takerSide: BookSide, takerLimit: number, makerPrice: number): boolean {
  return takerSide === BookSide.BUY ? makerPrice <= takerLimit : makerPrice >= takerLimit;
}

function selfTradePreventionApplies(taker: OrderRecord, maker: OrderRecord): boolean {
  return (
    taker.selfTradePrevention !== SelfTradePrevention.NONE && taker.owner !== 0 && taker.owner === maker.owner
  );
}

function opposite(side: BookSide): BookSide {
  return side === BookSide.BUY ? BookSide.SELL : BookSide.BUY;
}

function openOf(o: OrderRecord): number {
  return o.quantity - o.filled;
}

function restingPrice(o: OrderRecord): number {
  if (o.price === undefined) throw new Error(`ReferenceBook bug: order ${o.id} rests without a price`);
  return o.price;
}

/** What a resting order shows when it (re)joins its level. */
function initialDisplay(o: OrderRecord): number {
  if (o.hidden) return 0;
  return o.displayQuantity !== undefined ? Math.min(o.displayQuantity, openOf(o)) : openOf(o);
}

function sumQuantity(levels: readonly BookLevel[]): number {
  return levels.reduce((sum, level) => sum + level.quantity, 0);
}

function unknownOrder(id: number): Rejection {
  return { reason: BookReason.UNKNOWN_ORDER, message: `no live order with id ${id}` };
}

function rejectedEvent(id: number, rejection: Rejection, time: number): BookEvent {
  return { kind: 'rejected', id, reason: rejection.reason, message: rejection.message, time };
}

function canceledEvent(order: OrderRecord, reason: BookReason, time: number): BookEvent {
  return { kind: 'canceled', id: order.id, reason, remaining: openOf(order), time };
}
