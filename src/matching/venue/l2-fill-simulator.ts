import { LiquiditySide } from '../../model/orders/order-enums.js';
import {
  BookOrderType,
  BookReason,
  BookSide,
  BookTimeInForce,
  type BookEvent,
  type ModifyOrder,
  type NewOrder,
} from '../book/book-types.js';
import { checkL2Modify, checkL2Order, type Grid, type Refusal } from './l2-order-checks.js';
import { QueueAssumption, aheadAfterCancel, fillFromTrade, type QueueSlot } from './queue-position.js';
import type { OurFill } from './venue-backend.js';

/**
 * What happens when a trade prints at a price worse, for the aggressor's counterparties, than
 * our resting order (a sell trades below our bid, a buy above our ask): the market went through
 * our price, so everyone at it — us included — was filled.
 *
 * - `full` (default): our order fills completely.
 * - `traded`: our order fills from that trade's quantity only (at most the lots that printed),
 *   for data whose prints are single executions rather than whole sweeps.
 */
export const TradeThroughFill = { FULL: 'full', TRADED: 'traded' } as const;
export type TradeThroughFill = (typeof TradeThroughFill)[keyof typeof TradeThroughFill];

/**
 * One of our fills. `tradeId` numbers the simulator's fills (they are not the feed's trades);
 * `price` is our limit price as a maker, the level's price as a taker.
 */
export type L2Fill = OurFill;

/** What the simulator emits about our orders. */
export type L2FillEvent =
  Extract<BookEvent, { kind: 'accepted' | 'rejected' | 'modified' | 'canceled' }> | L2Fill;

/** Options of an {@link L2FillSimulator}. */
export interface L2FillOptions {
  /** Where others' cancellations come from (default `proportional`). */
  readonly queue?: QueueAssumption;
  /** Fills when the market trades through our price (default `full`). */
  readonly tradeThrough?: TradeThroughFill;
  /** Prices must be multiples of this many ticks (default 1). */
  readonly tickSize?: number;
  /** Quantities must be multiples of this many lots (default 1). */
  readonly lotSize?: number;
  /** Receives each call's events after it finishes. */
  readonly onEvents?: (events: readonly L2FillEvent[]) => void;
}

/** One of our live orders as the simulator holds it. */
export interface L2OrderView {
  readonly id: number;
  readonly side: BookSide;
  readonly type: BookOrderType;
  readonly price?: number;
  readonly quantity: number;
  readonly filled: number;
  readonly open: number;
  /** Others' lots ahead of the order in its level's queue (as estimated). */
  readonly ahead: number;
  readonly timeInForce: BookTimeInForce;
}

interface Resting extends QueueSlot {
  readonly id: number;
  readonly side: BookSide;
  price: number;
  quantity: number;
  filled: number;
  leaves: number;
  readonly postOnly: boolean;
}

const SIDE_INDEX = { BUY: 0, SELL: 1 } as const;
const opposite = (side: BookSide): BookSide => (side === BookSide.BUY ? BookSide.SELL : BookSide.BUY);
/** True when a `side` order at `price` would trade with the other side's `level` price. */
const crosses = (side: BookSide, price: number, level: number): boolean =>
  side === BookSide.BUY ? level <= price : level >= price;
/** True when `a` is a better price than `b` for a resting order of `side`. */
const better = (side: BookSide, a: number, b: number): boolean => (side === BookSide.BUY ? a > b : a < b);

/**
 * Simulates fills of our orders against market-by-price (L2) data: level quantities and trades,
 * without individual orders. Our orders are not in the data, so they never change it; the
 * simulator estimates where they would have been in the queue and when they would have filled.
 *
 * - A resting order joins behind the displayed quantity of its level when it arrives.
 * - A trade at its price consumes the queue ahead first; what traded beyond that fills it.
 * - A fall of the level's quantity that is not a trade (others cancelling) moves it up per the
 *   {@link QueueAssumption}. A trade lowers the level at once, so the level update that follows
 *   it in the feed is not taken for cancellations as well (the feed must report a trade before
 *   the level change it causes).
 * - A trade through its price fills it per {@link TradeThroughFill}.
 * - An opposite level that appears at or through its price (someone offering at our bid) fills it
 *   as a maker, at its price, from that level's quantity — at its own price only once nothing is
 *   ahead of it.
 * - An order that crosses on arrival (or on a modify) takes the displayed opposite levels as a
 *   taker. What we took stays taken (that level shows less to us) until the level empties.
 *
 * Supported: LIMIT (GTC, IOC, FOK; post-only with GTC) and MARKET (IOC, FOK); others are
 * rejected INVALID_ORDER. Validation codes and event order follow docs/matching.md.
 */
export class L2FillSimulator {
  readonly #queueAssumption: QueueAssumption;
  readonly #tradeThrough: TradeThroughFill;
  readonly #grid: Grid;
  readonly #onEvents: ((events: readonly L2FillEvent[]) => void) | undefined;
  /** Displayed lots of others per price, per side (BUY, SELL). */
  readonly #levels: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  /** Lots of a displayed level that our virtual fills used up. */
  readonly #consumed: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  /** Our resting orders per price, in queue order, per side. */
  readonly #queues: [Map<number, Resting[]>, Map<number, Resting[]>] = [new Map(), new Map()];
  readonly #orders = new Map<number, Resting>();
  readonly #seen = new Set<number>();
  #time = 0;
  #nextFillId = 1;
  #events: L2FillEvent[] = [];

  constructor(options: L2FillOptions = {}) {
    this.#queueAssumption = options.queue ?? QueueAssumption.PROPORTIONAL;
    this.#tradeThrough = options.tradeThrough ?? TradeThroughFill.FULL;
    this.#grid = { tickSize: options.tickSize ?? 1, lotSize: options.lotSize ?? 1 };
    this.#onEvents = options.onEvents;
  }

  /** The simulator's clock (µs): the latest time it was given. */
  get time(): number {
    return this.#time;
  }

  // ---- market data ----

  /** The displayed quantity at a price is now `quantity` lots (0: the level is gone). */
  onLevel(side: BookSide, price: number, quantity: number, time?: number): void {
    this.#at(time);
    checkData(price, quantity);
    const s = SIDE_INDEX[side];
    const old = this.#levels[s].get(price) ?? 0;
    this.#setLevel(s, price, quantity);
    const queue = this.#queues[s].get(price);
    if (queue !== undefined) {
      if (quantity < old) {
        for (const slot of queue)
          slot.ahead = aheadAfterCancel(slot.ahead, old, old - quantity, this.#queueAssumption);
      }
      for (const slot of queue) if (slot.ahead > quantity) slot.ahead = quantity;
    }
    if (quantity > 0) this.#fillCrossed(opposite(side), price);
    this.#flush();
  }

  /** A trade printed: `quantity` lots at `price`, the aggressor on `aggressor`'s side. */
  onTrade(price: number, quantity: number, aggressor: BookSide, time?: number): void {
    this.#at(time);
    checkData(price, quantity);
    const side = opposite(aggressor); // the resting side the trade hit
    const s = SIDE_INDEX[side];
    // `full`: the print at `price` is what traded there, our orders through it fill on top of it;
    // `traded`: the print is all there was, shared in priority order (better prices first).
    const full = this.#tradeThrough === TradeThroughFill.FULL;
    let left = quantity;
    for (const order of this.#restingBetterThan(side, price)) {
      order.ahead = 0;
      const fill = full ? order.leaves : Math.min(order.leaves, left);
      if (!full) left -= fill;
      if (fill > 0) this.#fill(order, order.price, fill, LiquiditySide.MAKER);
    }
    const queue = this.#queues[s].get(price);
    if (queue !== undefined && left > 0) {
      const fills = fillFromTrade(queue, left);
      // Copy: filling an order to the end removes it from the queue array.
      const orders = queue.slice();
      for (let i = 0; i < orders.length; i++) {
        if (fills[i] > 0) this.#fill(orders[i], price, fills[i], LiquiditySide.MAKER);
      }
    }
    // The trade took others' lots off the level now, not at the level update that reports it.
    const level = this.#levels[s].get(price);
    if (level !== undefined) this.#setLevel(s, price, Math.max(0, level - quantity));
    const after = this.#queues[s].get(price);
    const shown = this.#levels[s].get(price) ?? 0;
    if (after !== undefined) for (const slot of after) if (slot.ahead > shown) slot.ahead = shown;
    this.#flush();
  }

  // ---- our orders ----

  submit(order: NewOrder, time?: number): void {
    const t = this.#at(time);
    const reject = this.#checkNew(order);
    if (reject !== undefined) {
      this.#emit({ kind: 'rejected', id: order.id, reason: reject[0], message: reject[1], time: t });
      return this.#flush();
    }
    this.#seen.add(order.id);
    this.#emit({ kind: 'accepted', id: order.id, time: t });
    const tif =
      order.type === BookOrderType.MARKET ? (order.timeInForce ?? 'IOC') : (order.timeInForce ?? 'GTC');
    const resting: Resting = {
      id: order.id,
      side: order.side,
      price: order.price ?? 0,
      quantity: order.quantity,
      filled: 0,
      leaves: order.quantity,
      ahead: 0,
      postOnly: order.postOnly === true,
    };
    const limit = order.type === BookOrderType.MARKET ? undefined : order.price;
    if (tif === BookTimeInForce.FOK && this.#available(order.side, limit) < order.quantity) {
      this.#emit({
        kind: 'canceled',
        id: order.id,
        reason: BookReason.FOK_UNFILLABLE,
        remaining: order.quantity,
        time: t,
      });
      return this.#flush();
    }
    this.#take(resting, limit);
    if (resting.leaves > 0) {
      if (tif === BookTimeInForce.GTC) this.#rest(resting);
      else {
        const reason =
          order.type === BookOrderType.MARKET ? BookReason.NO_LIQUIDITY : BookReason.IOC_REMAINDER;
        this.#emit({ kind: 'canceled', id: order.id, reason, remaining: resting.leaves, time: t });
      }
    }
    this.#flush();
  }

  /** Changes price and/or total quantity (rules of docs/matching.md; `triggerPrice` is NOT_MODIFIABLE). */
  modify(change: ModifyOrder, time?: number): void {
    const t = this.#at(time);
    const order = this.#orders.get(change.id);
    const reject = this.#checkModify(order, change);
    if (reject !== undefined || order === undefined) {
      const [reason, message] = reject ?? [BookReason.UNKNOWN_ORDER, ''];
      this.#emit({ kind: 'rejected', id: change.id, reason, message, time: t });
      return this.#flush();
    }
    const price = change.price ?? order.price;
    const quantity = change.quantity ?? order.quantity;
    const lostPriority = price !== order.price || quantity > order.quantity;
    this.#emit({ kind: 'modified', id: order.id, price, quantity, lostPriority, time: t });
    order.quantity = quantity;
    order.leaves = quantity - order.filled;
    if (lostPriority) {
      this.#unqueue(order);
      order.price = price;
      this.#take(order, price);
      if (order.leaves > 0) this.#rest(order);
      else this.#orders.delete(order.id);
    }
    this.#flush();
  }

  cancel(id: number, time?: number): void {
    const t = this.#at(time);
    const order = this.#orders.get(id);
    if (order === undefined) {
      this.#emit({
        kind: 'rejected',
        id,
        reason: BookReason.UNKNOWN_ORDER,
        message: `no live order ${id}`,
        time: t,
      });
    } else {
      this.#remove(order);
      this.#emit({ kind: 'canceled', id, reason: BookReason.CANCELED, remaining: order.leaves, time: t });
    }
    this.#flush();
  }

  /** Cancels our live orders (of one side when given), oldest first. */
  cancelAll(side?: BookSide, time?: number): void {
    const t = this.#at(time);
    for (const order of [...this.#orders.values()]) {
      if (side !== undefined && order.side !== side) continue;
      this.#remove(order);
      this.#emit({
        kind: 'canceled',
        id: order.id,
        reason: BookReason.CANCELED,
        remaining: order.leaves,
        time: t,
      });
    }
    this.#flush();
  }

  /** Moves the clock forward (nothing expires: only GTC orders rest). */
  advanceTime(time: number): void {
    this.#at(time);
  }

  // ---- reading ----

  /** Others' displayed lots at a price, as last fed (less what trades have taken since). */
  level(side: BookSide, price: number): number {
    return this.#levels[SIDE_INDEX[side]].get(price) ?? 0;
  }

  order(id: number): L2OrderView | undefined {
    const o = this.#orders.get(id);
    if (o === undefined) return undefined;
    return {
      id: o.id,
      side: o.side,
      type: BookOrderType.LIMIT,
      price: o.price,
      quantity: o.quantity,
      filled: o.filled,
      open: o.leaves,
      ahead: o.ahead,
      timeInForce: BookTimeInForce.GTC,
    };
  }

  /** Our live orders, oldest first. */
  orders(): L2OrderView[] {
    return [...this.#orders.keys()].map((id) => this.order(id) as L2OrderView);
  }

  // ---- internals ----

  #at(time: number | undefined): number {
    if (time !== undefined && time > this.#time) this.#time = time;
    return this.#time;
  }

  #emit(event: L2FillEvent): void {
    if (this.#onEvents !== undefined) this.#events.push(event);
  }

  #flush(): void {
    if (this.#events.length === 0) return;
    const events = this.#events;
    this.#events = [];
    this.#onEvents?.(events);
  }

  #setLevel(s: 0 | 1, price: number, quantity: number): void {
    if (quantity === 0) {
      this.#levels[s].delete(price);
      this.#consumed[s].delete(price);
      return;
    }
    this.#levels[s].set(price, quantity);
    const used = this.#consumed[s].get(price);
    if (used !== undefined && used > quantity) this.#consumed[s].set(price, quantity);
  }

  /** Opposite lots we could take at `limit` or better (all prices when undefined). */
  #available(side: BookSide, limit: number | undefined): number {
    let sum = 0;
    for (const [, available] of this.#opposite(side, limit)) sum += available;
    return sum;
  }

  /** Opposite levels acceptable to a `side` order with `limit`, best first, with their untaken lots. */
  #opposite(side: BookSide, limit: number | undefined): [number, number][] {
    const o = SIDE_INDEX[opposite(side)];
    const out: [number, number][] = [];
    for (const [price, quantity] of this.#levels[o]) {
      if (limit !== undefined && !crosses(side, limit, price)) continue;
      const available = quantity - (this.#consumed[o].get(price) ?? 0);
      if (available > 0) out.push([price, available]);
    }
    return out.sort((a, b) => (side === BookSide.BUY ? a[0] - b[0] : b[0] - a[0]));
  }

  /** Takes displayed opposite liquidity as a taker. */
  #take(order: Resting, limit: number | undefined): void {
    const o = SIDE_INDEX[opposite(order.side)];
    for (const [price, available] of this.#opposite(order.side, limit)) {
      if (order.leaves === 0) return;
      const fill = Math.min(order.leaves, available);
      this.#consumed[o].set(price, (this.#consumed[o].get(price) ?? 0) + fill);
      this.#fill(order, price, fill, LiquiditySide.TAKER);
    }
  }

  /** Joins the back of its level: behind everything displayed there now. */
  #rest(order: Resting): void {
    const s = SIDE_INDEX[order.side];
    order.ahead = this.#levels[s].get(order.price) ?? 0;
    let queue = this.#queues[s].get(order.price);
    if (queue === undefined) this.#queues[s].set(order.price, (queue = []));
    queue.push(order);
    this.#orders.set(order.id, order);
  }

  #unqueue(order: Resting): void {
    const queues = this.#queues[SIDE_INDEX[order.side]];
    const queue = queues.get(order.price);
    if (queue === undefined) return;
    const i = queue.indexOf(order);
    if (i >= 0) queue.splice(i, 1);
    if (queue.length === 0) queues.delete(order.price);
  }

  #remove(order: Resting): void {
    this.#unqueue(order);
    this.#orders.delete(order.id);
  }

  #fill(order: Resting, price: number, quantity: number, liquidity: LiquiditySide): void {
    order.filled += quantity;
    order.leaves -= quantity;
    if (order.leaves === 0 && this.#orders.has(order.id)) this.#remove(order);
    this.#emit({
      kind: 'fill',
      id: order.id,
      tradeId: this.#nextFillId++,
      price,
      quantity,
      liquidity,
      leaves: order.leaves,
      time: this.#time,
    });
  }

  /** Our resting `side` orders priced better than `price`: best price first, queue order within. */
  #restingBetterThan(side: BookSide, price: number): Resting[] {
    const queues = this.#queues[SIDE_INDEX[side]];
    const prices = [...queues.keys()].filter((p) => better(side, p, price));
    if (prices.length === 0) return [];
    prices.sort((a, b) => (side === BookSide.BUY ? b - a : a - b));
    return prices.flatMap((p) => (queues.get(p) as Resting[]).slice());
  }

  /** An opposite level now shows at `price`: our `side` orders at or through it trade with it. */
  #fillCrossed(side: BookSide, price: number): void {
    const o = SIDE_INDEX[opposite(side)];
    const queues = this.#queues[SIDE_INDEX[side]];
    if (queues.size === 0) return;
    const prices = [...queues.keys()].filter((p) => crosses(side, p, price));
    if (prices.length === 0) return;
    prices.sort((a, b) => (side === BookSide.BUY ? b - a : a - b));
    for (const p of prices) {
      for (const order of (queues.get(p) as Resting[]).slice()) {
        // At our own price others shown ahead of us would trade first (the feed has yet to remove them).
        if (p === price && order.ahead > 0) continue;
        const available = (this.#levels[o].get(price) ?? 0) - (this.#consumed[o].get(price) ?? 0);
        if (available <= 0) return;
        const fill = Math.min(order.leaves, available);
        this.#consumed[o].set(price, (this.#consumed[o].get(price) ?? 0) + fill);
        this.#fill(order, order.price, fill, LiquiditySide.MAKER);
      }
    }
  }

  #checkNew(order: NewOrder): Refusal | undefined {
    if (!Number.isSafeInteger(order.id) || order.id < 1)
      return [BookReason.INVALID_ORDER_ID, `id ${order.id}`];
    if (this.#seen.has(order.id)) return [BookReason.DUPLICATE_ORDER_ID, `id ${order.id} already used`];
    const refusal = checkL2Order(order, this.#grid);
    if (refusal !== undefined) return refusal;
    if (order.postOnly === true && this.#available(order.side, order.price) > 0) {
      return [BookReason.POST_ONLY_WOULD_CROSS, `post-only at ${order.price} would trade`];
    }
    return undefined;
  }

  #checkModify(order: Resting | undefined, change: ModifyOrder): Refusal | undefined {
    if (order === undefined) return [BookReason.UNKNOWN_ORDER, `no live order ${change.id}`];
    const refusal = checkL2Modify(change, order.filled, this.#grid);
    if (refusal !== undefined) return refusal;
    if (order.postOnly && change.price !== undefined && this.#available(order.side, change.price) > 0) {
      return [BookReason.POST_ONLY_WOULD_CROSS, `post-only at ${change.price} would trade`];
    }
    return undefined;
  }
}

/** Market data that breaks the units is corrupt input: fail fast. */
function checkData(price: number, quantity: number): void {
  if (!Number.isSafeInteger(price) || price <= 0)
    throw new RangeError(`price must be a safe integer > 0, got ${price}`);
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`quantity must be a safe integer ≥ 0, got ${quantity}`);
  }
}
