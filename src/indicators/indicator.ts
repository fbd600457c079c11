/**
 * A streaming indicator: O(1) work per `update`, a stated warm-up, and `value` valid once
 * `isReady`. Batch helpers run this same code over arrays, so there is one implementation.
 */
export interface Indicator<TInput, TValue> {
  /** Short name with parameters, e.g. `sma(20)`. */
  readonly name: string;
  /** Number of inputs needed before `isReady` becomes true. */
  readonly warmup: number;
  readonly isReady: boolean;
  /** The latest output; `NaN` (or fields of `NaN`) before the indicator is ready. */
  readonly value: TValue;
  /** Feeds one input and returns the new value. */
  update(input: TInput): TValue;
  /** Forgets everything, back to the state before the first input. */
  reset(): void;
}

/** The numeric view of a bar that OHLC indicators read. */
export interface Candle {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** An indicator of one number per input (closes, returns, ...). */
export type ScalarIndicator = Indicator<number, number>;
/** An indicator of whole candles (ranges, volume). */
export type CandleIndicator<TValue = number> = Indicator<Candle, TValue>;

/** Runs a streaming indicator over an array: one output per input, `NaN` during warm-up. */
export function runBatch(indicator: ScalarIndicator, inputs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const v = indicator.update(inputs[i]);
    out[i] = indicator.isReady ? v : NaN;
  }
  return out;
}
