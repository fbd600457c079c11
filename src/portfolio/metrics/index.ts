/** Backtest performance metrics: pure functions from a recorded backtest to a summary. */
export type { BenchmarkSeries, ClosedTrade, EquityCurve, MetricsInput } from './metrics-input.js';
export type { PerformanceMetrics } from './performance-metrics.js';
export { computeMetrics } from './compute-metrics.js';
export { formatMetricsTable } from './format-metrics.js';
