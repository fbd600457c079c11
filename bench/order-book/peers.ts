/**
 * The two npm peers, nodejs-order-book and hft-limit-order-book (the same author's library under
 * its new and its old name), behind {@link Contender}. Both take an options object per order:
 * `limit({ id, side, size, price })` (GTC by default), `market({ side, size })` (what cannot fill
 * is dropped: `quantityLeft`), `cancel(id)` (undefined when the id is not live). Order ids are
 * strings in their API, so the stream's ids are turned into strings once, before any timing.
 *
 * Both ship CommonJS builds (their ESM builds import without file extensions, which Node's ESM
 * loader refuses) and a `types` entry that points at a file that does not exist, so they are
 * loaded with `require` and typed here with just what the benchmark calls.
 */
import { createRequire } from 'node:module';
import { StreamOp, StreamSide, type OrderStream } from '../../src/matching/replay/order-stream.js';
import type { ReplayChecks, ReplayResult } from '../../src/matching/replay/replay.js';
import { packageVersion } from '../indicators/package-version.js';
import type { Contender } from './contender.js';
import type { RestingOrders } from './resting-orders.js';

/** An order as the peers report it (a plain object in nodejs-order-book, a class with getters in hft-…). */
interface PeerOrder {
  readonly id: string;
  readonly size: number;
  readonly price: number;
}

/** The result of `limit` and `market`. */
interface PeerProcessed {
  /** Orders completely filled by this one (makers), then the order itself if it filled completely. */
  readonly done: readonly PeerOrder[];
  /** The maker left partly filled, or the incoming limit order's resting remainder. */
  readonly partial: PeerOrder | null;
  /** Quantity of the incoming order not traded. */
  readonly quantityLeft: number;
  readonly err: unknown;
}

type PeerSide = 'buy' | 'sell';

interface PeerBook {
  limit(options: { id: string; side: PeerSide; size: number; price: number }): PeerProcessed;
  market(options: { side: PeerSide; size: number }): PeerProcessed;
  cancel(id: string): { readonly order?: PeerOrder } | undefined;
  snapshot(): {
    readonly bids: readonly { readonly price: number; readonly orders: readonly PeerOrder[] }[];
    readonly asks: readonly { readonly price: number; readonly orders: readonly PeerOrder[] }[];
  };
}

/** The peers, by package name. */
export const PEER_NAMES = ['nodejs-order-book', 'hft-limit-order-book'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

const PEER_SIDES: readonly PeerSide[] = ['buy', 'sell'];

export function peerContender(name: PeerName, stream: OrderStream): Contender<PeerBook> {
  const require = createRequire(import.meta.url);
  const { OrderBook } = require(name) as { OrderBook: new () => PeerBook };
  const ids = stream.length === 0 ? [] : Array.from(stream.ids, (id) => String(id));
  return {
    name,
    version: packageVersion(name),
    create: () => new OrderBook(),
    replay: (book) => replayPeer(book, stream, ids),
    apply: (book, index) => applyPeer(book, stream, ids, index),
    verify: () => verifyPeer(new OrderBook(), stream, ids),
    rest: restPeer,
  };
}

/** The timed loop: the same three calls per operation as {@link applyPeer}, written out. */
function replayPeer(book: PeerBook, stream: OrderStream, ids: readonly string[]): void {
  const { ops, sides, prices, quantities } = stream;
  for (let i = 0; i < stream.length; i++) {
    const op = ops[i];
    if (op === StreamOp.LIMIT) {
      book.limit({ id: ids[i], side: PEER_SIDES[sides[i]], size: quantities[i], price: prices[i] });
    } else if (op === StreamOp.CANCEL) {
      book.cancel(ids[i]);
    } else {
      book.market({ side: PEER_SIDES[sides[i]], size: quantities[i] });
    }
  }
}

function applyPeer(book: PeerBook, stream: OrderStream, ids: readonly string[], i: number): void {
  const op = stream.ops[i];
  if (op === StreamOp.LIMIT) {
    book.limit({
      id: ids[i],
      side: PEER_SIDES[stream.sides[i]],
      size: stream.quantities[i],
      price: stream.prices[i],
    });
  } else if (op === StreamOp.CANCEL) {
    book.cancel(ids[i]);
  } else {
    book.market({ side: PEER_SIDES[stream.sides[i]], size: stream.quantities[i] });
  }
}

/**
 * Replays with bookkeeping (untimed): the peers have no trade counter, so trades and traded
 * volume are read off each result, and cancels off what `cancel` returns; the resting state comes
 * from `snapshot()`. Refused orders (`err`) would show as a difference in the final state.
 */
function verifyPeer(book: PeerBook, stream: OrderStream, ids: readonly string[]): ReplayResult {
  let trades = 0;
  let tradedVol = 0;
  let cancelOk = 0;
  let cancelledVol = 0;
  let marketUnfilled = 0;
  let refusedCancels = 0;
  for (let i = 0; i < stream.length; i++) {
    const op = stream.ops[i];
    const side = PEER_SIDES[stream.sides[i]];
    const size = stream.quantities[i];
    if (op === StreamOp.CANCEL) {
      const removed = book.cancel(ids[i])?.order;
      if (removed === undefined) refusedCancels++;
      else {
        cancelOk++;
        cancelledVol += removed.size;
      }
      continue;
    }
    const taker = op === StreamOp.LIMIT ? ids[i] : '';
    const result =
      op === StreamOp.LIMIT
        ? book.limit({ id: taker, side, size, price: stream.prices[i] })
        : book.market({ side, size });
    if (result.err)
      throw new Error(
        `${i}: the peer refused ${op === StreamOp.LIMIT ? 'limit' : 'market'} order: ${String(result.err)}`,
      );
    tradedVol += size - result.quantityLeft;
    if (op === StreamOp.MARKET) marketUnfilled += result.quantityLeft;
    // One execution per maker touched: those filled completely are in `done` (besides the
    // taker itself when it filled), a partly filled one is `partial`.
    for (const order of result.done) if (order.id !== taker) trades++;
    if (result.partial !== null && result.partial.id !== taker) trades++;
  }
  const snapshot = book.snapshot();
  const bids = sideState(snapshot.bids, Math.max);
  const asks = sideState(snapshot.asks, Math.min);
  const checks: ReplayChecks = {
    restBidOrders: bids.orders,
    restAskOrders: asks.orders,
    restBidVol: bids.volume,
    restAskVol: asks.volume,
    bidLevels: bids.levels,
    askLevels: asks.levels,
    bestBid: bids.best,
    bestAsk: asks.best,
    pv: bids.pv + asks.pv,
    cancelOk,
    cancelledVol,
    marketUnfilled,
  };
  return { checks, trades, tradedVol, refusedCancels };
}

function sideState(
  levels: readonly { readonly price: number; readonly orders: readonly PeerOrder[] }[],
  better: (a: number, b: number) => number,
): { orders: number; volume: number; levels: number; best: number | null; pv: number } {
  let orders = 0;
  let volume = 0;
  let count = 0;
  let pv = 0;
  let best: number | null = null;
  for (const level of levels) {
    if (level.orders.length === 0) continue;
    count++;
    best = best === null ? level.price : better(best, level.price);
    for (const order of level.orders) {
      orders++;
      volume += order.size;
      pv += order.price * order.size;
    }
  }
  return { orders, volume, levels: count, best, pv };
}

/** Ids become strings here, inside the measured span: the book keeps them, so they are part of an order's cost. */
function restPeer(book: PeerBook, orders: RestingOrders): void {
  for (let i = 0; i < orders.count; i++) {
    book.limit({
      id: String(orders.ids[i]),
      side: orders.sides[i] === StreamSide.BUY ? 'buy' : 'sell',
      size: orders.quantities[i],
      price: orders.prices[i],
    });
  }
}
