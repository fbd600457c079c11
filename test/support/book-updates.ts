/** L2 book updates for tests, levels written as `[price, size]` decimal strings. */
import { BookUpdate, type BookUpdateAction } from '../../src/model/data/book-update.js';
import type { InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';

export type LevelText = readonly [price: string, size: string];

/**
 * One venue message (`sequence` both first and last) at `tsUs`. Precisions default to the
 * strings' own (`'99.99'` → 2); give them to match an instrument's.
 */
export function bookUpdate(
  id: InstrumentId,
  action: BookUpdateAction,
  bids: readonly LevelText[],
  asks: readonly LevelText[],
  sequence: number,
  tsUs: number,
  precision: { price?: number; size?: number } = {},
): BookUpdate {
  const levels = (ls: readonly LevelText[]) =>
    ls.map(([price, size]) => ({
      price: Price.parse(price, precision.price),
      size: Quantity.parse(size, precision.size),
    }));
  return new BookUpdate(id, action, levels(bids), levels(asks), sequence, sequence, tsUs, tsUs);
}
