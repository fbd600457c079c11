/** Shared set-up of the risk engine's tests (not a test file itself). */
import { TestClock } from '../core/clock.js';
import { unwrap } from '../core/result.js';
import { instrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import { parseStrategyId } from '../model/identifiers/order-ids.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import type { OrderSpec } from '../model/orders/order.js';
import type { OrderSide, OrderType } from '../model/orders/order-enums.js';
import { currency } from '../model/types/currency.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { InMemoryRiskView } from './in-memory-risk-view.js';
import { RiskEngine } from './risk-engine.js';
import { parseRiskConfig, type RiskConfigInput } from './risk-limits.js';

export const USD = currency('USD');
export const EUR = currency('EUR');
/** Tick 0.01, lot 1. */
export const X = instrumentId('X', 'SIM');
/** Tick 0.01, lot 1. */
export const Y = instrumentId('Y', 'SIM');
/** Tick 0.1, lot 0.001 (a crypto-like instrument). */
export const C = instrumentId('C', 'SIM');
/** Tick 0.01, lot 1, no last price. */
export const Z = instrumentId('Z', 'SIM');
/** Quoted in EUR. */
export const E = instrumentId('E', 'SIM');
export const S1 = unwrap(parseStrategyId('S-1'));
export const S2 = unwrap(parseStrategyId('S-2'));
export const S3 = unwrap(parseStrategyId('S-3'));

/** Wednesday 2024-01-03 15:00:00 UTC, µs. */
export const WEDNESDAY_15H = Date.UTC(2024, 0, 3, 15) * 1000;

/** An engine over an in-memory view: 1 000 000.00 USD cash, X and Y at 100.00, C at 20 000.0, Z unpriced. */
export function setup(config: RiskConfigInput, cashRaw = 100_000_000, startUs = WEDNESDAY_15H) {
  const clock = new TestClock(startUs);
  const view = new InMemoryRiskView(USD, cashRaw);
  view.addInstrument(simpleInstrument(X, USD, 2, 0));
  view.addInstrument(simpleInstrument(Y, USD, 2, 0));
  view.addInstrument({ ...simpleInstrument(C, USD, 1, 3), lotSize: Quantity.parse('0.001') });
  view.addInstrument(simpleInstrument(E, EUR, 2, 0));
  view.addInstrument(simpleInstrument(Z, USD, 2, 0));
  view.setLastPrice(X, Price.parse('100.00'));
  view.setLastPrice(Y, Price.parse('100.00'));
  view.setLastPrice(C, Price.parse('20000.0'));
  const engine = new RiskEngine(parseRiskConfig(config), clock, view);
  return { clock, view, engine };
}

/** An order spec: LIMIT when a price is given, MARKET otherwise. */
export function order(
  side: OrderSide,
  quantity: string,
  price?: string,
  id: InstrumentId = X,
  type: OrderType = price === undefined ? 'MARKET' : 'LIMIT',
): OrderSpec {
  return {
    instrumentId: id,
    side,
    type,
    quantity: Quantity.parse(quantity),
    ...(price === undefined ? {} : { price: Price.parse(price) }),
  };
}
