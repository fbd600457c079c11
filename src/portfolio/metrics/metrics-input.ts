/**
 * What the metrics module needs from a finished backtest. Plain data with array-like
 * columns, so the recorder can hand over typed arrays without copying.
 */

/** Account equity sampled over time; one point per bar (or per snapshot). */
export interface EquityCurve {
  /** Microseconds since the Unix epoch, strictly increasing. */
  readonly ts: ArrayLike<number>;
  /** Account equity at `ts[i]`, in account currency. */
  readonly equity: ArrayLike<number>;
}

/** A round trip: a position opened and closed again. */
export interface ClosedTrade {
  readonly entryTimeUs: number;
  readonly exitTimeUs: number;
  readonly instrumentId: string;
  readonly side: 'LONG' | 'SHORT';
  readonly quantity: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Profit or loss in account currency, net of fees. */
  readonly pnl: number;
  readonly fees: number;
}

/** A price series to compare the strategy against, e.g. the closes of an index. */
export interface BenchmarkSeries {
  /** Microseconds since the Unix epoch, strictly increasing. */
  readonly ts: ArrayLike<number>;
  readonly price: ArrayLike<number>;
}

export interface MetricsInput {
  readonly curve: EquityCurve;
  readonly trades: readonly ClosedTrade[];
  /**
   * `exposed[i]` is true (or non-zero) when any position was open during
   * `[ts[i], ts[i+1])`. Length N−1; a trailing N-th entry is accepted and ignored.
   */
  readonly exposed: ArrayLike<boolean | number>;
  /** Sum of |price × quantity| over all fills, in account currency. */
  readonly tradedNotional: number;
  /** Optional benchmark price series (e.g. closes); aligned to the curve by timestamp. */
  readonly benchmark?: BenchmarkSeries;
  /** Annual risk-free rate as a fraction (0.03 = 3 %), default 0. */
  readonly riskFreeRate?: number;
}
