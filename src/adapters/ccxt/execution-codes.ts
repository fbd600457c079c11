/**
 * Stable codes of the refusals the ccxt execution client makes itself. Refusals by the venue
 * carry the venue's own code instead (Binance: `-2010`, `-1013`, `-2011`...), as a string.
 */
export const CcxtExecutionCode = {
  /** `start()` has not finished (or `stop()` was called): nothing can be sent. */
  NOT_CONNECTED: 'NOT_CONNECTED',
  /** The order's instrument is not a market of the exchange. */
  UNKNOWN_INSTRUMENT: 'UNKNOWN_INSTRUMENT',
  /** A time in force the venue does not have (Binance spot: DAY, GTD). */
  UNSUPPORTED_TIME_IN_FORCE: 'UNSUPPORTED_TIME_IN_FORCE',
  /** An order feature the venue does not have (Binance spot: reduce-only). */
  UNSUPPORTED_ORDER: 'UNSUPPORTED_ORDER',
  /** ccxt refused the order before sending it (e.g. an order type the market does not list). */
  INVALID_ORDER: 'INVALID_ORDER',
  /** The submit request failed on the network and the venue has no order with our client id. */
  SUBMIT_NOT_RECEIVED: 'SUBMIT_NOT_RECEIVED',
  /** The cancel request failed on the network and the order is still working at the venue. */
  CANCEL_NOT_RECEIVED: 'CANCEL_NOT_RECEIVED',
  /** ccxt failed in a way that is neither the venue's answer nor the network (message in the reason). */
  CLIENT_ERROR: 'CLIENT_ERROR',
} as const;
export type CcxtExecutionCode = (typeof CcxtExecutionCode)[keyof typeof CcxtExecutionCode];
