/**
 * A streaming indicator: O(1) work per `update`, a stated warm-up, and `value` valid once
 * `isReady`. Batch helpers ({@link ./batch.ts}) run this same code over arrays, so there is
 * one implementation of every formula.
 *
 * - `update(input)` appends an input (a closed bar's value) and returns the new value.
 * - `replace(input)` recomputes the latest value as if the most recent input had been
 *   `input` instead: a still-forming bar that changes several times before it closes.
 *   Before any update it behaves like `update`.
 * - Multi-output indicators return an object of named fields; that object is updated in
 *   place on every input (copy it to keep a value).
 * - Invalid arguments (a period of 0, NaN, a high below the low) throw a `RangeError` that
 *   names the indicator and the argument; valid input never yields NaN once ready.
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
  /** Replaces the most recent input (a still-forming bar) and returns the recomputed value. */
  replace(input: TInput): TValue;
  /** Forgets everything, back to the state before the first input. */
  reset(): void;
}

/**
 * Optional batch fast path of an indicator class: `update` over a whole series, in a loop
 * that belongs to that class alone. (A loop shared by every indicator sees many classes, so
 * the JIT cannot inline `update` into it; this one can.) `out` has one column per output
 * field, in the order of the fields of `value` (one column, `value`, for single outputs);
 * rows before the indicator is ready are NaN. It must write every row of every column: the
 * columns come uninitialized.
 */
export interface BatchFastPath<TSeries> {
  updateEach(series: TSeries, out: readonly Float64Array[]): void;
}

/** The numeric view of a bar that OHLC indicators read. */
export interface Candle {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Bar time, µs since the epoch (session indicators need it; 0 when unknown). */
  readonly time?: number;
}

/** An indicator of one number per input (closes, returns, ...). */
export type ScalarIndicator<TValue = number> = Indicator<number, TValue>;
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
