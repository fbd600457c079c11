/**
 * The matching core's vocabulary: the commands an order book accepts, the events it emits,
 * and the stable reason codes of its rejections and cancellations. Two implementations share
 * it — the fast {@link OrderBook} and the naive {@link ReferenceBook} — and one test suite runs
 * against both through {@link MatchingBook}.
 *
 * The rules both follow, in full: docs/matching.md.
 *
 * Units. Prices are integer **ticks** and quantities integer **lots** (safe integers); the
 * instrument's tick and lot sizes turn them into decimal prices at the edges. Time is integer
 * microseconds since the epoch, given by the caller (the book never reads a clock).
 */

/** Buy or sell. */
export const BookSide = { BUY: 'BUY', SELL: 'SELL' } as const;
export type BookSide = (typeof BookSide)[keyof typeof BookSide];

/**
 * How an order executes.
 *
 * - `MARKET`: takes liquidity up to its quantity; what cannot fill is canceled (`NO_LIQUIDITY`).
 * - `LIMIT`: takes liquidity at its price or better, then rests (by time in force).
 * - `STOP_MARKET` / `STOP_LIMIT`: held until the last trade reaches the trigger price (a buy
 *   triggers at last ≥ trigger, a sell at last ≤ trigger), then enter as MARKET / LIMIT.
 * - `MARKET_IF_TOUCHED` / `LIMIT_IF_TOUCHED`: the mirror image (a buy triggers at
 *   last ≤ trigger, a sell at last ≥ trigger).
 * - `TRAILING_STOP_MARKET` / `TRAILING_STOP_LIMIT`: a stop whose trigger follows the best
 *   last-trade price seen since submission at `trailingOffset` ticks, or `trailingBps` basis
 *   points, away (a sell trails below the highest trade, a buy above the lowest); the limit
 *   price of the LIMIT variant is the trigger ∓ `limitOffset` ticks at trigger time.
 *
 * A conditional order whose condition already holds when it arrives (against the last trade;
 * with no trade yet it waits) triggers at once.
 */
export const BookOrderType = {
  MARKET: 'MARKET',
  LIMIT: 'LIMIT',
  STOP_MARKET: 'STOP_MARKET',
  STOP_LIMIT: 'STOP_LIMIT',
  MARKET_IF_TOUCHED: 'MARKET_IF_TOUCHED',
  LIMIT_IF_TOUCHED: 'LIMIT_IF_TOUCHED',
  TRAILING_STOP_MARKET: 'TRAILING_STOP_MARKET',
  TRAILING_STOP_LIMIT: 'TRAILING_STOP_LIMIT',
} as const;
export type BookOrderType = (typeof BookOrderType)[keyof typeof BookOrderType];

/**
 * How long an order works. `GTC` until canceled; `IOC` fills what it can at once, the rest is
 * canceled; `FOK` fills completely at once or not at all; `DAY` until the session ends (the
 * book's `sessionEnd`); `GTD` until `expireTime`. Expiry happens on {@link MatchingBook.advanceTime}.
 */
export const BookTimeInForce = { GTC: 'GTC', IOC: 'IOC', FOK: 'FOK', DAY: 'DAY', GTD: 'GTD' } as const;
export type BookTimeInForce = (typeof BookTimeInForce)[keyof typeof BookTimeInForce];

/**
 * Self-trade prevention, chosen by the incoming (taker) order, applied when it would trade
 * with a resting order of the same non-zero `owner`:
 * `CANCEL_TAKER` cancels the incoming order's remainder; `CANCEL_MAKER` cancels the resting
 * order and matching goes on; `CANCEL_BOTH` cancels both. `NONE` lets them trade.
 */
export const SelfTradePrevention = {
  NONE: 'NONE',
  CANCEL_TAKER: 'CANCEL_TAKER',
  CANCEL_MAKER: 'CANCEL_MAKER',
  CANCEL_BOTH: 'CANCEL_BOTH',
} as const;
export type SelfTradePrevention = (typeof SelfTradePrevention)[keyof typeof SelfTradePrevention];

/** A new order. Optional fields default as stated. */
export interface NewOrder {
  /** Unique among the book's live orders and every id it has seen (safe integer ≥ 1). */
  readonly id: number;
  readonly side: BookSide;
  readonly type: BookOrderType;
  /** Lots, > 0. */
  readonly quantity: number;
  /** Limit price in ticks: required by the LIMIT-like types, refused by the others. */
  readonly price?: number;
  /** Trigger price in ticks: required by STOP_* and *_IF_TOUCHED, refused by the others. */
  readonly triggerPrice?: number;
  /** TRAILING_*: offset in ticks (exactly one of trailingOffset / trailingBps). */
  readonly trailingOffset?: number;
  /** TRAILING_*: offset in basis points of the reference trade price (integer, 1–9999). */
  readonly trailingBps?: number;
  /** TRAILING_STOP_LIMIT: limit = trigger + limitOffset (buy) or trigger − limitOffset (sell); default 0. */
  readonly limitOffset?: number;
  /** Default GTC (MARKET orders are always IOC). */
  readonly timeInForce?: BookTimeInForce;
  /** GTD: µs; the order expires at `advanceTime(t)` with t ≥ expireTime. */
  readonly expireTime?: number;
  /** Rejected (POST_ONLY_WOULD_CROSS) if any part would take liquidity on arrival. LIMIT only. */
  readonly postOnly?: boolean;
  /**
   * May only reduce the owner's position in this book (as tracked from its fills and
   * {@link MatchingBook.setPosition}): rejected (REDUCE_ONLY_WOULD_INCREASE) if the position is
   * flat, on the order's side, or smaller than the quantity; see docs/matching.md for fills.
   */
  readonly reduceOnly?: boolean;
  /** Rests without showing in L2 data; behind all displayed orders of its level. */
  readonly hidden?: boolean;
  /**
   * Iceberg: lots shown at a time (0 < displayQuantity < quantity). When the shown slice fills,
   * the next slice is shown and goes to the back of its level (it loses time priority).
   */
  readonly displayQuantity?: number;
  /** Account or trader; 0 (default) is anonymous: no self-trade prevention, no position. */
  readonly owner?: number;
  /** Default NONE. */
  readonly selfTradePrevention?: SelfTradePrevention;
}

/**
 * A change to a live order. `price` (LIMIT-like orders) or `triggerPrice` (conditional orders
 * not yet triggered) moves it: it loses time priority, and a limit moved across the spread
 * trades at once. `quantity` is the new **total** quantity (filled + open): it must exceed the
 * filled quantity; a decrease keeps time priority, an increase loses it.
 */
export interface ModifyOrder {
  readonly id: number;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly quantity?: number;
}

/**
 * Stable reason codes. Rejections leave the book exactly as it was; cancellations say why an
 * order (or its remainder) left the book.
 */
export const BookReason = {
  // rejections (command refused, book unchanged)
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  INVALID_PRICE: 'INVALID_PRICE',
  PRICE_OFF_TICK: 'PRICE_OFF_TICK',
  QUANTITY_OFF_LOT: 'QUANTITY_OFF_LOT',
  INVALID_ORDER_ID: 'INVALID_ORDER_ID',
  DUPLICATE_ORDER_ID: 'DUPLICATE_ORDER_ID',
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
  INVALID_ORDER: 'INVALID_ORDER',
  POST_ONLY_WOULD_CROSS: 'POST_ONLY_WOULD_CROSS',
  REDUCE_ONLY_WOULD_INCREASE: 'REDUCE_ONLY_WOULD_INCREASE',
  EXPIRE_TIME_IN_PAST: 'EXPIRE_TIME_IN_PAST',
  NOT_MODIFIABLE: 'NOT_MODIFIABLE',
  // cancellations
  CANCELED: 'CANCELED',
  NO_LIQUIDITY: 'NO_LIQUIDITY',
  IOC_REMAINDER: 'IOC_REMAINDER',
  FOK_UNFILLABLE: 'FOK_UNFILLABLE',
  SELF_TRADE: 'SELF_TRADE',
  REDUCE_ONLY: 'REDUCE_ONLY',
  EXPIRED: 'EXPIRED',
} as const;
export type BookReason = (typeof BookReason)[keyof typeof BookReason];

/**
 * What a book emits. Events of one command are delivered together, in order, after the
 * command has finished (never from inside a match).
 */
export type BookEvent =
  | { readonly kind: 'accepted'; readonly id: number; readonly time: number }
  | {
      readonly kind: 'rejected';
      readonly id: number;
      readonly reason: BookReason;
      readonly message: string;
      readonly time: number;
    }
  /** A conditional order's condition held: it now works as its MARKET or LIMIT form. */
  | { readonly kind: 'triggered'; readonly id: number; readonly price?: number; readonly time: number }
  /** One execution between a resting (maker) and an incoming (taker) order. */
  | {
      readonly kind: 'trade';
      readonly tradeId: number;
      readonly makerId: number;
      readonly takerId: number;
      readonly makerOwner: number;
      readonly takerOwner: number;
      /** The taker's side. */
      readonly aggressor: BookSide;
      readonly price: number;
      readonly quantity: number;
      /** Open quantity left after this trade. */
      readonly makerRemaining: number;
      readonly takerRemaining: number;
      readonly time: number;
    }
  | {
      readonly kind: 'modified';
      readonly id: number;
      readonly price?: number;
      readonly triggerPrice?: number;
      readonly quantity: number;
      readonly lostPriority: boolean;
      readonly time: number;
    }
  /** An iceberg showed its next slice (at the back of its level). */
  | { readonly kind: 'replenished'; readonly id: number; readonly displayed: number; readonly time: number }
  | {
      readonly kind: 'canceled';
      readonly id: number;
      readonly reason: BookReason;
      /** Open quantity that left the book. */
      readonly remaining: number;
      readonly time: number;
    }
  | { readonly kind: 'expired'; readonly id: number; readonly remaining: number; readonly time: number };

/** A live order as the book holds it. */
export interface BookOrderView {
  readonly id: number;
  readonly side: BookSide;
  readonly type: BookOrderType;
  readonly owner: number;
  /** Limit price (ticks), if it has one (a triggered STOP_MARKET has none). */
  readonly price?: number;
  /** Current trigger price of a conditional order not yet triggered. */
  readonly triggerPrice?: number;
  readonly quantity: number;
  readonly filled: number;
  /** quantity − filled. */
  readonly open: number;
  /** Shown in L2 now (0 for hidden orders and untriggered conditional orders). */
  readonly displayed: number;
  readonly triggered: boolean;
  readonly timeInForce: BookTimeInForce;
}

/** One price level of L2 (market-by-price) data: displayed quantity only. */
export interface BookLevel {
  readonly price: number;
  readonly quantity: number;
  readonly orders: number;
}

/** Counters over the book's life. */
export interface BookStats {
  readonly trades: number;
  readonly tradedVolume: number;
  /** Live orders (waiting conditional ones included) removed by `cancel`/`cancelAll`, and their open quantity. */
  readonly cancelOk: number;
  readonly cancelledVolume: number;
  /** Σ `remaining` of `canceled NO_LIQUIDITY` events (MARKET orders, triggered *_MARKET included). */
  readonly marketUnfilled: number;
}

/** Options of a book. */
export interface BookOptions {
  /** Prices must be multiples of this many ticks (default 1). */
  readonly tickSize?: number;
  /** Quantities must be multiples of this many lots (default 1). */
  readonly lotSize?: number;
  /** When DAY orders submitted at `time` expire (default: the next UTC midnight). */
  readonly sessionEnd?: (time: number) => number;
  /** Receives each command's events after it finishes. Without it the book records none (fastest). */
  readonly onEvents?: (events: readonly BookEvent[]) => void;
}

/** The operations both books implement, and the shared test suite exercises. */
export interface MatchingBook {
  /**
   * Submits an order at `time` (µs; default: the book's current time). The book copies what it
   * needs and keeps no reference to `order`: a caller may reuse one object for many orders.
   */
  submit(order: NewOrder, time?: number): void;
  cancel(id: number, time?: number): void;
  modify(change: ModifyOrder, time?: number): void;
  /** Cancels every live order (of `owner` and/or `side` when given), oldest first. */
  cancelAll(filter?: { readonly owner?: number; readonly side?: BookSide }, time?: number): void;
  /** Moves the book's clock forward (never back) and expires DAY/GTD orders that are due. */
  advanceTime(time: number): void;
  /** Sets an owner's position (lots, + long / − short) for reduce-only checks. */
  setPosition(owner: number, position: number): void;
  position(owner: number): number;

  readonly time: number;
  bestBid(): number | undefined;
  bestAsk(): number | undefined;
  /** Best ask − best bid, when both exist. */
  spread(): number | undefined;
  /** (bid + ask)/2, when both exist (may be a half tick). */
  mid(): number | undefined;
  /** Size-weighted mid of the touch: (bid·askQty + ask·bidQty)/(bidQty + askQty). */
  microprice(): number | undefined;
  /** (bidQty − askQty)/(bidQty + askQty) over the best `levels` levels a side (default 1); 0 if empty. */
  imbalance(levels?: number): number;
  /** Best `levels` displayed levels of a side, best first. */
  depth(side: BookSide, levels?: number): BookLevel[];
  /** The live order with this id (resting, or conditional waiting for its trigger). */
  order(id: number): BookOrderView | undefined;
  /** Every live order, by side, in priority order (conditional orders after, by id). */
  orders(): BookOrderView[];
  /** Last trade price, if any. */
  lastTradePrice(): number | undefined;
  readonly stats: BookStats;
}
