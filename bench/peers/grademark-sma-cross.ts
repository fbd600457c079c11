/**
 * The SmaCross strategy expressed for grademark (https://github.com/grademark/grademark),
 * a JavaScript backtester built on data-forge DataFrames, as a peer for the throughput
 * comparison.
 *
 * - Input: the same bars converted to grademark's `IBar` rows ({time, open, high, low,
 *   close, volume} as numbers) in a data-forge DataFrame; the conversion is not timed.
 * - Indicators: `prepIndicators` adds `fast` and `slow` SMAs of closes. They are computed
 *   with a plain running-sum loop rather than data-forge's `rollingWindow`, which is far
 *   slower: this gives grademark the benefit of the doubt.
 * - Rules: enter long when SMA(fast) > SMA(slow), exit when not; grademark fills both at
 *   the next bar's open, like the engine's next-open mode.
 *
 * Semantic differences that change the trade count a little (they are grademark's design):
 * on the bar where an entry fills, grademark does not evaluate the exit rule (the engine
 * does, and can exit one bar later); on the bar where an exit fills it does not evaluate
 * the entry rule (the engine can re-enter at once); a position still open after the last
 * bar becomes a trade with exitReason "finalize" (the engine leaves it open). Grademark
 * trades one unit of price (no quantity, cash or equity), so it does less work per fill.
 */
import type { Bar } from '../../src/model/data/bar.js';
import type { IDataFrame } from 'data-forge';
import type { IBar, IStrategy, ITrade } from 'grademark';
import type { GrademarkModules } from './load-grademark.js';

interface SmaBar extends IBar {
  fast: number;
  slow: number;
}

/** Converts bars to grademark's input: a DataFrame of `IBar` rows. */
export function toGrademarkFrame(modules: GrademarkModules, bars: readonly Bar[]): IDataFrame<number, IBar> {
  const rows: IBar[] = new Array(bars.length);
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i];
    rows[i] = {
      time: new Date(b.tsEvent / 1000),
      open: b.open.asNumber(),
      high: b.high.asNumber(),
      low: b.low.asNumber(),
      close: b.close.asNumber(),
      volume: b.volume.asNumber(),
    };
  }
  return new modules.dataForge.DataFrame<number, IBar>(rows);
}

/** SMA of `values` over `period`, NaN until ready; running sum re-summed once per period (as the engine's Sma). */
function sma(values: readonly IBar[], period: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const window = new Float64Array(period);
  let sum = 0;
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i].close;
    sum += x - window[pos];
    window[pos] = x;
    if (++pos === period) {
      pos = 0;
      sum = 0;
      for (let k = 0; k < period; k++) sum += window[k];
    }
    if (i + 1 >= period) out[i] = sum / period;
  }
  return out;
}

export function grademarkSmaCrossStrategy(
  modules: GrademarkModules,
  fast: number,
  slow: number,
): IStrategy<IBar, SmaBar> {
  return {
    prepIndicators: ({ inputSeries }) => {
      const rows = inputSeries.toArray();
      const f = sma(rows, fast);
      const s = sma(rows, slow);
      const withSma: SmaBar[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) withSma[i] = { ...rows[i], fast: f[i], slow: s[i] };
      return new modules.dataForge.DataFrame<number, SmaBar>(withSma);
    },
    entryRule: (enterPosition, { bar }) => {
      if (bar.fast > bar.slow) enterPosition();
    },
    exitRule: (exitPosition, { bar }) => {
      if (!(bar.fast > bar.slow)) exitPosition();
    },
  };
}

export interface GrademarkRunSummary {
  /** Every trade grademark returned. */
  readonly trades: number;
  /** Trades closed by the exit rule (without the one "finalize" trade for a position open at the end). */
  readonly closedByRule: number;
}

/** Runs grademark's `backtest()` (including `prepIndicators`) on a converted frame. */
export function runGrademarkSmaCross(
  modules: GrademarkModules,
  strategy: IStrategy<IBar, SmaBar>,
  frame: IDataFrame<number, IBar>,
): GrademarkRunSummary {
  const trades: ITrade[] = modules.grademark.backtest(strategy, frame);
  let closedByRule = 0;
  for (const t of trades) if (t.exitReason !== 'finalize') closedByRule++;
  return { trades: trades.length, closedByRule };
}
