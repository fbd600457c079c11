/** The plain loop of each benchmarked indicator, called with the case's catalog arguments. */
import type { IndicatorCaseName } from './cases.js';
import type { OhlcvColumns } from './data.js';
import type { Outputs } from './outputs.js';
import { plainAtr, plainBollinger, plainEma, plainMacd, plainRsi, plainSma } from './plain-loops.js';

export const PLAIN_LOOPS: Record<
  IndicatorCaseName,
  (columns: OhlcvColumns, args: readonly number[]) => Outputs
> = {
  sma: (c, [period]) => plainSma(c, period),
  ema: (c, [period]) => plainEma(c, period),
  rsi: (c, [period]) => plainRsi(c, period),
  macd: (c, [fast, slow, signal]) => plainMacd(c, fast, slow, signal),
  bbands: (c, [period, k]) => plainBollinger(c, period, k),
  atr: (c, [period]) => plainAtr(c, period),
};
