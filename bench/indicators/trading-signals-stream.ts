/**
 * The streaming peer: trading-signals v8 on the same values, one `update(value, false)` per
 * value (what its `add` does). Like ours, each indicator has its own written-out loop so its
 * call site stays monomorphic. Its ATR keeps a reference to the previous candle, so it is fed
 * immutable candle objects built before timing (this spares it one allocation per update).
 */
import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'trading-signals';
import type { IndicatorCaseName } from './cases.js';
import { hlcCandles, type HlcCandle, type IndicatorData } from './data.js';
import { toOutputs, type Outputs } from './outputs.js';

/** Prepares the peer's input once (untimed), builds a fresh indicator (untimed) and streams all values through it (timed). */
export interface PeerStream<S, I> {
  input(data: IndicatorData): I;
  create(args: readonly number[]): S;
  run(indicator: S, input: I): Outputs;
}

const closes = (data: IndicatorData): Float64Array => data.columns.close;

const sma: PeerStream<SMA, Float64Array> = {
  input: closes,
  create: ([period]) => new SMA(period),
  run: (indicator, close) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i], false);
    return toOutputs(indicator.getResult());
  },
};

const ema: PeerStream<EMA, Float64Array> = {
  input: closes,
  create: ([period]) => new EMA(period),
  run: (indicator, close) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i], false);
    return toOutputs(indicator.getResult());
  },
};

const rsi: PeerStream<RSI, Float64Array> = {
  input: closes,
  create: ([period]) => new RSI(period),
  run: (indicator, close) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i], false);
    return toOutputs(indicator.getResult());
  },
};

const macd: PeerStream<MACD, Float64Array> = {
  input: closes,
  create: ([fast, slow, signal]) => new MACD(new EMA(fast), new EMA(slow), new EMA(signal)),
  run: (indicator, close) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i], false);
    return toOutputs(indicator.getResult());
  },
};

const bbands: PeerStream<BollingerBands, Float64Array> = {
  input: closes,
  create: ([period, multiplier]) => new BollingerBands(period, multiplier),
  run: (indicator, close) => {
    for (let i = 0; i < close.length; i++) indicator.update(close[i], false);
    return toOutputs(indicator.getResult());
  },
};

const atr: PeerStream<ATR, readonly HlcCandle[]> = {
  input: (data) => hlcCandles(data.columns),
  create: ([period]) => new ATR(period),
  run: (indicator, candles) => {
    for (let i = 0; i < candles.length; i++) indicator.update(candles[i], false);
    return toOutputs(indicator.getResult());
  },
};

export const TRADING_SIGNALS_STREAMS: Record<IndicatorCaseName, PeerStream<unknown, unknown>> = {
  sma,
  ema,
  rsi,
  macd,
  bbands,
  atr,
};
