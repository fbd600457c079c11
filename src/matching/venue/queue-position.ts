import { mulDivRound } from '../../model/types/fixed-point.js';

/**
 * Where other participants' cancellations at our price level come from, relative to our order,
 * when L2 data shows only the level's total:
 *
 * - `pessimistic`: from behind us — we never move up on a cancellation (only when the level
 *   shrinks below what is ahead of us).
 * - `proportional` (default): from ahead of us in proportion to the share of the level ahead of
 *   us (with 30 of 100 lots ahead, 30% of the cancelled lots were ahead).
 * - `optimistic`: from ahead of us first.
 */
export const QueueAssumption = {
  PESSIMISTIC: 'pessimistic',
  PROPORTIONAL: 'proportional',
  OPTIMISTIC: 'optimistic',
} as const;
export type QueueAssumption = (typeof QueueAssumption)[keyof typeof QueueAssumption];

/** One of our orders in the queue of a level: others' lots ahead of it, and its open lots. */
export interface QueueSlot {
  /** Others' lots ahead of this order (never more than the level shows). */
  ahead: number;
  readonly leaves: number;
}

/**
 * Others' lots still ahead of an order after `canceled` of the `level` lots others had at the
 * price (before the cancellation) left the queue. `ahead ≤ level`, `canceled ≤ level`.
 *
 * Proportional rounds the lots taken from ahead half away from zero. Every rule keeps the
 * order of our orders in one level: an order with less ahead still has no more ahead after.
 */
export function aheadAfterCancel(
  ahead: number,
  level: number,
  canceled: number,
  assumption: QueueAssumption,
): number {
  if (canceled <= 0 || ahead === 0) return ahead;
  const left = level - canceled;
  switch (assumption) {
    case QueueAssumption.OPTIMISTIC:
      return Math.max(0, ahead - canceled);
    case QueueAssumption.PESSIMISTIC:
      return Math.min(ahead, left);
    case QueueAssumption.PROPORTIONAL:
      return Math.max(0, Math.min(left, ahead - mulDivRound(canceled, ahead, level)));
  }
}

/**
 * A trade of `quantity` lots against the level of our `queue` (our orders at that price, in
 * the order they joined). The trade works down the queue from the front: others' lots ahead of
 * our first order, then that order, then others' lots between it and the next order, and so
 * on. Sets each slot's `ahead` to what is left ahead of it and returns each order's fill, so
 * the fills add up to at most `quantity` (what traded beyond the queue ahead of us).
 *
 * Requires `ahead` non-decreasing along the queue (a later order joined behind everything the
 * earlier one had ahead of it); {@link aheadAfterCancel} preserves that.
 */
export function fillFromTrade(queue: readonly QueueSlot[], quantity: number): number[] {
  const fills: number[] = new Array<number>(queue.length);
  let othersUsed = 0;
  let left = quantity;
  for (let i = 0; i < queue.length; i++) {
    const slot = queue[i];
    const othersBefore = Math.max(0, slot.ahead - othersUsed);
    const taken = Math.min(othersBefore, left);
    othersUsed += taken;
    left -= taken;
    const fill = Math.min(slot.leaves, left);
    left -= fill;
    fills[i] = fill;
  }
  // Others consumed were the front of the others' queue: ahead of every order that had them ahead.
  for (const slot of queue) slot.ahead = Math.max(0, slot.ahead - othersUsed);
  return fills;
}
