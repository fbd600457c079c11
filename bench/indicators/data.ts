/**
 * The data of the indicator benchmarks: 1,000,000 seeded random-walk bars (the same generator
 * and parameters as the backtest benchmarks), converted once, untimed, into the shapes each
 * contender takes: Float64Array columns (ours and the plain loops), plain `number[]`
 * (indicatorts' declared input type) and, on demand, one `{ high, low, close }` object per bar
 * (trading-signals' ATR keeps a reference to the previous candle, so it cannot be fed one reused
 * mutable object). The candle objects are built only for the one measurement that needs them:
 * a million live objects make every forced garbage collection between repetitions cost ~0.1 s.
 */
import { benchBars } from '../bench-data.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';

/** Values per timed run. */
export const INDICATOR_VALUES = 1_000_000;
/** Seed of the random walk. */
export const INDICATOR_SEED = 42;

export interface OhlcvColumns {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** A bar as trading-signals' ATR reads it. */
export interface HlcCandle {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface IndicatorData {
  readonly count: number;
  readonly columns: OhlcvColumns;
  /** The same columns as plain arrays, for indicatorts. */
  readonly arrays: { readonly high: number[]; readonly low: number[]; readonly close: number[] };
}

/** `count` bars of the benchmark random walk (1-minute bars from 100, volatility 0.001 per bar). */
export function indicatorData(count = INDICATOR_VALUES, seed = INDICATOR_SEED): IndicatorData {
  const bars = benchBars(instrumentId('IND', 'SIM'), count, seed);
  const columns: OhlcvColumns = {
    open: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
    close: new Float64Array(count),
    volume: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    const bar = bars[i];
    columns.open[i] = bar.openValue;
    columns.high[i] = bar.highValue;
    columns.low[i] = bar.lowValue;
    columns.close[i] = bar.closeValue;
    columns.volume[i] = bar.volumeValue;
  }
  const arrays = {
    high: Array.from(columns.high),
    low: Array.from(columns.low),
    close: Array.from(columns.close),
  };
  return { count, columns, arrays };
}

/** One immutable `{ high, low, close }` object per bar (untimed; drop it after use). */
export function hlcCandles(columns: OhlcvColumns): HlcCandle[] {
  return Array.from({ length: columns.close.length }, (_, i) => ({
    high: columns.high[i],
    low: columns.low[i],
    close: columns.close[i],
  }));
}
