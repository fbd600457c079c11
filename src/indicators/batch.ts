import type { Candle, Indicator } from './indicator.js';

/** Columns of a bar series for batch runs (typed arrays or plain arrays, equal lengths). */
export interface CandleColumns {
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
  readonly time?: ArrayLike<number>;
}

/** One column per output field; `NaN` during warm-up. Scalar indicators have one field, `value`. */
export type BatchResult = Record<string, Float64Array>;

/**
 * Runs a streaming indicator over a series — the very same `update` code, so batch and
 * streaming results are identical. Inputs are numbers for scalar indicators, or
 * {@link CandleColumns} for candle indicators.
 */
export function runIndicator(
  indicator: Indicator<number, unknown> | Indicator<Candle, unknown>,
  input: ArrayLike<number> | CandleColumns,
): BatchResult {
  const n = isColumns(input) ? input.close.length : input.length;
  const columns: BatchResult = {};
  let fields: string[] | undefined;
  const candle = { open: 0, high: 0, low: 0, close: 0, volume: 0, time: 0 };
  for (let i = 0; i < n; i++) {
    let value: unknown;
    if (isColumns(input)) {
      candle.open = input.open[i];
      candle.high = input.high[i];
      candle.low = input.low[i];
      candle.close = input.close[i];
      candle.volume = input.volume[i];
      candle.time = input.time?.[i] ?? 0;
      value = (indicator as Indicator<Candle, unknown>).update(candle);
    } else {
      value = (indicator as Indicator<number, unknown>).update(input[i]);
    }
    if (fields === undefined) {
      fields = typeof value === 'number' ? ['value'] : Object.keys(value as object);
      for (const f of fields) columns[f] = new Float64Array(n);
    }
    const ready = indicator.isReady;
    if (typeof value === 'number') columns.value[i] = ready ? value : NaN;
    else for (const f of fields) columns[f][i] = ready ? (value as Record<string, number>)[f] : NaN;
  }
  return columns;
}

function isColumns(input: ArrayLike<number> | CandleColumns): input is CandleColumns {
  return typeof (input as CandleColumns).close === 'object';
}
