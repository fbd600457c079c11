import { BookUpdate, type BookLevelUpdate } from '../../model/data/book-update.js';

/**
 * Merges a later update into an earlier one of the same instrument, giving one update with the
 * same effect on a book as applying both. Exact because L2 levels carry absolute sizes: the
 * later size at a price wins. A snapshot followed by deltas stays a snapshot (levels of size
 * zero are dropped from it); a later snapshot replaces everything.
 *
 * The caller guarantees `later` directly follows `earlier` (no sequence gap between them).
 */
export function mergeBookUpdates(earlier: BookUpdate, later: BookUpdate): BookUpdate {
  if (later.isSnapshot) return later;
  const snapshot = earlier.isSnapshot;
  return new BookUpdate(
    later.instrumentId,
    earlier.action,
    mergeSide(earlier.bids, later.bids, snapshot, -1),
    mergeSide(earlier.asks, later.asks, snapshot, 1),
    snapshot ? later.sequence : earlier.firstSequence,
    later.sequence,
    later.tsEvent,
    later.tsInit,
  );
}

function mergeSide(
  earlier: readonly BookLevelUpdate[],
  later: readonly BookLevelUpdate[],
  dropEmpty: boolean,
  direction: 1 | -1,
): BookLevelUpdate[] {
  // Keyed by the exact decimal text: Price values of equal value and precision print alike.
  const levels = new Map<string, BookLevelUpdate>();
  for (const level of earlier) levels.set(level.price.toString(), level);
  for (const level of later) levels.set(level.price.toString(), level);
  const merged = [...levels.values()].filter((l) => !dropEmpty || !l.size.isZero());
  return merged.sort((a, b) => direction * a.price.compare(b.price));
}
