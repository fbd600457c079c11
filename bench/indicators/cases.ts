/**
 * The six indicators the benchmarks compare, with their catalog spec and what each contender
 * computes differently (seeding, smoothing), so that a difference in final values is explained.
 */

export type IndicatorCaseName = 'sma' | 'ema' | 'rsi' | 'macd' | 'bbands' | 'atr';

export interface IndicatorCase {
  /** Catalog name and entry-name suffix, e.g. `bbands` → `indicator-stream-bbands`. */
  readonly name: IndicatorCaseName;
  /** Catalog arguments. */
  readonly args: readonly number[];
  /** `bbands(20,2)`. */
  readonly label: string;
  /** How trading-signals' definition differs from TTR's (the definition ours follows). */
  readonly tradingSignalsNote: string;
  /** How indicatorts' definition differs. */
  readonly indicatortsNote: string;
}

export const INDICATOR_CASES: readonly IndicatorCase[] = [
  {
    name: 'sma',
    args: [20],
    label: 'sma(20)',
    tradingSignalsNote: 'same definition; trading-signals re-averages its 20-value array on every update',
    indicatortsNote:
      'same definition once 20 values are in; before that indicatorts outputs the running mean',
  },
  {
    name: 'ema',
    args: [20],
    label: 'ema(20)',
    tradingSignalsNote:
      'trading-signals seeds with the first value instead of the mean of the first 20 (the seed is forgotten long before the 1,000,000th value)',
    indicatortsNote: 'indicatorts seeds with the first value, like trading-signals',
  },
  {
    name: 'rsi',
    args: [14],
    label: 'rsi(14)',
    tradingSignalsNote:
      'same Wilder smoothing seeded with the mean of the first 14 changes; a window without any change gives 100 in trading-signals, 50 in ours',
    indicatortsNote:
      'indicatorts counts a zero change at the first value and seeds with expanding means (forgotten by the last value)',
  },
  {
    name: 'macd',
    args: [12, 26, 9],
    label: 'macd(12,26,9)',
    tradingSignalsNote:
      'EMAs seeded with the first value (trading-signals starts the signal EMA when the slow EMA has 26 values)',
    indicatortsNote:
      'EMAs seeded with the first value, signal line over the whole MACD line; no histogram (macd and signal are compared)',
  },
  {
    name: 'bbands',
    args: [20, 2],
    label: 'bbands(20,2)',
    tradingSignalsNote: 'same definition (population standard deviation over 20 values)',
    indicatortsNote: 'same definition; the multiplier is fixed at 2 in indicatorts',
  },
  {
    name: 'atr',
    args: [14],
    label: 'atr(14)',
    tradingSignalsNote:
      "same Wilder smoothing of the true range; trading-signals' first true range is high − low",
    indicatortsNote:
      'indicatorts smooths the true range with an SMA(14), not Wilder: its values differ by definition',
  },
];
