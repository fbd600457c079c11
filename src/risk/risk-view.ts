import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { StrategyId } from '../model/identifiers/order-ids.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { OrderSide } from '../model/orders/order-enums.js';
import type { Currency } from '../model/types/currency.js';
import type { Price } from '../model/types/price.js';

/**
 * What the risk engine reads about the present, implemented by the node over its cache, orders and
 * portfolio. Read-only and synchronous. Every amount is an exact integer: quantities raw at the
 * instrument's size precision, money raw at the account currency's precision.
 *
 * Where a method takes an optional `strategyId`, `undefined` means the whole node (all strategies)
 * and a strategy id means that strategy's own orders and positions. The engine only calls what
 * the configured limits need, so a node without per-strategy limits may answer per-strategy
 * questions with the node's figures.
 */
export interface RiskView {
  /** The currency equity, buying power, exposures and money limits are in. */
  readonly accountCurrency: Currency;
  instrument(id: InstrumentId): Instrument | undefined;
  /** The latest traded (or mid) price; undefined before the first one. */
  lastPrice(id: InstrumentId): Price | undefined;
  /** Signed position (> 0 long), raw at the instrument's size precision. */
  positionRaw(id: InstrumentId, strategyId?: StrategyId): number;
  /** Σ quantity still to fill of open orders on `side`, raw at the instrument's size precision. */
  openQuantityRaw(id: InstrumentId, side: OrderSide, strategyId?: StrategyId): number;
  /** Open orders (submitted and not yet done), optionally only in one instrument. */
  openOrderCount(strategyId?: StrategyId, instrumentId?: InstrumentId): number;
  /** Account equity (cash + market value of positions), raw. */
  equityRaw(): number;
  /** What new orders may still spend (cash or margin, less what open orders reserve), raw. */
  buyingPowerRaw(): number;
  /** Σ |market value| of open positions, raw. */
  grossExposureRaw(strategyId?: StrategyId): number;
  /** Σ signed market value of open positions (longs positive), raw. */
  netExposureRaw(strategyId?: StrategyId): number;
}
