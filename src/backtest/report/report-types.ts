/**
 * The data a backtest report is built from. Plain JSON (no class instances), so the server can
 * send it from `GET /api/v1/backtests/:id` and the backtest command can hand it to
 * {@link renderReportHtml} directly. Times are integer microseconds since the Unix epoch.
 */
export interface BacktestReportData {
  readonly title: string;
  /** The strategy's parameters (and any run settings worth showing). */
  readonly parameters: Readonly<Record<string, string | number>>;
  /** Named figures; numbers are shown with up to 4 decimals, strings as they are. */
  readonly metrics: Readonly<Record<string, number | string>>;
  /** `[tsUs, equity]`, in time order. */
  readonly equity: readonly (readonly [number, number])[];
  /** `[tsUs, drawdown]`, drawdown as a fraction ≤ 0 (or ≥ 0: the sign is ignored), in time order. */
  readonly drawdown: readonly (readonly [number, number])[];
  /** Return per calendar month as a fraction (0.012 = +1.2%); `month` is 1–12. */
  readonly monthlyReturns: readonly MonthlyReturn[];
  readonly trades: readonly ReportTrade[];
}

/** One month's return. */
export interface MonthlyReturn {
  readonly year: number;
  /** 1 = January … 12 = December. */
  readonly month: number;
  /** Fraction: 0.012 is +1.2%. */
  readonly return: number;
}

/** One round trip. Prices, quantities and PnL as exact decimal strings or numbers. */
export interface ReportTrade {
  readonly entryTs: number;
  readonly exitTs: number;
  readonly instrument: string;
  readonly side: string;
  readonly qty: string | number;
  readonly entryPx: string | number;
  readonly exitPx: string | number;
  readonly pnl: string | number;
}
