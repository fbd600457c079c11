/** Bar aggregation: trades or quotes into time, tick, volume and value bars. See docs/bar-aggregation.md. */
export { BarAggregator, QuotePrice, type BarAggregatorOptions, type BarHandler } from './bar-aggregator.js';
export { formatBarSpec, parseBarSpec, type BarSpec, type BarSpecKind, type ExactDecimal } from './bar-spec.js';
export { createBarAggregator } from './create-bar-aggregator.js';
export { TickBarAggregator, ValueBarAggregator, VolumeBarAggregator } from './threshold-bar-aggregators.js';
export { TimeBarAggregator, type TimeBarOptions } from './time-bar-aggregator.js';
