/**
 * What {@link Order.apply} did with an event. Venue reports are outside input: a duplicate, a
 * late or an impossible one is ignored with one of the `IGNORED_*` codes instead of throwing,
 * and the execution engine counts it.
 */
export const ApplyOutcome = {
  /** The event was applied. */
  APPLIED: 'APPLIED',
  /** Applied; a fill or update arrived before the venue's accept, which it implies. */
  APPLIED_IMPLICIT_ACCEPT: 'APPLIED_IMPLICIT_ACCEPT',
  /**
   * Applied; a fill for an order already canceled, expired or rejected. The venue executed it
   * before the cancel took effect (a race), so it is real and must reach the position; the
   * order keeps its terminal status.
   */
  APPLIED_LATE_FILL: 'APPLIED_LATE_FILL',
  /** Ignored: a fill whose trade id this order already has. */
  IGNORED_DUPLICATE_FILL: 'IGNORED_DUPLICATE_FILL',
  /** Ignored: a fill that would take the filled quantity past the order quantity. */
  IGNORED_OVERFILL: 'IGNORED_OVERFILL',
  /** Ignored: the order is already in the status this report announces (accepted twice). */
  IGNORED_DUPLICATE: 'IGNORED_DUPLICATE',
  /** Ignored: the report is older than what the order already knows (accepted after a fill). */
  IGNORED_STALE: 'IGNORED_STALE',
  /** Ignored: the order is done (filled, canceled, expired, rejected, denied). */
  IGNORED_TERMINAL: 'IGNORED_TERMINAL',
  /** Ignored: the event makes no sense for this order (a fill of an order never sent). */
  IGNORED_INVALID: 'IGNORED_INVALID',
} as const;
export type ApplyOutcome = (typeof ApplyOutcome)[keyof typeof ApplyOutcome];

/** True when the event changed the order (and must be published). */
export const wasApplied = (outcome: ApplyOutcome): boolean =>
  outcome === ApplyOutcome.APPLIED ||
  outcome === ApplyOutcome.APPLIED_IMPLICIT_ACCEPT ||
  outcome === ApplyOutcome.APPLIED_LATE_FILL;
