/**
 * QuantFlow's public API: what strategy files and embedding programs import from
 * `quantflow`.
 */
export { TestClock, LiveClock, US, formatTimestampUs, type Clock } from './core/clock.js';
export { InputError } from './core/input-error.js';
export { ok, err, type Result } from './core/result.js';
export { Price } from './model/types/price.js';
export { Quantity } from './model/types/quantity.js';
export { Money } from './model/types/money.js';
export { currency, type Currency } from './model/types/currency.js';
export { parseInstrumentId, instrumentId, type InstrumentId } from './model/identifiers/instrument-id.js';
export type { ClientOrderId, VenueOrderId, StrategyId, TradeId } from './model/identifiers/order-ids.js';
export { simpleInstrument, type Instrument } from './model/instruments/instrument.js';
export { Bar } from './model/data/bar.js';
export { QuoteTick } from './model/data/quote-tick.js';
export { TradeTick } from './model/data/trade-tick.js';
export { OrderSide, OrderType, TimeInForce, LiquiditySide } from './model/orders/order-enums.js';
export { OrderStatus } from './model/orders/order-status.js';
export { Order, type OrderSpec } from './model/orders/order.js';
export type { OrderEvent, OrderFilled } from './model/events/order-events.js';
export * from './indicators/index.js';
export * from './matching/book/book-types.js';
export { OrderBook } from './matching/book/order-book.js';
export {
  L2Feed,
  l2Snapshot,
  l2Deltas,
  applyL2Deltas,
  type L2Snapshot,
  type L2Delta,
} from './matching/book/l2-feed.js';
export { Strategy, type StrategyClass, type OrderOptions } from './strategy/strategy.js';
export { BUILTIN_STRATEGIES } from './strategy/builtin/registry.js';
export { Kernel, type KernelConfig, type Environment } from './system/kernel.js';
export { BacktestEngine, type BacktestConfig, type BacktestResult } from './backtest/backtest-engine.js';
export { FillMode } from './backtest/fill-mode.js';
export { readBarsCsv, parseBarsCsv } from './adapters/csv/bar-csv-reader.js';
export { generateRandomWalkBars } from './data/generators/random-walk-bars.js';
export { computeMetrics } from './portfolio/metrics/compute-metrics.js';
export type { PerformanceMetrics } from './portfolio/metrics/performance-metrics.js';
