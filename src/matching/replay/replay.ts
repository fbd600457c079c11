/**
 * Replays a parsed order stream ({@link OrderStream}) through any {@link MatchingBook} and reads
 * the final state the way `../shared/bench/ORDER-STREAM.md` defines its checks, so that every
 * book (ours, the reference book, a peer behind an adapter) is judged by the same numbers.
 */
import {
  BookOrderType,
  BookSide,
  BookTimeInForce,
  type BookStats,
  type MatchingBook,
  type NewOrder,
} from '../book/book-types.js';
import { StreamOp, type OrderStream } from './order-stream.js';

/** The final-state checks of the order-stream format, in the order of `orders.expected.json`. */
export interface ReplayChecks {
  readonly restBidOrders: number;
  readonly restAskOrders: number;
  readonly restBidVol: number;
  readonly restAskVol: number;
  readonly bidLevels: number;
  readonly askLevels: number;
  /** null when no bid rests. */
  readonly bestBid: number | null;
  /** null when no ask rests. */
  readonly bestAsk: number | null;
  /** Σ price × remaining quantity over all resting orders (exact below 2^53). */
  readonly pv: number;
  readonly cancelOk: number;
  readonly cancelledVol: number;
  readonly marketUnfilled: number;
}

/** The keys of {@link ReplayChecks}, in the order the format lists them. */
export const REPLAY_CHECK_KEYS = [
  'restBidOrders',
  'restAskOrders',
  'restBidVol',
  'restAskVol',
  'bidLevels',
  'askLevels',
  'bestBid',
  'bestAsk',
  'pv',
  'cancelOk',
  'cancelledVol',
  'marketUnfilled',
] as const satisfies readonly (keyof ReplayChecks)[];

/** What a replay ends with. */
export interface ReplayResult {
  readonly checks: ReplayChecks;
  /** Executions during the replay (`stats.trades` of the format). */
  readonly trades: number;
  /** Their quantity (`stats.tradedVol`). */
  readonly tradedVol: number;
  /**
   * Cancels the book refused (`UNKNOWN_ORDER`): the order was not resting then. The format only
   * has cancels of resting orders, so any is a data error; {@link findRefusedCancels} says where.
   */
  readonly refusedCancels: number;
}

const SIDES: readonly BookSide[] = [BookSide.BUY, BookSide.SELL];

/**
 * The id a market order (operation `index`) is submitted with: the format gives market orders
 * id 0, and a book needs a fresh, unique one. Ids above the stream's largest limit id cannot
 * collide with a limit order; deriving them from the operation's index makes them unique without
 * a counter (so one operation can be replayed on its own). They stay small, below
 * `maxLimitId + length`, rather than counting down from 2^53: a book may index or hash its ids,
 * and small ones cost it least.
 */
export function marketOrderId(stream: OrderStream, index: number): number {
  return stream.maxLimitId + 1 + index;
}

/** The smallest id above every id {@link replayOrderStream} submits (for orders added beside the stream). */
export function firstIdAfterStream(stream: OrderStream): number {
  return stream.maxLimitId + 1 + stream.length;
}

/**
 * The orders handed to the book, one reused object per kind: a book copies what it needs
 * (MatchingBook.submit), so building a fresh object per operation would only feed the garbage
 * collector (5% of the replay's time).
 */
const limitOrder: { -readonly [K in keyof NewOrder]: NewOrder[K] } = {
  id: 0,
  side: BookSide.BUY,
  type: BookOrderType.LIMIT,
  quantity: 0,
  price: 0,
  timeInForce: BookTimeInForce.GTC,
};
const marketOrder: { -readonly [K in keyof NewOrder]: NewOrder[K] } = {
  id: 0,
  side: BookSide.BUY,
  type: BookOrderType.MARKET,
  quantity: 0,
};

/**
 * Applies operation `index` of the stream to the book: L → a GTC LIMIT order, C → a cancel,
 * M → a MARKET order (id from {@link marketOrderId}). No time is given: the book's clock stays.
 */
export function applyOperation(book: MatchingBook, stream: OrderStream, index: number): void {
  const op = stream.ops[index];
  if (op === StreamOp.LIMIT) {
    limitOrder.id = stream.ids[index];
    limitOrder.side = SIDES[stream.sides[index]];
    limitOrder.quantity = stream.quantities[index];
    limitOrder.price = stream.prices[index];
    book.submit(limitOrder);
  } else if (op === StreamOp.CANCEL) {
    book.cancel(stream.ids[index]);
  } else {
    marketOrder.id = marketOrderId(stream, index);
    marketOrder.side = SIDES[stream.sides[index]];
    marketOrder.quantity = stream.quantities[index];
    book.submit(marketOrder);
  }
}

/** Applies every operation of the stream to the book, in order (the loop a benchmark times). */
export function applyOrderStream(book: MatchingBook, stream: OrderStream): void {
  const n = stream.length;
  for (let i = 0; i < n; i++) applyOperation(book, stream, i);
}

/**
 * Replays the whole stream through `book` and returns its final state. The counters (cancelOk,
 * cancelledVol, marketUnfilled, trades, tradedVol) are what the replay added to the book's
 * `stats`; the resting-order checks describe the whole book, so on a fresh book all of it is
 * exactly the format's final state.
 */
export function replayOrderStream(book: MatchingBook, stream: OrderStream): ReplayResult {
  const before = copyStats(book.stats);
  applyOrderStream(book, stream);
  const result = finalState(book, before);
  return { ...result, refusedCancels: stream.cancels - result.checks.cancelOk };
}

/**
 * The format's checks read from the book: resting orders, volumes, levels and `pv` from
 * `orders()`, best prices from `bestBid()`/`bestAsk()`, counters from `stats` (minus `since`,
 * the stats before the replay; a fresh book's are all 0).
 */
export function finalState(
  book: MatchingBook,
  since: BookStats = NO_STATS,
): Omit<ReplayResult, 'refusedCancels'> {
  let restBidOrders = 0;
  let restAskOrders = 0;
  let restBidVol = 0;
  let restAskVol = 0;
  let pv = 0;
  const bidPrices = new Set<number>();
  const askPrices = new Set<number>();
  for (const order of book.orders()) {
    // Conditional orders waiting for their trigger are live but not resting (none in this format).
    if (order.price === undefined || (order.type !== BookOrderType.LIMIT && !order.triggered)) continue;
    pv += order.price * order.open;
    if (order.side === BookSide.BUY) {
      restBidOrders++;
      restBidVol += order.open;
      bidPrices.add(order.price);
    } else {
      restAskOrders++;
      restAskVol += order.open;
      askPrices.add(order.price);
    }
  }
  const stats = book.stats;
  return {
    checks: {
      restBidOrders,
      restAskOrders,
      restBidVol,
      restAskVol,
      bidLevels: bidPrices.size,
      askLevels: askPrices.size,
      bestBid: book.bestBid() ?? null,
      bestAsk: book.bestAsk() ?? null,
      pv,
      cancelOk: stats.cancelOk - since.cancelOk,
      cancelledVol: stats.cancelledVolume - since.cancelledVolume,
      marketUnfilled: stats.marketUnfilled - since.marketUnfilled,
    },
    trades: stats.trades - since.trades,
    tradedVol: stats.tradedVolume - since.tradedVolume,
  };
}

/**
 * Where the cancels a replay refused are: replays the stream through `book` (which must be in
 * the state the first replay started from, e.g. a fresh book) and, before each cancel, asks the
 * book whether the order is live. Returns the indexes of the first `limit` refused cancels.
 * Slower than {@link replayOrderStream} (one lookup per cancel): run it only once a replay has
 * reported refused cancels.
 */
export function findRefusedCancels(book: MatchingBook, stream: OrderStream, limit = 1): number[] {
  const found: number[] = [];
  for (let i = 0; i < stream.length && found.length < limit; i++) {
    if (stream.ops[i] === StreamOp.CANCEL && book.order(stream.ids[i]) === undefined) found.push(i);
    applyOperation(book, stream, i);
  }
  return found;
}

const NO_STATS: BookStats = {
  trades: 0,
  tradedVolume: 0,
  cancelOk: 0,
  cancelledVolume: 0,
  marketUnfilled: 0,
};

/** A snapshot: a book may hand out a live object that later commands change. */
function copyStats(stats: BookStats): BookStats {
  return { ...stats };
}
