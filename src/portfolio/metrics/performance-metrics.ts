/**
 * The summary of a backtest, as written to JSON and printed by the CLI. Flat and
 * serializable: every number is finite, and a metric that is undefined for the data at
 * hand (too few points, a division by zero) is `null`, never NaN or Infinity.
 *
 * Fractions are plain fractions (0.25 = 25 %). Exact definitions: docs/metrics.md.
 */
export interface PerformanceMetrics {
  /** First curve timestamp, ISO-8601 UTC; null for an empty curve. */
  readonly startTime: string | null;
  /** Last curve timestamp, ISO-8601 UTC; null for an empty curve. */
  readonly endTime: string | null;
  readonly startEquity: number | null;
  readonly endEquity: number | null;
  /** E_last / E_first − 1. */
  readonly totalReturn: number | null;
  /** Compound annual growth rate. */
  readonly cagr: number | null;
  /** Sample standard deviation of period returns × √periodsPerYear. */
  readonly annualizedVolatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** cagr / maxDrawdown. */
  readonly calmar: number | null;
  /** Largest peak-to-trough fall as a positive fraction of the peak. */
  readonly maxDrawdown: number | null;
  /** Longest time from a peak until equity is back at it (or the end), in days. */
  readonly maxDrawdownDurationDays: number | null;
  /** Longest number of bars from a peak until equity is back at it (or the end). */
  readonly maxDrawdownDurationBars: number | null;
  /** One-period historical value at risk at 95 %, as a positive loss fraction. */
  readonly var95: number | null;
  /** Mean loss of the worst 5 % of periods, as a positive fraction. */
  readonly cvar95: number | null;
  /** Return observations per year present in the data. */
  readonly periodsPerYear: number | null;
  /** Number of closed trades. */
  readonly trades: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  /** Mean pnl of winning trades. */
  readonly averageWin: number | null;
  /** Mean pnl of losing trades (a negative number). */
  readonly averageLoss: number | null;
  /** Mean pnl over all trades. */
  readonly expectancy: number | null;
  /** Time-weighted fraction of the backtest with a position open. */
  readonly exposure: number | null;
  /** Traded notional / mean equity, over the whole backtest (not annualized). */
  readonly turnover: number | null;
  /** Sensitivity of strategy returns to benchmark returns; null without a benchmark. */
  readonly beta: number | null;
  /** Annualized Jensen's alpha against the benchmark; null without a benchmark. */
  readonly alpha: number | null;
}
