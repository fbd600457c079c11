import type { Clock } from '../core/clock.js';
import type { Cache } from '../common/cache.js';
import type { Logger } from '../common/logger.js';
import type { DataEngine } from '../data/data-engine.js';
import type { AlgoEngine } from '../execution/algorithms/algo-engine.js';
import type { ExecutionEngine } from '../execution/execution-engine.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { Portfolio } from '../portfolio/portfolio.js';

/** What the kernel lends a strategy when it is added: the same in backtest, paper and live. */
export interface StrategyContext {
  readonly clock: Clock;
  readonly cache: Cache;
  readonly data: DataEngine;
  readonly execution: ExecutionEngine;
  readonly algos: AlgoEngine;
  readonly portfolio: Portfolio;
  readonly logger: Logger;
  /** Instruments this strategy trades. */
  readonly instruments: readonly InstrumentId[];
}
