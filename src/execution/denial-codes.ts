/** Stable codes for orders refused before they reach a venue. */
export const DenialCode = {
  UNKNOWN_INSTRUMENT: 'UNKNOWN_INSTRUMENT',
  NO_EXECUTION_CLIENT: 'NO_EXECUTION_CLIENT',
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  MISSING_PRICE: 'MISSING_PRICE',
  PRICE_OFF_TICK: 'PRICE_OFF_TICK',
  UNSUPPORTED_TIME_IN_FORCE: 'UNSUPPORTED_TIME_IN_FORCE',
} as const;
export type DenialCode = (typeof DenialCode)[keyof typeof DenialCode];
