/** Stable codes for orders (and modifies) refused before they reach a venue. */
export const DenialCode = {
  UNKNOWN_INSTRUMENT: 'UNKNOWN_INSTRUMENT',
  NO_EXECUTION_CLIENT: 'NO_EXECUTION_CLIENT',
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  MISSING_PRICE: 'MISSING_PRICE',
  PRICE_OFF_TICK: 'PRICE_OFF_TICK',
  UNSUPPORTED_TIME_IN_FORCE: 'UNSUPPORTED_TIME_IN_FORCE',
  // Modify refusals (OrderModifyRejected raised by the engine itself).
  /** The order is not working (never submitted, or done). */
  ORDER_NOT_OPEN: 'ORDER_NOT_OPEN',
  /** A cancel of the order is in flight. */
  CANCEL_PENDING: 'CANCEL_PENDING',
  /** The venue's execution client cannot modify orders. */
  MODIFY_NOT_SUPPORTED: 'MODIFY_NOT_SUPPORTED',
  /** The change names nothing that differs from the order. */
  NOTHING_TO_MODIFY: 'NOTHING_TO_MODIFY',
  /** A price or trigger price the order type does not have. */
  INVALID_MODIFY: 'INVALID_MODIFY',
} as const;
export type DenialCode = (typeof DenialCode)[keyof typeof DenialCode];
