import { finiteOrNull, ratioOrNull, ZERO_DISPERSION } from './finite.js';
import type { ReturnStats } from './return-stats.js';

/**
 * Annualized volatility: sample standard deviation of period returns × √ppy.
 *
 * @returns `null` with fewer than two returns or unknown `periodsPerYear`
 */
export function annualizedVolatility(stats: ReturnStats, periodsPerYear: number | null): number | null {
  if (periodsPerYear === null || stats.count < 2) return null;
  return finiteOrNull(stats.stdev * Math.sqrt(periodsPerYear));
}

/**
 * Sharpe ratio: `mean(r − rf/ppy) / stdev(r) × √ppy`.
 *
 * @param riskFreePerPeriod the annual risk-free rate divided by `periodsPerYear`
 * @returns `null` with fewer than two returns or when the returns do not vary
 */
export function sharpeRatio(
  stats: ReturnStats,
  riskFreePerPeriod: number,
  periodsPerYear: number | null,
): number | null {
  if (periodsPerYear === null || stats.count < 2 || !(stats.stdev >= ZERO_DISPERSION)) {
    return null;
  }
  return finiteOrNull(((stats.mean - riskFreePerPeriod) / stats.stdev) * Math.sqrt(periodsPerYear));
}

/**
 * Sortino ratio: `mean(r − rf/ppy) / DD × √ppy`, where DD is the downside deviation
 * below rf/ppy over all returns (see {@link ReturnStats.downsideDeviation}).
 *
 * @param stats must have been computed with `targetPerPeriod = riskFreePerPeriod`
 * @returns `null` without returns or when no return fell below the risk-free rate
 */
export function sortinoRatio(
  stats: ReturnStats,
  riskFreePerPeriod: number,
  periodsPerYear: number | null,
): number | null {
  if (periodsPerYear === null || stats.count < 1 || !(stats.downsideDeviation >= ZERO_DISPERSION)) {
    return null;
  }
  return finiteOrNull(
    ((stats.mean - riskFreePerPeriod) / stats.downsideDeviation) * Math.sqrt(periodsPerYear),
  );
}

/**
 * Calmar ratio: `cagr / maxDrawdown`.
 *
 * @returns `null` when either is unknown or there was no drawdown
 */
export function calmarRatio(cagr: number | null, maxDrawdown: number | null): number | null {
  return ratioOrNull(cagr, maxDrawdown);
}
