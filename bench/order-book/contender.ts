/**
 * What the order-book benchmark needs from each book it runs — ours (with and without an event
 * listener) or a peer behind a small adapter (peers.ts) — bound to one parsed stream, plus the
 * comparison of a final state with orders.expected.json.
 */
import type { BookEvent } from '../../src/matching/book/book-types.js';
import { OrderBook } from '../../src/matching/book/order-book.js';
import { StreamSide, type OrderStream } from '../../src/matching/replay/order-stream.js';
import {
  REPLAY_CHECK_KEYS,
  applyOperation,
  applyOrderStream,
  replayOrderStream,
  type ReplayResult,
} from '../../src/matching/replay/replay.js';
import type { RestingOrders } from './resting-orders.js';
import type { ExpectedState } from './stream-file.js';

/** A book under test, bound to the stream it replays. */
export interface Contender<B> {
  /** `ours`, `ours-listener`, `nodejs-order-book`, … */
  readonly name: string;
  readonly version: string;
  /** A fresh, empty book. */
  create(): B;
  /** Applies the whole stream (the timed loop). */
  replay(book: B): void;
  /** Applies operation `index` only (the latency loop). */
  apply(book: B, index: number): void;
  /** Replays the stream on a fresh book, counting what it did, and reads its final state. */
  verify(): ReplayResult;
  /** Adds resting orders that cross nothing (the memory and deep-book benchmarks). */
  rest(book: B, orders: RestingOrders): void;
}

/** Our OrderBook without a listener: it records no events at all (its fastest mode). */
export function oursContender(stream: OrderStream, version: string): Contender<OrderBook> {
  return {
    name: 'ours',
    version,
    create: () => new OrderBook(),
    replay: (book) => applyOrderStream(book, stream),
    apply: (book, index) => applyOperation(book, stream, index),
    verify: () => replayOrderStream(new OrderBook(), stream),
    rest: restOurs,
  };
}

/** What the listener of {@link oursWithListenerContender} saw, summed over every book it made. */
export interface EventCounts {
  events: number;
  trades: number;
  tradedVolume: number;
}

/**
 * Our OrderBook with an `onEvents` listener that looks at every event (counts them, and sums the
 * trades): the book then builds an event object per accepted order, trade and cancel, which is
 * what a venue or simulator wiring the book to the rest of the kernel pays.
 */
export function oursWithListenerContender(
  stream: OrderStream,
  version: string,
  counts: EventCounts,
): Contender<OrderBook> {
  const listener = (events: readonly BookEvent[]): void => {
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      counts.events++;
      if (event.kind === 'trade') {
        counts.trades++;
        counts.tradedVolume += event.quantity;
      }
    }
  };
  const create = (): OrderBook => new OrderBook({ onEvents: listener });
  return {
    name: 'ours-listener',
    version,
    create,
    replay: (book) => applyOrderStream(book, stream),
    apply: (book, index) => applyOperation(book, stream, index),
    verify: () => replayOrderStream(create(), stream),
    rest: restOurs,
  };
}

function restOurs(book: OrderBook, orders: RestingOrders): void {
  for (let i = 0; i < orders.count; i++) {
    book.submit({
      id: orders.ids[i],
      side: orders.sides[i] === StreamSide.BUY ? 'BUY' : 'SELL',
      type: 'LIMIT',
      quantity: orders.quantities[i],
      price: orders.prices[i],
      timeInForce: 'GTC',
    });
  }
}

/** How a final state compares with orders.expected.json: every differing key, expected vs actual. */
export interface Agreement {
  readonly matches: boolean;
  readonly differences: Record<string, { expected: number | null; actual: number | null }>;
}

export function compareWithExpected(result: ReplayResult, expected: ExpectedState): Agreement {
  const differences: Agreement['differences'] = {};
  for (const key of REPLAY_CHECK_KEYS) {
    if (result.checks[key] !== expected.checks[key])
      differences[key] = { expected: expected.checks[key], actual: result.checks[key] };
  }
  if (result.trades !== expected.stats.trades)
    differences.trades = { expected: expected.stats.trades, actual: result.trades };
  if (result.tradedVol !== expected.stats.tradedVol)
    differences.tradedVol = { expected: expected.stats.tradedVol, actual: result.tradedVol };
  if (result.refusedCancels !== 0)
    differences.refusedCancels = { expected: 0, actual: result.refusedCancels };
  return { matches: Object.keys(differences).length === 0, differences };
}
