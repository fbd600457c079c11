import type { BatchFastPath, Candle, Indicator } from './indicator.js';

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
  const fast = (indicator as Partial<BatchFastPath<typeof input>>).updateEach;
  if (typeof fast === 'function') {
    const n = isColumns(input) ? input.close.length : input.length;
    const value = indicator.value;
    const fields = typeof value === 'number' ? ['value'] : Object.keys(value as object);
    const columns = fields.map(() => uninitializedColumn(n));
    fast.call(indicator, input, columns);
    return Object.fromEntries(fields.map((field, f) => [field, columns[f]]));
  }
  const writer = new ColumnWriter(indicator);
  if (isColumns(input)) {
    const candleIndicator = indicator as Indicator<Candle, unknown>;
    const { open, high, low, close, volume, time } = input;
    const candle = { open: 0, high: 0, low: 0, close: 0, volume: 0, time: 0 };
    const n = close.length;
    for (let i = 0; i < n; i++) {
      candle.open = open[i];
      candle.high = high[i];
      candle.low = low[i];
      candle.close = close[i];
      candle.volume = volume[i];
      candle.time = time === undefined ? 0 : time[i];
      writer.write(i, n, candleIndicator.update(candle));
    }
    return writer.finish(n);
  }
  const scalarIndicator = indicator as Indicator<number, unknown>;
  const n = input.length;
  for (let i = 0; i < n; i++) writer.write(i, n, scalarIndicator.update(input[i]));
  return writer.finish(n);
}

/** Stores each output in its column; rows before the indicator is ready become NaN at the end. */
class ColumnWriter {
  #fields: string[] = [];
  #columns: Float64Array[] = [];
  #scalar: Float64Array | undefined;
  /** First row at which the indicator was ready (readiness never goes back). */
  #readyFrom = -1;

  constructor(private readonly indicator: { readonly isReady: boolean }) {}

  write(i: number, n: number, value: unknown): void {
    if (i === 0) this.#allocate(n, value);
    if (this.#readyFrom < 0 && this.indicator.isReady) this.#readyFrom = i;
    const scalar = this.#scalar;
    if (scalar !== undefined) {
      scalar[i] = value as number;
      return;
    }
    const fields = this.#fields;
    const columns = this.#columns;
    for (let f = 0; f < fields.length; f++) columns[f][i] = (value as Record<string, number>)[fields[f]];
  }

  finish(n: number): BatchResult {
    const notReady = this.#readyFrom < 0 ? n : this.#readyFrom;
    const result: BatchResult = {};
    this.#fields.forEach((field, f) => {
      this.#columns[f].fill(NaN, 0, notReady);
      result[field] = this.#columns[f];
    });
    return result;
  }

  #allocate(n: number, value: unknown): void {
    this.#fields = typeof value === 'number' ? ['value'] : Object.keys(value as object);
    this.#columns = this.#fields.map(() => uninitializedColumn(n));
    this.#scalar = typeof value === 'number' ? this.#columns[0] : undefined;
  }
}

/** Node's Buffer, looked up so the module also type-checks and runs where there is none (the dashboard). */
const NODE_BUFFER = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer;

/**
 * A column of `n` doubles that is about to be written in full. Under Node its memory is not
 * zeroed first: zeroing 8 MB per million rows, then writing them all again, cost a third of a
 * fast indicator's batch time (SMA) and made it jitter. Elsewhere (a browser) it is a plain
 * `Float64Array`.
 */
function uninitializedColumn(n: number): Float64Array {
  if (NODE_BUFFER === undefined) return new Float64Array(n);
  const bytes = NODE_BUFFER.allocUnsafeSlow(n * Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}

function isColumns(input: ArrayLike<number> | CandleColumns): input is CandleColumns {
  return typeof (input as CandleColumns).close === 'object';
}
