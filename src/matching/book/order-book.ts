import type {
  BookEvent,
  BookLevel,
  BookOptions,
  BookOrderView,
  BookReason,
  BookSide,
  BookStats,
  MatchingBook,
  ModifyOrder,
  NewOrder,
} from './book-types.js';
import { TimedQueue } from '../../core/timed-queue.js';
import { checkNewOrder, checkPrice, checkQuantity, hasLimitPrice, type Refusal } from './new-order-checks.js';
import { ORDER_FLAG, OrderIndex, OrderStore } from './order-store.js';
import { PriceLevels } from './price-levels.js';
import { checkBookInvariants } from './book-invariants.js';
import { wouldFillCompletely } from './fok-dry-run.js';
import {
  BUY,
  SELL,
  SIDES,
  STP_CANCEL_MAKER,
  STP_CANCEL_TAKER,
  STP_MODES,
  TIF_FOK,
  TIF_IOC,
  TIME_IN_FORCES,
  TYPES,
  timeInForceIndex,
  typeIndex,
} from './order-codes.js';

const DAY_US = 86_400_000_000;

/** How a sweep ended besides running out of quantity or acceptable prices. */
const SWEEP_DONE = 0;
/** The taker was canceled by self-trade prevention (its event already emitted). */
const SWEEP_TAKER_CANCELED = 1;
/** The reduce-only taker has no position left to reduce. */
const SWEEP_REDUCE_ONLY = 2;

/** What a conditional order needs beyond the order columns. */
interface Condition {
  /** Fixed trigger price (STOP_*, *_IF_TOUCHED); NaN for trailing orders. */
  trigger: number;
  trailingOffset: number;
  trailingBps: number;
  limitOffset: number;
  /** Trailing reference: highest (sell) or lowest (buy) trade price since acceptance; NaN before one. */
  reference: number;
}

/**
 * The fast limit order book: strict price-time priority over integer ticks and lots, every
 * order type of docs/matching.md, events delivered after each command. Orders live in typed
 * columns ({@link OrderStore}), levels in best-last sorted arrays ({@link PriceLevels}); no
 * allocation per order or per trade unless events are recorded. It is held to the naive
 * `ReferenceBook` by a shared test suite and property tests.
 */
export class OrderBook implements MatchingBook {
  readonly #tickSize: number;
  readonly #lotSize: number;
  readonly #sessionEnd: (time: number) => number;
  readonly #listener: ((events: readonly BookEvent[]) => void) | undefined;
  readonly #orders = new OrderStore();
  readonly #index = new OrderIndex();
  readonly #levels = new PriceLevels();
  /** Order ids by expiry time, then id (lazy deletion: an entry is checked when due). */
  readonly #expiries = new TimedQueue<number>();
  /** Untriggered conditional orders: slot → condition. */
  readonly #conditions = new Map<number, Condition>();
  readonly #positions = new Map<number, number>();
  /** Events of the command in progress; null when nobody listens. */
  #events: BookEvent[] | null;
  #time = 0;
  #seq = 0;
  #tradeId = 0;
  #last = NaN;
  // Trade prices of the current match step, for trailing references.
  #stepHigh = -Infinity;
  #stepLow = Infinity;
  #trades = 0;
  #tradedVolume = 0;
  #cancelOk = 0;
  #cancelledVolume = 0;
  #marketUnfilled = 0;

  constructor(options: BookOptions = {}) {
    this.#tickSize = options.tickSize ?? 1;
    this.#lotSize = options.lotSize ?? 1;
    this.#sessionEnd = options.sessionEnd ?? ((time) => (Math.floor(time / DAY_US) + 1) * DAY_US);
    this.#listener = options.onEvents;
    this.#events = this.#listener ? [] : null;
  }

  get time(): number {
    return this.#time;
  }

  get stats(): BookStats {
    return {
      trades: this.#trades,
      tradedVolume: this.#tradedVolume,
      cancelOk: this.#cancelOk,
      cancelledVolume: this.#cancelledVolume,
      marketUnfilled: this.#marketUnfilled,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Commands
  // ---------------------------------------------------------------------------------------------

  submit(order: NewOrder, time?: number): void {
    const t = this.#begin(time);
    const refusal =
      checkNewOrder(order, this.#index, this.#tickSize, this.#lotSize, t) ?? this.#checkAgainstBook(order);
    if (refusal) {
      this.#reject(order.id, refusal, t);
      this.#flush();
      return;
    }
    const slot = this.#accept(order, t);
    if ((this.#orders.flags[slot] & ORDER_FLAG.CONDITIONAL) !== 0) {
      this.#checkTriggers(t);
    } else {
      this.#step(slot, t);
      this.#afterStep(t);
    }
    this.#flush();
  }

  cancel(id: number, time?: number): void {
    const t = this.#begin(time);
    const slot = Number.isSafeInteger(id) && id >= 1 ? this.#index.slotOf(id) : -1;
    if (slot < 0) {
      this.#reject(id, { reason: 'UNKNOWN_ORDER', message: `no live order with id ${id}` }, t);
    } else {
      this.#cancelOk++;
      this.#cancelledVolume += this.#orders.open[slot];
      this.#remove(slot, 'CANCELED', t, false);
    }
    this.#flush();
  }

  modify(change: ModifyOrder, time?: number): void {
    const t = this.#begin(time);
    const id = change.id;
    const slot = Number.isSafeInteger(id) && id >= 1 ? this.#index.slotOf(id) : -1;
    const refusal =
      slot < 0
        ? { reason: 'UNKNOWN_ORDER' as const, message: `no live order with id ${id}` }
        : this.#checkModify(slot, change);
    if (refusal) {
      this.#reject(id, refusal, t);
      this.#flush();
      return;
    }
    const o = this.#orders;
    const condition = this.#conditions.get(slot);
    if (condition) {
      if (change.price !== undefined) o.price[slot] = change.price;
      if (change.triggerPrice !== undefined) condition.trigger = change.triggerPrice;
      if (change.quantity !== undefined) this.#setQuantity(slot, change.quantity);
      this.#emitModified(slot, false, t);
      this.#checkTriggers(t);
      this.#flush();
      return;
    }
    const level = o.level[slot];
    const priceChanged = change.price !== undefined && change.price !== o.price[slot];
    const increased = change.quantity !== undefined && change.quantity > o.quantity[slot];
    if (!priceChanged && !increased) {
      // In place: a decrease keeps time priority.
      if (change.quantity !== undefined) {
        const before = o.displayed[slot];
        this.#setQuantity(slot, change.quantity);
        if ((o.flags[slot] & ORDER_FLAG.HIDDEN) === 0)
          this.#levels.shown[level] -= before - o.displayed[slot];
      }
      this.#emitModified(slot, false, t);
      this.#flush();
      return;
    }
    // Loses priority: out of its level, changed, then in again at the back (trading first if
    // the new price crosses).
    this.#unlink(slot);
    if (change.price !== undefined) o.price[slot] = change.price;
    if (change.quantity !== undefined) this.#setQuantity(slot, change.quantity);
    this.#emitModified(slot, true, t);
    this.#resetStep();
    if (this.#crosses(o.side[slot], o.price[slot])) {
      this.#step(slot, t);
    } else {
      this.#rest(slot);
    }
    this.#afterStep(t);
    this.#flush();
  }

  cancelAll(filter: { readonly owner?: number; readonly side?: BookSide } = {}, time?: number): void {
    const t = this.#begin(time);
    const o = this.#orders;
    const side = filter.side === undefined ? -1 : filter.side === 'BUY' ? BUY : SELL;
    const slots = this.#liveSlots().filter(
      (slot) =>
        (filter.owner === undefined || o.owner[slot] === filter.owner) && (side < 0 || o.side[slot] === side),
    );
    slots.sort((a, b) => o.seq[a] - o.seq[b]);
    for (const slot of slots) {
      this.#cancelOk++;
      this.#cancelledVolume += o.open[slot];
      this.#remove(slot, 'CANCELED', t, false);
    }
    this.#flush();
  }

  advanceTime(time: number): void {
    this.#begin(time);
    this.#flush();
  }

  /** Owner 0 (anonymous) has no position: setting it is ignored. */
  setPosition(owner: number, position: number): void {
    if (owner !== 0) this.#positions.set(owner, position);
  }

  position(owner: number): number {
    return owner === 0 ? 0 : (this.#positions.get(owner) ?? 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------

  bestBid(): number | undefined {
    const level = this.#bestShown(BUY, 0);
    return level < 0 ? undefined : this.#levels.price[level];
  }

  bestAsk(): number | undefined {
    const level = this.#bestShown(SELL, 0);
    return level < 0 ? undefined : this.#levels.price[level];
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
    const bid = this.#bestShown(BUY, 0);
    const ask = this.#bestShown(SELL, 0);
    if (bid < 0 || ask < 0) return undefined;
    const l = this.#levels;
    const bidQty = l.shown[bid];
    const askQty = l.shown[ask];
    return (l.price[bid] * askQty + l.price[ask] * bidQty) / (bidQty + askQty);
  }

  imbalance(levels = 1): number {
    const bids = this.depth('BUY', levels).reduce((sum, l) => sum + l.quantity, 0);
    const asks = this.depth('SELL', levels).reduce((sum, l) => sum + l.quantity, 0);
    return bids + asks === 0 ? 0 : (bids - asks) / (bids + asks);
  }

  depth(side: BookSide, levels = Infinity): BookLevel[] {
    const s = side === 'BUY' ? BUY : SELL;
    const l = this.#levels;
    const sorted = l.sorted[s];
    const out: BookLevel[] = [];
    for (let i = l.count[s] - 1; i >= 0 && out.length < levels; i--) {
      const level = sorted[i];
      if (l.shown[level] > 0)
        out.push({ price: l.price[level], quantity: l.shown[level], orders: l.shownOrders[level] });
    }
    return out;
  }

  order(id: number): BookOrderView | undefined {
    const slot = Number.isSafeInteger(id) && id >= 1 ? this.#index.slotOf(id) : -1;
    return slot < 0 ? undefined : this.#view(slot);
  }

  orders(): BookOrderView[] {
    return this.#liveSlots().map((slot) => this.#view(slot));
  }

  lastTradePrice(): number | undefined {
    return Number.isNaN(this.#last) ? undefined : this.#last;
  }

  /** Throws if the internal structures disagree with each other (tests call it after each step). */
  checkInvariants(): void {
    checkBookInvariants(this.#orders, this.#levels, this.#index, this.#conditions.size);
  }

  // ---------------------------------------------------------------------------------------------
  // Command plumbing
  // ---------------------------------------------------------------------------------------------

  /** The command's time; moving the clock forward expires what is due first. */
  #begin(time: number | undefined): number {
    if (time !== undefined && time > this.#time) {
      this.#time = time;
      this.#expireDue(time);
    }
    return this.#time;
  }

  #flush(): void {
    const events = this.#events;
    if (events !== null && events.length > 0) {
      this.#events = [];
      this.#listener!(events);
    }
  }

  #reject(id: number, refusal: Refusal, time: number): void {
    this.#events?.push({ kind: 'rejected', id, reason: refusal.reason, message: refusal.message, time });
  }

  /** Checks 6–7 of docs/matching.md "Validation" (they need the book). */
  #checkAgainstBook(order: NewOrder): Refusal | undefined {
    const side = order.side === 'BUY' ? BUY : SELL;
    if (order.postOnly && this.#crosses(side, order.price!)) {
      return {
        reason: 'POST_ONLY_WOULD_CROSS',
        message: `post-only ${order.side} at ${order.price} would take liquidity`,
      };
    }
    if (order.reduceOnly) {
      const position = this.position(order.owner ?? 0);
      const reducible = side === BUY ? -position : position;
      if (reducible < order.quantity) {
        return {
          reason: 'REDUCE_ONLY_WOULD_INCREASE',
          message: `reduce-only ${order.side} ${order.quantity} against a position of ${position}`,
        };
      }
    }
    return undefined;
  }

  #checkModify(slot: number, change: ModifyOrder): Refusal | undefined {
    const o = this.#orders;
    const flags = o.flags[slot];
    const notModifiable = (what: string): Refusal => ({
      reason: 'NOT_MODIFIABLE',
      message: `order ${change.id} has no ${what} to change`,
    });
    if (change.price !== undefined && (flags & ORDER_FLAG.HAS_PRICE) === 0)
      return notModifiable('limit price');
    if (change.triggerPrice !== undefined) {
      const condition = this.#conditions.get(slot);
      if (condition === undefined || Number.isNaN(condition.trigger)) return notModifiable('trigger price');
    }
    if (change.quantity !== undefined) {
      const r = checkQuantity(change.quantity, this.#lotSize);
      if (r?.reason === 'INVALID_QUANTITY') return r;
      if (change.quantity <= o.filled[slot]) {
        return {
          reason: 'INVALID_QUANTITY',
          message: `quantity ${change.quantity} is not above the filled ${o.filled[slot]}`,
        };
      }
      if (r) return r;
    }
    if (change.price !== undefined) {
      const r = checkPrice('price', change.price, this.#tickSize);
      if (r) return r;
    }
    if (change.triggerPrice !== undefined) {
      const r = checkPrice('triggerPrice', change.triggerPrice, this.#tickSize);
      if (r) return r;
    }
    if (
      change.price !== undefined &&
      (flags & ORDER_FLAG.POST_ONLY) !== 0 &&
      this.#crosses(o.side[slot], change.price)
    ) {
      return {
        reason: 'POST_ONLY_WOULD_CROSS',
        message: `post-only order ${change.id} at ${change.price} would take liquidity`,
      };
    }
    return undefined;
  }

  /** Stores a valid new order and emits `accepted`; conditional orders wait, the others are ready to match. */
  #accept(order: NewOrder, time: number): number {
    const o = this.#orders;
    const slot = o.allocate();
    const type = typeIndex(order.type);
    const limit = hasLimitPrice(order.type);
    const market = order.type === 'MARKET';
    o.id[slot] = order.id;
    o.side[slot] = order.side === 'BUY' ? BUY : SELL;
    o.type[slot] = type;
    o.price[slot] = limit ? order.price! : 0;
    o.quantity[slot] = order.quantity;
    o.filled[slot] = 0;
    o.open[slot] = order.quantity;
    o.displayQuantity[slot] = order.displayQuantity ?? 0;
    o.displayed[slot] = 0;
    o.owner[slot] = order.owner ?? 0;
    o.seq[slot] = ++this.#seq;
    o.timeInForce[slot] = timeInForceIndex(order.timeInForce, market);
    const stp = order.selfTradePrevention;
    o.selfTradePrevention[slot] = stp === undefined ? 0 : STP_MODES.indexOf(stp);
    o.flags[slot] =
      (order.hidden ? ORDER_FLAG.HIDDEN : 0) |
      (order.postOnly ? ORDER_FLAG.POST_ONLY : 0) |
      (order.reduceOnly ? ORDER_FLAG.REDUCE_ONLY : 0) |
      (limit ? ORDER_FLAG.HAS_PRICE : 0) |
      (type >= 2 ? ORDER_FLAG.CONDITIONAL : 0);
    o.level[slot] = -1;
    const tif = order.timeInForce;
    const expire = tif === 'GTD' ? order.expireTime! : tif === 'DAY' ? this.#sessionEnd(time) : Infinity;
    o.expireTime[slot] = expire;
    this.#index.setLive(order.id, slot);
    if (expire !== Infinity) this.#expiries.push(expire, order.id, order.id);
    this.#events?.push({ kind: 'accepted', id: order.id, time });
    if (type >= 2) {
      this.#conditions.set(slot, {
        trigger: order.triggerPrice ?? NaN,
        trailingOffset: order.trailingOffset ?? 0,
        trailingBps: order.trailingBps ?? 0,
        limitOffset: order.limitOffset ?? 0,
        reference: this.#last,
      });
    }
    this.#resetStep();
    return slot;
  }

  // ---------------------------------------------------------------------------------------------
  // Matching
  // ---------------------------------------------------------------------------------------------

  /** One match step for an incoming (or re-entering, or triggered) order, then rest or cancel its remainder. */
  #step(slot: number, time: number): void {
    const o = this.#orders;
    const tif = o.timeInForce[slot];
    const market = (o.flags[slot] & ORDER_FLAG.HAS_PRICE) === 0;
    if (tif === TIF_FOK && !wouldFillCompletely(o, this.#levels, slot, (owner) => this.position(owner))) {
      this.#remove(slot, 'FOK_UNFILLABLE', time, false);
      return;
    }
    const outcome = this.#sweep(slot, time);
    if (outcome === SWEEP_TAKER_CANCELED) return;
    if (o.open[slot] === 0) {
      this.#discard(slot);
      return;
    }
    const usedUp =
      (o.flags[slot] & ORDER_FLAG.REDUCE_ONLY) !== 0 && this.#reducible(o.owner[slot], o.side[slot]) <= 0;
    if (outcome === SWEEP_REDUCE_ONLY || usedUp) {
      this.#remove(slot, 'REDUCE_ONLY', time, false);
    } else if (market) {
      this.#marketUnfilled += o.open[slot];
      this.#remove(slot, 'NO_LIQUIDITY', time, false);
    } else if (tif === TIF_IOC || tif === TIF_FOK) {
      this.#remove(slot, 'IOC_REMAINDER', time, false);
    } else {
      this.#rest(slot);
    }
  }

  /** Trades the taker in `slot` against the opposite side while prices are acceptable. */
  #sweep(taker: number, time: number): number {
    const o = this.#orders;
    const l = this.#levels;
    const side = o.side[taker];
    const opposite = 1 - side;
    const limited = (o.flags[taker] & ORDER_FLAG.HAS_PRICE) !== 0;
    const limit = o.price[taker];
    const owner = o.owner[taker];
    const stp = owner === 0 ? 0 : o.selfTradePrevention[taker];
    const reduceOnly = (o.flags[taker] & ORDER_FLAG.REDUCE_ONLY) !== 0;
    while (o.open[taker] > 0) {
      const count = l.count[opposite];
      if (count === 0) break;
      const level = l.sorted[opposite][count - 1];
      const price = l.price[level];
      if (limited && (side === BUY ? price > limit : price < limit)) break;
      const head = l.head[level];
      const maker = head >= 0 ? head : l.hiddenHead[level];
      let quantity = o.open[taker];
      if (reduceOnly) {
        const reducible = this.#reducible(owner, side);
        if (reducible <= 0) return SWEEP_REDUCE_ONLY;
        if (reducible < quantity) quantity = reducible;
      }
      if (stp !== 0 && o.owner[maker] === owner) {
        if (stp !== STP_CANCEL_TAKER) this.#remove(maker, 'SELF_TRADE', time, false);
        if (stp === STP_CANCEL_MAKER) continue;
        this.#remove(taker, 'SELF_TRADE', time, false);
        return SWEEP_TAKER_CANCELED;
      }
      const available = head >= 0 ? o.displayed[maker] : o.open[maker];
      if (available < quantity) quantity = available;
      const makerReduceOnly = (o.flags[maker] & ORDER_FLAG.REDUCE_ONLY) !== 0;
      if (makerReduceOnly) {
        const reducible = this.#reducible(o.owner[maker], o.side[maker]);
        if (reducible <= 0) {
          this.#remove(maker, 'REDUCE_ONLY', time, false);
          continue;
        }
        if (reducible < quantity) quantity = reducible;
      }
      const makerId = o.id[maker];
      this.#trade(maker, taker, level, head >= 0, price, quantity, time);
      // A reduce-only maker whose position this trade used up leaves with what it has left.
      if (
        makerReduceOnly &&
        this.#index.slotOf(makerId) === maker &&
        this.#reducible(o.owner[maker], o.side[maker]) <= 0
      ) {
        this.#remove(maker, 'REDUCE_ONLY', time, false);
      }
    }
    return SWEEP_DONE;
  }

  /** One execution at the maker's price. */
  #trade(
    maker: number,
    taker: number,
    level: number,
    shownQueue: boolean,
    price: number,
    quantity: number,
    time: number,
  ): void {
    const o = this.#orders;
    const l = this.#levels;
    o.open[maker] -= quantity;
    o.filled[maker] += quantity;
    o.open[taker] -= quantity;
    o.filled[taker] += quantity;
    if (shownQueue) {
      o.displayed[maker] -= quantity;
      l.shown[level] -= quantity;
    }
    const makerOwner = o.owner[maker];
    const takerOwner = o.owner[taker];
    if (makerOwner !== 0 || takerOwner !== 0) {
      const signed = o.side[taker] === BUY ? quantity : -quantity;
      if (takerOwner !== 0) this.#positions.set(takerOwner, this.position(takerOwner) + signed);
      if (makerOwner !== 0) this.#positions.set(makerOwner, this.position(makerOwner) - signed);
    }
    this.#trades++;
    this.#tradedVolume += quantity;
    this.#last = price;
    if (price > this.#stepHigh) this.#stepHigh = price;
    if (price < this.#stepLow) this.#stepLow = price;
    const makerId = o.id[maker];
    const tradeId = ++this.#tradeId;
    this.#events?.push({
      kind: 'trade',
      tradeId,
      makerId,
      takerId: o.id[taker],
      makerOwner,
      takerOwner,
      aggressor: SIDES[o.side[taker]],
      price,
      quantity,
      makerRemaining: o.open[maker],
      takerRemaining: o.open[taker],
      time,
    });
    if (o.open[maker] === 0) {
      this.#unlink(maker);
      this.#discard(maker);
    } else if (
      shownQueue &&
      o.displayed[maker] === 0 &&
      // A reduce-only iceberg whose position is used up is about to be canceled, not replenished.
      ((o.flags[maker] & ORDER_FLAG.REDUCE_ONLY) === 0 || this.#reducible(makerOwner, o.side[maker]) > 0)
    ) {
      // An iceberg's slice is used up: show the next one at the back of the level.
      this.#unlink(maker);
      this.#rest(maker);
      this.#events?.push({ kind: 'replenished', id: makerId, displayed: o.displayed[maker], time });
    }
  }

  /** What `owner` may still trade on `side` without opening or increasing a position. */
  #reducible(owner: number, side: number): number {
    const position = this.position(owner);
    return side === BUY ? -position : position;
  }

  /** Whether an order of `side` at `price` would trade with any resting order (hidden included). */
  #crosses(side: number, price: number): boolean {
    const best = this.#levels.best(1 - side);
    if (best < 0) return false;
    const bestPrice = this.#levels.price[best];
    return side === BUY ? bestPrice <= price : bestPrice >= price;
  }

  // ---------------------------------------------------------------------------------------------
  // Resting, removal
  // ---------------------------------------------------------------------------------------------

  /** Appends the order at the back of its price level (its displayed slice set here). */
  #rest(slot: number): void {
    const o = this.#orders;
    const l = this.#levels;
    const side = o.side[slot];
    const price = o.price[slot];
    let level = l.find(side, price);
    if (level < 0) level = l.add(side, price);
    o.level[slot] = level;
    o.next[slot] = -1;
    l.orders[level]++;
    if ((o.flags[slot] & ORDER_FLAG.HIDDEN) !== 0) {
      o.displayed[slot] = 0;
      const tail = l.hiddenTail[level];
      o.prev[slot] = tail;
      if (tail >= 0) o.next[tail] = slot;
      else l.hiddenHead[level] = slot;
      l.hiddenTail[level] = slot;
      return;
    }
    const display = o.displayQuantity[slot];
    const open = o.open[slot];
    const slice = o.displayed[slot];
    // A kept slice (modify) stays; otherwise a plain order shows everything, an iceberg a slice.
    o.displayed[slot] = display === 0 ? open : slice > 0 ? Math.min(slice, open) : Math.min(display, open);
    const tail = l.tail[level];
    o.prev[slot] = tail;
    if (tail >= 0) o.next[tail] = slot;
    else l.head[level] = slot;
    l.tail[level] = slot;
    l.shown[level] += o.displayed[slot];
    l.shownOrders[level]++;
  }

  /** Takes a resting order out of its level's queue (removing the level if it empties). */
  #unlink(slot: number): void {
    const o = this.#orders;
    const l = this.#levels;
    const level = o.level[slot];
    if (level < 0) return;
    const prev = o.prev[slot];
    const next = o.next[slot];
    const hidden = (o.flags[slot] & ORDER_FLAG.HIDDEN) !== 0;
    if (prev >= 0) o.next[prev] = next;
    else if (hidden) l.hiddenHead[level] = next;
    else l.head[level] = next;
    if (next >= 0) o.prev[next] = prev;
    else if (hidden) l.hiddenTail[level] = prev;
    else l.tail[level] = prev;
    if (!hidden) {
      l.shown[level] -= o.displayed[slot];
      l.shownOrders[level]--;
    }
    if (--l.orders[level] === 0) l.remove(o.side[slot], level);
    o.level[slot] = -1;
  }

  /** Removes a live order with a `canceled` (or `expired`) event. */
  #remove(slot: number, reason: BookReason, time: number, expired: boolean): void {
    const o = this.#orders;
    const id = o.id[slot];
    const remaining = o.open[slot];
    this.#unlink(slot);
    if ((o.flags[slot] & (ORDER_FLAG.CONDITIONAL | ORDER_FLAG.TRIGGERED)) === ORDER_FLAG.CONDITIONAL) {
      this.#conditions.delete(slot);
    }
    this.#discard(slot);
    if (expired) this.#events?.push({ kind: 'expired', id, remaining, time });
    else this.#events?.push({ kind: 'canceled', id, reason, remaining, time });
  }

  /** Frees the slot of an order that left the book; its id stays used. */
  #discard(slot: number): void {
    this.#index.setGone(this.#orders.id[slot]);
    this.#orders.release(slot);
  }

  #setQuantity(slot: number, quantity: number): void {
    const o = this.#orders;
    o.quantity[slot] = quantity;
    o.open[slot] = quantity - o.filled[slot];
    if ((o.flags[slot] & ORDER_FLAG.HIDDEN) === 0 && o.level[slot] >= 0) {
      o.displayed[slot] =
        o.displayQuantity[slot] === 0 ? o.open[slot] : Math.min(o.displayed[slot], o.open[slot]);
    }
  }

  #expireDue(time: number): void {
    const o = this.#orders;
    const queue = this.#expiries;
    for (let due = queue.peekTime(); due !== undefined && due <= time; due = queue.peekTime()) {
      const slot = this.#index.slotOf(queue.pop()!);
      // Orders that left early or expire at another time are skipped (lazy deletion).
      if (slot >= 0 && o.expireTime[slot] === due) this.#remove(slot, 'EXPIRED', time, true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Conditional orders
  // ---------------------------------------------------------------------------------------------

  #resetStep(): void {
    this.#stepHigh = -Infinity;
    this.#stepLow = Infinity;
  }

  /** After a match step: trailing references absorb its trades, then due conditional orders trigger. */
  #afterStep(time: number): void {
    if (this.#conditions.size === 0) return;
    this.#absorbStep();
    this.#checkTriggers(time);
  }

  #absorbStep(): void {
    if (this.#stepHigh === -Infinity) return;
    const o = this.#orders;
    for (const [slot, c] of this.#conditions) {
      if (!Number.isNaN(c.trigger)) continue;
      if (o.side[slot] === SELL)
        c.reference = Number.isNaN(c.reference) ? this.#stepHigh : Math.max(c.reference, this.#stepHigh);
      else c.reference = Number.isNaN(c.reference) ? this.#stepLow : Math.min(c.reference, this.#stepLow);
    }
    this.#resetStep();
  }

  /** Triggers, one at a time by ascending id, every conditional order whose condition holds. */
  #checkTriggers(time: number): void {
    for (;;) {
      if (this.#conditions.size === 0 || Number.isNaN(this.#last)) return;
      const o = this.#orders;
      let next = -1;
      let level = NaN;
      for (const [slot, c] of this.#conditions) {
        const reached = this.#reachedLevel(slot, c);
        if (!Number.isNaN(reached) && (next < 0 || o.id[slot] < o.id[next])) {
          next = slot;
          level = reached;
        }
      }
      if (next < 0) return;
      const c = this.#conditions.get(next)!;
      this.#conditions.delete(next);
      o.flags[next] |= ORDER_FLAG.TRIGGERED;
      if (TYPES[o.type[next]] === 'TRAILING_STOP_LIMIT') {
        o.price[next] = o.side[next] === BUY ? level + c.limitOffset : level - c.limitOffset;
        o.flags[next] |= ORDER_FLAG.HAS_PRICE;
      }
      this.#events?.push({ kind: 'triggered', id: o.id[next], price: level, time });
      this.#resetStep();
      this.#step(next, time);
      this.#absorbStep();
    }
  }

  /** The trigger level if the order's condition holds against the last trade, else NaN. */
  #reachedLevel(slot: number, c: Condition): number {
    const last = this.#last;
    const buy = this.#orders.side[slot] === BUY;
    const type = TYPES[this.#orders.type[slot]];
    const level = this.#triggerLevel(slot, c);
    if (Number.isNaN(level)) return NaN;
    const touched = type === 'MARKET_IF_TOUCHED' || type === 'LIMIT_IF_TOUCHED';
    const holds = buy !== touched ? last >= level : last <= level;
    return holds ? level : NaN;
  }

  /** The price at which the order triggers: fixed, or trailing its reference (NaN before one). */
  #triggerLevel(slot: number, c: Condition): number {
    if (!Number.isNaN(c.trigger)) return c.trigger;
    const ref = c.reference;
    if (Number.isNaN(ref)) return NaN;
    const offset = c.trailingOffset > 0 ? c.trailingOffset : Math.floor((ref * c.trailingBps + 5000) / 10000);
    return this.#orders.side[slot] === BUY ? ref + offset : ref - offset;
  }

  // ---------------------------------------------------------------------------------------------
  // Views
  // ---------------------------------------------------------------------------------------------

  #bestShown(side: number, skip: number): number {
    const l = this.#levels;
    const sorted = l.sorted[side];
    let seen = 0;
    for (let i = l.count[side] - 1; i >= 0; i--) {
      const level = sorted[i];
      if (l.shown[level] > 0 && seen++ === skip) return level;
    }
    return -1;
  }

  /** Resting orders (bids best first, then asks, each level displayed then hidden), then conditional ones by id. */
  #liveSlots(): number[] {
    const o = this.#orders;
    const l = this.#levels;
    const slots: number[] = [];
    for (let s = 0; s < 2; s++) {
      for (let i = l.count[s] - 1; i >= 0; i--) {
        const level = l.sorted[s][i];
        for (let slot = l.head[level]; slot >= 0; slot = o.next[slot]) slots.push(slot);
        for (let slot = l.hiddenHead[level]; slot >= 0; slot = o.next[slot]) slots.push(slot);
      }
    }
    const waiting = [...this.#conditions.keys()].sort((a, b) => o.id[a] - o.id[b]);
    return slots.concat(waiting);
  }

  #view(slot: number): BookOrderView {
    const o = this.#orders;
    const flags = o.flags[slot];
    const condition = this.#conditions.get(slot);
    const view: {
      -readonly [K in keyof BookOrderView]: BookOrderView[K];
    } = {
      id: o.id[slot],
      side: SIDES[o.side[slot]],
      type: TYPES[o.type[slot]],
      owner: o.owner[slot],
      quantity: o.quantity[slot],
      filled: o.filled[slot],
      open: o.open[slot],
      displayed: o.level[slot] >= 0 ? o.displayed[slot] : 0,
      triggered: (flags & ORDER_FLAG.TRIGGERED) !== 0,
      timeInForce: TIME_IN_FORCES[o.timeInForce[slot]],
    };
    if ((flags & ORDER_FLAG.HAS_PRICE) !== 0) view.price = o.price[slot];
    if (condition) {
      const level = this.#triggerLevel(slot, condition);
      if (!Number.isNaN(level)) view.triggerPrice = level;
    }
    return view;
  }

  #emitModified(slot: number, lostPriority: boolean, time: number): void {
    if (this.#events === null) return;
    const o = this.#orders;
    const event: {
      -readonly [K in keyof Extract<BookEvent, { kind: 'modified' }>]: Extract<
        BookEvent,
        { kind: 'modified' }
      >[K];
    } = {
      kind: 'modified',
      id: o.id[slot],
      quantity: o.quantity[slot],
      lostPriority,
      time,
    };
    if ((o.flags[slot] & ORDER_FLAG.HAS_PRICE) !== 0) event.price = o.price[slot];
    const condition = this.#conditions.get(slot);
    if (condition) {
      const level = this.#triggerLevel(slot, condition);
      if (!Number.isNaN(level)) event.triggerPrice = level;
    }
    this.#events.push(event);
  }
}
