import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/** What to do with a book update, per {@link SequenceTracker.check}. */
export const SequenceVerdict = {
  /** Apply it. */
  APPLY: 'APPLY',
  /** Already covered by an earlier update (a replayed or buffered message): skip it. */
  STALE: 'STALE',
  /** Messages were lost: skip it, and rebuild the book from a snapshot. */
  GAP: 'GAP',
  /** Waiting for the snapshot after a gap (or before the first one): skip it. */
  AWAITING_SNAPSHOT: 'AWAITING_SNAPSHOT',
} as const;
export type SequenceVerdict = (typeof SequenceVerdict)[keyof typeof SequenceVerdict];

/**
 * Checks the sequence numbers of L2 updates per instrument. A book is only correct if every
 * delta since its snapshot was applied, so after a gap the deltas are worthless until a new
 * snapshot arrives: the tracker reports the gap once and then holds deltas back.
 *
 * A delta covering `first..last` that straddles the expected number (`first ≤ next ≤ last`) is
 * applied: venues such as Binance send deltas overlapping the snapshot, and levels are absolute.
 */
export class SequenceTracker {
  /** The next sequence expected per instrument; absent: no valid book (awaiting a snapshot). */
  readonly #next = new Map<InstrumentId, number>();

  check(id: InstrumentId, isSnapshot: boolean, first: number, last: number): SequenceVerdict {
    const next = this.#next.get(id);
    if (isSnapshot) {
      if (next !== undefined && last < next - 1) return SequenceVerdict.STALE;
      this.#next.set(id, last + 1);
      return SequenceVerdict.APPLY;
    }
    if (next === undefined) return SequenceVerdict.AWAITING_SNAPSHOT;
    if (last < next) return SequenceVerdict.STALE;
    if (first > next) {
      this.#next.delete(id);
      return SequenceVerdict.GAP;
    }
    this.#next.set(id, last + 1);
    return SequenceVerdict.APPLY;
  }

  /** Forgets an instrument (after unsubscribe or reconnect: the next update must be a snapshot). */
  reset(id?: InstrumentId): void {
    if (id === undefined) this.#next.clear();
    else this.#next.delete(id);
  }
}
