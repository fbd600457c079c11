/**
 * How much of each node limit with a running total is in use: the daily loss and drawdown the
 * circuit breaker watches, open orders, exposures and positions. What an operator watches to see
 * a trip coming; the per-order limits (quantity, notional, price band) have no running total.
 */
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import { sizePrecision } from '../model/instruments/instrument.js';
import { formatFixed } from '../model/types/fixed-point.js';
import { floorAt } from './exact.js';
import type { Decimal, NodeLimits, PerInstrument } from './risk-limits.js';
import type { RiskView } from './risk-view.js';

/** One limit in use. `used` and `max` are exact decimals in the limit's unit. */
export interface LimitUsage {
  /** The limit's name in the risk configuration (`maxDailyLoss`, `maxPosition`, ...). */
  readonly limit: string;
  /** For per-instrument limits. */
  readonly instrumentId?: string;
  readonly used: string;
  readonly max: string;
  /** used ÷ max, for a gauge; a limit of 0 reads 1 once anything is used (JSON has no Infinity). */
  readonly fraction: number;
}

/** The equity baselines of the circuit breaker (raw account currency; NaN before the first equity). */
export interface EquityBaselines {
  readonly dayStartEquityRaw: number;
  readonly peakEquityRaw: number;
}

/** The usage of every limit of `limits` that has a running total, in the order of the configuration. */
export function limitUsage(
  limits: NodeLimits,
  view: RiskView,
  baselines: EquityBaselines,
  instruments: readonly InstrumentId[],
): LimitUsage[] {
  const ccy = view.accountCurrency.precision;
  const out: LimitUsage[] = [];
  const push = (limit: string, usedRaw: number, maxRaw: number, precision: number, instrumentId?: string) =>
    out.push({
      limit,
      ...(instrumentId === undefined ? {} : { instrumentId }),
      used: formatFixed(usedRaw, precision),
      max: formatFixed(maxRaw, precision),
      fraction: maxRaw > 0 ? usedRaw / maxRaw : usedRaw > 0 ? 1 : 0,
    });
  const money = (d: Decimal) => floorAt(d.raw, d.precision, ccy);
  // Percentages are shown to 0.01 %: raw at precision 2.
  const percentRaw = (part: number, whole: number) =>
    whole > 0 && part > 0 ? Math.round((part / whole) * 10_000) : 0;
  const pct = (d: Decimal) => floorAt(d.raw, d.precision, 2);

  const equity = view.equityRaw();
  const { dayStartEquityRaw: dayStart, peakEquityRaw: peak } = baselines;
  const loss = Number.isFinite(dayStart) ? Math.max(0, dayStart - equity) : 0;
  if (limits.maxDailyLoss !== undefined) push('maxDailyLoss', loss, money(limits.maxDailyLoss), ccy);
  if (limits.maxDailyLossPct !== undefined)
    push('maxDailyLossPct', percentRaw(loss, dayStart), pct(limits.maxDailyLossPct), 2);
  if (limits.maxDrawdownPct !== undefined) {
    const drawdown = Number.isFinite(peak) ? Math.max(0, peak - equity) : 0;
    push('maxDrawdownPct', percentRaw(drawdown, peak), pct(limits.maxDrawdownPct), 2);
  }
  if (limits.maxOpenOrders !== undefined)
    push('maxOpenOrders', view.openOrderCount(), limits.maxOpenOrders, 0);
  if (limits.maxGrossExposure !== undefined)
    push('maxGrossExposure', view.grossExposureRaw(), money(limits.maxGrossExposure), ccy);
  if (limits.maxNetExposure !== undefined)
    push('maxNetExposure', Math.abs(view.netExposureRaw()), money(limits.maxNetExposure), ccy);
  if (limits.maxPosition !== undefined)
    for (const id of instruments) {
      const max = limitOf(limits.maxPosition, id);
      const instrument = view.instrument(id);
      if (max === undefined || instrument === undefined) continue;
      const precision = sizePrecision(instrument);
      push(
        'maxPosition',
        Math.abs(view.positionRaw(id)),
        floorAt(max.raw, max.precision, precision),
        precision,
        id,
      );
    }
  return out;
}

function limitOf<T>(limit: PerInstrument<T>, id: InstrumentId): T | undefined {
  return limit.byId.get(id) ?? limit.fallback;
}
