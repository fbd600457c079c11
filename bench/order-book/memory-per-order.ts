/**
 * Bytes per resting order: memory in use with 100,000 resting orders minus the same empty book,
 * each after full collections (`--expose-gc`). Memory in use is the V8 heap plus memory outside
 * it (`external`, which holds typed arrays' buffers: our book keeps its orders in typed arrays,
 * so the heap alone would miss them).
 */
import { collectGarbage, round } from '../measure.js';
import type { Contender } from './contender.js';
import type { RestingOrders } from './resting-orders.js';

export interface MemoryFigures {
  readonly restingOrders: number;
  readonly bytesPerRestingOrder: number;
  /** The empty book itself. */
  readonly emptyBookBytes: number;
  /** The 100,000 orders' share, by where it lives. */
  readonly heapBytes: number;
  readonly externalBytes: number;
}

/** Holds the measured book, so that it stays reachable until its figures are taken. */
const held: unknown[] = [];

export function bytesPerRestingOrder<B>(contender: Contender<B>, orders: RestingOrders): MemoryFigures {
  const before = settledUsage();
  const book = contender.create();
  const empty = settledUsage();
  held.push(book);
  contender.rest(book, orders);
  const full = settledUsage();
  held.pop();
  const heapBytes = full.heapUsed - empty.heapUsed;
  const externalBytes = full.external - empty.external;
  return {
    restingOrders: orders.count,
    bytesPerRestingOrder: round((heapBytes + externalBytes) / orders.count),
    emptyBookBytes: empty.heapUsed + empty.external - before.heapUsed - before.external,
    heapBytes,
    externalBytes,
  };
}

/** Memory use after collections (a few: a single one can leave garbage that later ones find). */
function settledUsage(): { heapUsed: number; external: number } {
  for (let i = 0; i < 3; i++) collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return { heapUsed, external };
}
