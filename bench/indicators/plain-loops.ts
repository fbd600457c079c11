/**
 * Hand-written loops computing each indicator over the columns: local variables, running sums
 * and ring buffers, no classes, no validation, no `replace` bookkeeping. They are the floor of
 * what one update can cost in JavaScript, the "aim" of the streaming benchmarks. Definitions
 * follow TTR like ours (averages seeded with the mean of the first `period` inputs), and the
 * running sums are re-summed from the window every `period` values, as ours are, against drift.
 */
import type { OhlcvColumns } from './data.js';
import type { Outputs } from './outputs.js';

export function plainSma(columns: OhlcvColumns, period: number): Outputs {
  const close = columns.close;
  const window = new Float64Array(period);
  let sum = 0;
  let pos = 0;
  let value = NaN;
  for (let i = 0; i < close.length; i++) {
    const x = close[i];
    sum += x - window[pos];
    window[pos] = x;
    if (++pos === period) {
      pos = 0;
      sum = 0;
      for (let k = 0; k < period; k++) sum += window[k];
    }
    if (i >= period - 1) value = sum / period;
  }
  return { value };
}

export function plainEma(columns: OhlcvColumns, period: number): Outputs {
  const close = columns.close;
  const alpha = 2 / (period + 1);
  let value = 0;
  const n = Math.min(period, close.length);
  for (let i = 0; i < n; i++) value += close[i];
  value = n === period ? value / period : NaN;
  for (let i = period; i < close.length; i++) value += alpha * (close[i] - value);
  return { value };
}

export function plainRsi(columns: OhlcvColumns, period: number): Outputs {
  const close = columns.close;
  let avgGain = 0;
  let avgLoss = 0;
  let value = NaN;
  for (let i = 1; i < close.length; i++) {
    const change = close[i] - close[i - 1];
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (i <= period) {
      avgGain += gain / period;
      avgLoss += loss / period;
      if (i < period) continue;
    } else {
      avgGain += (gain - avgGain) / period;
      avgLoss += (loss - avgLoss) / period;
    }
    const total = avgGain + avgLoss;
    value = total === 0 ? 50 : (100 * avgGain) / total;
  }
  return { value };
}

export function plainMacd(columns: OhlcvColumns, fast: number, slow: number, signal: number): Outputs {
  const close = columns.close;
  const aFast = 2 / (fast + 1);
  const aSlow = 2 / (slow + 1);
  const aSignal = 2 / (signal + 1);
  let emaFast = 0;
  let emaSlow = 0;
  let sig = 0;
  let macd = NaN;
  let histogram = NaN;
  let signalCount = 0;
  for (let i = 0; i < close.length; i++) {
    const x = close[i];
    if (i < fast) {
      emaFast += x;
      if (i === fast - 1) emaFast /= fast;
    } else emaFast += aFast * (x - emaFast);
    if (i < slow) {
      emaSlow += x;
      if (i < slow - 1) continue;
      emaSlow /= slow;
    } else emaSlow += aSlow * (x - emaSlow);
    macd = emaFast - emaSlow;
    if (signalCount < signal) {
      sig += macd;
      if (++signalCount < signal) continue;
      sig /= signal;
    } else sig += aSignal * (macd - sig);
    histogram = macd - sig;
  }
  return { macd, signal: signalCount === signal ? sig : NaN, histogram };
}

export function plainBollinger(columns: OhlcvColumns, period: number, k: number): Outputs {
  const close = columns.close;
  const window = new Float64Array(period);
  let sum = 0;
  let sumSq = 0;
  let pos = 0;
  let upper = NaN;
  let middle = NaN;
  let lower = NaN;
  for (let i = 0; i < close.length; i++) {
    const x = close[i];
    const old = window[pos];
    sum += x - old;
    sumSq += x * x - old * old;
    window[pos] = x;
    if (++pos === period) {
      pos = 0;
      sum = sumSq = 0;
      for (let j = 0; j < period; j++) {
        sum += window[j];
        sumSq += window[j] * window[j];
      }
    }
    if (i >= period - 1) {
      middle = sum / period;
      const variance = sumSq / period - middle * middle;
      const width = k * Math.sqrt(variance > 0 ? variance : 0);
      upper = middle + width;
      lower = middle - width;
    }
  }
  return { upper, middle, lower };
}

/** Wilder's ATR as TTR defines it: the first bar has no true range; seeded with the mean of the first `period`. */
export function plainAtr(columns: OhlcvColumns, period: number): Outputs {
  const { high, low, close } = columns;
  let atr = 0;
  let value = NaN;
  for (let i = 1; i < close.length; i++) {
    const prev = close[i - 1];
    const h = high[i] > prev ? high[i] : prev;
    const l = low[i] < prev ? low[i] : prev;
    const tr = h - l;
    if (i <= period) {
      atr += tr;
      if (i < period) continue;
      atr /= period;
    } else atr += (tr - atr) / period;
    value = atr;
  }
  return { value };
}
