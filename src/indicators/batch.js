/**
 * Runs a streaming indicator over a series — the very same `update` code, so batch and
 * streaming results are identical. Inputs are numbers for scalar indicators, or
 * {@link CandleColumns} for candle indicators.
 */
export function runIndicator(indicator, input) {
  const fast = indicator.updateEach;
  if (typeof fast === 'function') {
    const n = isColumns(input) ? input.close.length : input.length;
    const value = indicator.value;
    const fields = typeof value === 'number' ? ['value'] : Object.keys(value);
    const columns = fields.map(() => uninitializedColumn(n));
    fast.call(indicator, input, columns);
    return Object.fromEntries(fields.map((field, f) => [field, columns[f]]));
  }
  const writer = new ColumnWriter(indicator);
  if (isColumns(input)) {
    const candleIndicator = indicator;
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
  const scalarIndicator = indicator;
  const n = input.length;
  for (let i = 0; i < n; i++) writer.write(i, n, scalarIndicator.update(input[i]));
  return writer.finish(n);
}
/** Stores each output in its column; rows before the indicator is ready become NaN at the end. */
class ColumnWriter {
  indicator;
  #fields = [];
  #columns = [];
  #scalar;
  /** First row at which the indicator was ready (readiness never goes back). */
  #readyFrom = -1;
  constructor(indicator) {
    this.indicator = indicator;
  }
  write(i, n, value) {
    if (i === 0) this.#allocate(n, value);
    if (this.#readyFrom < 0 && this.indicator.isReady) this.#readyFrom = i;
    const scalar = this.#scalar;
    if (scalar !== undefined) {
      scalar[i] = value;
      return;
    }
    const fields = this.#fields;
    const columns = this.#columns;
    for (let f = 0; f < fields.length; f++) columns[f][i] = value[fields[f]];
  }
  finish(n) {
    const notReady = this.#readyFrom < 0 ? n : this.#readyFrom;
    const result = {};
    this.#fields.forEach((field, f) => {
      this.#columns[f].fill(NaN, 0, notReady);
      result[field] = this.#columns[f];
    });
    return result;
  }
  #allocate(n, value) {
    this.#fields = typeof value === 'number' ? ['value'] : Object.keys(value);
    this.#columns = this.#fields.map(() => uninitializedColumn(n));
    this.#scalar = typeof value === 'number' ? this.#columns[0] : undefined;
  }
}
/** Node's Buffer, looked up so the module also type-checks and runs where there is none (the dashboard). */
const NODE_BUFFER = globalThis.Buffer;
/**
 * A column of `n` doubles that is about to be written in full. Under Node its memory is not
 * zeroed first: zeroing 8 MB per million rows, then writing them all again, cost a third of a
 * fast indicator's batch time (SMA) and made it jitter. Elsewhere (a browser) it is a plain
 * `Float64Array`.
 */
function uninitializedColumn(n) {
  if (NODE_BUFFER === undefined) return new Float64Array(n);
  const bytes = NODE_BUFFER.allocUnsafeSlow(n * Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}
function isColumns(input) {
  return typeof input.close === 'object';
}
//# sourceMappingURL=batch.js.map
