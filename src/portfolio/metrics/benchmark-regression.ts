import { finiteOrNull, ZERO_DISPERSION } from './finite.js';
import type { BenchmarkSeries, EquityCurve } from './metrics-input.js';
import { periodsPerYear } from './time-span.js';

/** The strategy's regression on a benchmark. */
export interface AlphaBeta {
  /** cov(rs, rb) / var(rb), sample estimates. */
  readonly beta: number | null;
  /** Annualized Jensen's alpha: (mean(rs − rf) − β·mean(rb − rf)) × ppy. */
  readonly alpha: number | null;
}

const NO_REGRESSION: AlphaBeta = { beta: null, alpha: null };

/**
 * Beta and annualized Jensen's alpha of the strategy against a benchmark.
 *
 * The two series are aligned on the timestamps they have in common (a merge of two
 * sorted arrays, O(N + M)). Between each pair of consecutive common timestamps we take
 * one strategy return and one benchmark return over the same interval, so a daily
 * benchmark against an hourly curve regresses daily returns on daily returns.
 *
 * For the same reason alpha is annualized with the periods per year of these aligned
 * returns (m returns over the years between the first and last common timestamp), which
 * equals the curve's own periods per year when the benchmark covers every curve point.
 * With a risk-free rate both series become excess returns over rf/ppy; beta is
 * unchanged by that shift, alpha moves by −rf·(1 − β).
 *
 * @returns nulls with fewer than two aligned returns, a benchmark that does not move,
 *   or a non-positive equity or price at the start of an interval
 */
export function benchmarkAlphaBeta(
  curve: EquityCurve,
  benchmark: BenchmarkSeries,
  annualRiskFreeRate: number,
): AlphaBeta {
  const { ts, equity } = curve;
  const { ts: benchTs, price } = benchmark;

  let count = 0;
  let meanStrategy = 0;
  let meanBench = 0;
  // Co-moment Σ(rs − mean_s)(rb − mean_b) and Σ(rb − mean_b)², updated Welford-style.
  let coMoment = 0;
  let benchMoment = 0;

  let firstCommonTs = NaN;
  let lastCommonTs = NaN;
  let previousEquity = NaN;
  let previousPrice = NaN;

  let i = 0;
  let j = 0;
  while (i < ts.length && j < benchTs.length) {
    const t = ts[i];
    const u = benchTs[j];
    if (t < u) {
      i++;
      continue;
    }
    if (u < t) {
      j++;
      continue;
    }
    const e = equity[i];
    const p = price[j];
    if (Number.isNaN(firstCommonTs)) {
      firstCommonTs = t;
    } else {
      if (!(previousEquity > 0) || !(previousPrice > 0)) return NO_REGRESSION;
      const rs = e / previousEquity - 1;
      const rb = p / previousPrice - 1;
      count++;
      const dStrategy = rs - meanStrategy;
      meanStrategy += dStrategy / count;
      const dBench = rb - meanBench;
      meanBench += dBench / count;
      coMoment += dStrategy * (rb - meanBench);
      benchMoment += dBench * (rb - meanBench);
    }
    lastCommonTs = t;
    previousEquity = e;
    previousPrice = p;
    i++;
    j++;
  }

  if (count < 2) return NO_REGRESSION;
  if (!(Math.sqrt(Math.max(0, benchMoment) / (count - 1)) >= ZERO_DISPERSION)) {
    return NO_REGRESSION;
  }
  // The (count − 1) divisors of the sample covariance and variance cancel.
  const beta = coMoment / benchMoment;
  const ppy = periodsPerYear(count, lastCommonTs - firstCommonTs);
  if (ppy === null) return { beta: finiteOrNull(beta), alpha: null };
  const riskFreePerPeriod = annualRiskFreeRate / ppy;
  const alpha = (meanStrategy - riskFreePerPeriod - beta * (meanBench - riskFreePerPeriod)) * ppy;
  return { beta: finiteOrNull(beta), alpha: finiteOrNull(alpha) };
}
