/**
 * Stable codes of the risk engine's denials. The node copies them into the `OrderDenied` event
 * (`code`), so strategies, the journal and the dashboard can act on them; the wording of the
 * `reason` may change, the codes do not.
 */
export const RiskCode = {
  /** The engine is HALTED (circuit breaker, kill switch or operator): nothing passes. */
  HALTED: 'RISK_HALTED',
  /** The engine is REDUCING: only orders that shrink a position without flipping it pass. */
  REDUCING_ONLY: 'RISK_REDUCING_ONLY',
  /** The view does not know the instrument, so nothing about the order can be measured. */
  UNKNOWN_INSTRUMENT: 'RISK_UNKNOWN_INSTRUMENT',
  /** A limit needs a price and the order has none (market order) and there is no last price. */
  NO_PRICE: 'RISK_NO_PRICE',
  /** A money limit is configured and the instrument is quoted in another currency than the account. */
  CURRENCY_MISMATCH: 'RISK_CURRENCY_MISMATCH',
  MAX_ORDER_QTY: 'RISK_MAX_ORDER_QTY',
  MAX_NOTIONAL: 'RISK_MAX_NOTIONAL',
  MAX_POSITION: 'RISK_MAX_POSITION',
  CONCENTRATION: 'RISK_CONCENTRATION',
  MAX_OPEN_ORDERS: 'RISK_MAX_OPEN_ORDERS',
  GROSS_EXPOSURE: 'RISK_GROSS_EXPOSURE',
  NET_EXPOSURE: 'RISK_NET_EXPOSURE',
  PRICE_BAND: 'RISK_PRICE_BAND',
  RATE_LIMIT: 'RISK_RATE_LIMIT',
  TRADING_HOURS: 'RISK_TRADING_HOURS',
  BUYING_POWER: 'RISK_BUYING_POWER',
} as const;
export type RiskCode = (typeof RiskCode)[keyof typeof RiskCode];

/** Why the risk engine refused an order: a stable code and a sentence naming the value and the limit. */
export interface RiskDenial {
  readonly code: RiskCode;
  readonly reason: string;
}

/**
 * The trading state of a node. ACTIVE: every rule applies, orders may pass. REDUCING: only orders
 * that reduce an existing position (without flipping it) may pass. HALTED: no order passes.
 */
export const RiskState = { ACTIVE: 'ACTIVE', REDUCING: 'REDUCING', HALTED: 'HALTED' } as const;
export type RiskState = (typeof RiskState)[keyof typeof RiskState];

/** What moved the engine to a new state. */
export const RiskCause = {
  DAILY_LOSS: 'DAILY_LOSS',
  DRAWDOWN: 'DRAWDOWN',
  KILL_SWITCH: 'KILL_SWITCH',
  /** `halt`, `reduceOnly` or `resume` called by the operator or the node. */
  MANUAL: 'MANUAL',
} as const;
export type RiskCause = (typeof RiskCause)[keyof typeof RiskCause];

/** The engine changed state. Published to state listeners; the node forwards it to the user. */
export interface RiskStateChanged {
  readonly type: 'RiskStateChanged';
  readonly previous: RiskState;
  readonly state: RiskState;
  readonly cause: RiskCause;
  readonly reason: string;
  /**
   * True when the node should close every open position now (a kill switch, or a circuit breaker
   * with `flattenOnTrip`). The engine sends nothing itself: it has no I/O.
   */
  readonly flatten: boolean;
  /** When, µs (the engine's clock). */
  readonly tsEvent: number;
}
