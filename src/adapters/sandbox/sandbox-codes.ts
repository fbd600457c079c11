/**
 * Stable codes of the sandbox's own refusals (OrderRejected, OrderModifyRejected,
 * OrderCancelRejected). Refusals of the matching core keep its codes (`BookReason`:
 * PRICE_OFF_TICK, QUANTITY_OFF_LOT, UNKNOWN_ORDER, NOT_MODIFIABLE, ...).
 */
export const SandboxCode = {
  UNKNOWN_INSTRUMENT: 'UNKNOWN_INSTRUMENT',
  PRICE_OFF_TICK: 'PRICE_OFF_TICK',
  QUANTITY_OFF_LOT: 'QUANTITY_OFF_LOT',
  /** A required price or expiry is missing, or the order type cannot carry what was given. */
  INVALID_ORDER: 'INVALID_ORDER',
  /** GTD with an expiry at or before now. */
  EXPIRE_TIME_IN_PAST: 'EXPIRE_TIME_IN_PAST',
  /** A reduce-only order that would open or grow a position. */
  REDUCE_ONLY_WOULD_INCREASE: 'REDUCE_ONLY_WOULD_INCREASE',
  /** Cancel or modify of an order the sandbox never had or that is done. */
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
  /** Quantity not above what has filled. */
  INVALID_QUANTITY: 'INVALID_QUANTITY',
} as const;
export type SandboxCode = (typeof SandboxCode)[keyof typeof SandboxCode];
