import type { StrategyClass } from '../strategy.js';
import { Breakout } from './breakout.js';
import { RsiReversion } from './rsi-reversion.js';
import { SmaCross } from './sma-cross.js';

/** Strategies that ship with QuantFlow, by CLI name. */
export const BUILTIN_STRATEGIES: Readonly<Record<string, StrategyClass>> = {
  'sma-cross': SmaCross as unknown as StrategyClass,
  'rsi-reversion': RsiReversion as unknown as StrategyClass,
  breakout: Breakout as unknown as StrategyClass,
};
