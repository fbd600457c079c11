/**
 * The indicator library's public surface: every streaming indicator, the batch runner, the
 * rolling helpers and the catalog behind `quantflow ta`. Re-exported by the package barrel.
 */
export type { Indicator, Candle, ScalarIndicator, CandleIndicator, BatchFastPath } from './indicator.js';
export { runIndicator, type BatchResult, type CandleColumns } from './batch.js';
export { INDICATOR_CATALOG } from './catalog/index.js';
// Moving averages
export { Sma } from './trend/sma.js';
export { Ema } from './trend/ema.js';
export { Wma } from './trend/wma.js';
export { Dema } from './trend/dema.js';
export { Tema } from './trend/tema.js';
export { Hma } from './trend/hma.js';
export { Zlema } from './trend/zlema.js';
export { Kama } from './trend/kama.js';
export { Vwma } from './trend/vwma.js';
// Momentum
export { Rsi } from './momentum/rsi.js';
export { Macd, type MacdValue } from './momentum/macd.js';
export { Stochastic, type StochasticValue } from './momentum/stochastic.js';
export { StochRsi, type StochRsiValue } from './momentum/stoch-rsi.js';
export { WilliamsR } from './momentum/williams-r.js';
export { Cci } from './momentum/cci.js';
export { Roc } from './momentum/roc.js';
export { Momentum } from './momentum/momentum.js';
export { Trix, type TrixValue } from './momentum/trix.js';
export { Kst, type KstValue } from './momentum/kst.js';
// Volatility and trend strength
export { Bollinger, type BollingerValue } from './volatility/bollinger.js';
export { Keltner, type KeltnerValue } from './volatility/keltner.js';
export { Donchian, type DonchianValue } from './volatility/donchian.js';
export { Atr, Natr } from './volatility/atr.js';
export { TrueRange } from './volatility/true-range.js';
export { StdDev } from './volatility/std-dev.js';
export { Adx, type AdxValue } from './volatility/adx.js';
export { Aroon, type AroonValue } from './volatility/aroon.js';
export { ParabolicSar, type ParabolicSarOptions } from './volatility/parabolic-sar.js';
export { Ichimoku, type IchimokuValue } from './volatility/ichimoku.js';
export { SuperTrend, type SuperTrendValue } from './volatility/supertrend.js';
// Volume
export { Obv } from './volume/obv.js';
export { Mfi } from './volume/mfi.js';
export { Cmf } from './volume/cmf.js';
export { AccumulationDistribution } from './volume/accumulation-distribution.js';
export { WilliamsAd } from './volume/williams-ad.js';
export { RollingVwap } from './volume/rolling-vwap.js';
export { SessionVwap } from './volume/session-vwap.js';
// Rolling helpers and crossings
export { RollingSum } from './helpers/rolling-sum.js';
export { RollingMean } from './helpers/rolling-mean.js';
export { RollingMin, RollingMax } from './helpers/rolling-min-max.js';
export { Cross, crossedAbove, crossedBelow, type CrossEvent } from './helpers/cross.js';
