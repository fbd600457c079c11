/**
 * Streaming loops over our indicators. Each indicator has its own loop function, written out
 * rather than shared or made by a factory (closures of one function literal share V8's type
 * feedback): its `update` call site then sees one class only, as in a strategy holding that
 * indicator. A shared loop turns polymorphic, then megamorphic, and bills the later indicators
 * for the earlier ones. Candle indicators get one reused mutable candle filled per value, as the
 * kernel does.
 */
import type { Candle, Indicator } from '../../src/indicators/indicator.js';
import type { IndicatorCaseName } from './cases.js';
import type { OhlcvColumns } from './data.js';

type CloseIndicator = Indicator<number, unknown>;
type CandleIndicator = Indicator<Candle, unknown>;
/** Feeds every value to the indicator and returns its final value. */
export type OursLoop<I> = (indicator: I, columns: OhlcvColumns) => unknown;

interface MutableCandle {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  time: number;
}

const MINUTE_US = 60_000_000;

function fill(candle: MutableCandle, c: OhlcvColumns, i: number): MutableCandle {
  candle.open = c.open[i];
  candle.high = c.high[i];
  candle.low = c.low[i];
  candle.close = c.close[i];
  candle.volume = c.volume[i];
  candle.time = i * MINUTE_US;
  return candle;
}

function newCandle(): MutableCandle {
  return { open: 0, high: 0, low: 0, close: 0, volume: 0, time: 0 };
}

const CLOSE_LOOPS: Partial<Record<IndicatorCaseName, OursLoop<CloseIndicator>>> = {
  sma: (indicator, { close }) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i]);
    return indicator.value;
  },
  ema: (indicator, { close }) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i]);
    return indicator.value;
  },
  rsi: (indicator, { close }) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i]);
    return indicator.value;
  },
  macd: (indicator, { close }) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i]);
    return indicator.value;
  },
  bbands: (indicator, { close }) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i]);
    return indicator.value;
  },
};

const CANDLE_LOOPS: Partial<Record<IndicatorCaseName, OursLoop<CandleIndicator>>> = {
  atr: (indicator, columns) => {
    const candle = newCandle();
    for (let i = 0; i < columns.close.length; i++) indicator.update(fill(candle, columns, i));
    return indicator.value;
  },
};

/** Fallbacks should the catalog give an indicator an unexpected input kind (shared: may be polymorphic). */
const anyCloseLoop: OursLoop<CloseIndicator> = (indicator, { close }) => {
  for (let i = 0; i < close.length; i++) indicator.update(close[i]);
  return indicator.value;
};
const anyCandleLoop: OursLoop<CandleIndicator> = (indicator, columns) => {
  const candle = newCandle();
  for (let i = 0; i < columns.close.length; i++) indicator.update(fill(candle, columns, i));
  return indicator.value;
};

/** The loop that streams `name` with the given input kind. */
export function oursLoop(
  name: IndicatorCaseName,
  input: 'close' | 'candle',
): OursLoop<Indicator<number, unknown> | Indicator<Candle, unknown>> {
  if (input === 'close') {
    const loop = CLOSE_LOOPS[name] ?? anyCloseLoop;
    return (indicator, columns) => loop(indicator as CloseIndicator, columns);
  }
  const loop = CANDLE_LOOPS[name] ?? anyCandleLoop;
  return (indicator, columns) => loop(indicator as CandleIndicator, columns);
}
