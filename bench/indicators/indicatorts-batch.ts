/**
 * The batch peer: indicatorts v2 functions over whole arrays, given plain `number[]` columns
 * (its declared input type). Returns the final value of each output, named like ours.
 */
import { atr, bb, ema, macd, rsi, sma } from 'indicatorts';
import type { IndicatorCaseName } from './cases.js';
import type { IndicatorData } from './data.js';
import type { Outputs } from './outputs.js';

type BatchRun = (args: readonly number[], data: IndicatorData) => Outputs;

function last(values: readonly number[]): number {
  return values.length === 0 ? NaN : values[values.length - 1];
}

export const INDICATORTS_BATCH: Record<IndicatorCaseName, BatchRun> = {
  sma: ([period], { arrays }) => ({ value: last(sma(arrays.close, { period })) }),
  ema: ([period], { arrays }) => ({ value: last(ema(arrays.close, { period })) }),
  rsi: ([period], { arrays }) => ({ value: last(rsi(arrays.close, { period })) }),
  macd: ([fast, slow, signal], { arrays }) => {
    const r = macd(arrays.close, { fast, slow, signal });
    return { macd: last(r.macdLine), signal: last(r.signalLine) };
  },
  // indicatorts has no multiplier option: its bands are always 2 standard deviations wide.
  bbands: ([period], { arrays }) => {
    const r = bb(arrays.close, { period });
    return { upper: last(r.upper), middle: last(r.middle), lower: last(r.lower) };
  },
  atr: ([period], { arrays }) => ({
    value: last(atr(arrays.high, arrays.low, arrays.close, { period }).atrLine),
  }),
};
