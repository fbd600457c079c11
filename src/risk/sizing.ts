/**
 * Position sizing: how much to buy or sell for a given risk. Every helper returns a quantity on
 * the instrument's lot grid, rounded DOWN, so the risk or notional it stands for never exceeds the
 * budget. Money is in the instrument's quote currency (the equity must be in it too).
 */
import { InvariantError } from '../core/assert.js';
import type { Instrument } from '../model/instruments/instrument.js';
import { parseDecimal } from '../model/types/fixed-point.js';
import type { Money } from '../model/types/money.js';
import type { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';

/**
 * Fixed-fractional sizing: risk `riskFraction` of equity between entry and stop.
 * quantity = equity × riskFraction / (|entry − stop| × multiplier), rounded down to the lot.
 */
export function fixedFractional(
  equity: Money,
  riskFraction: number,
  entry: Price,
  stop: Price,
  instrument: Instrument,
): Quantity {
  checkFraction(riskFraction, 'riskFraction');
  const p = Math.max(entry.precision, stop.precision);
  const distance = Math.abs(entry.rawAt(p) - stop.rawAt(p));
  if (distance === 0) throw new RangeError(`entry and stop are both ${entry}: the risk per unit is zero`);
  return quantityForBudget(budgetOf(equity, riskFraction, instrument), distance, p, instrument);
}

/** Options of {@link volatilityTarget}. */
export interface VolatilityTargetOptions {
  /** Stop distance (or volatility unit) in ATRs; default 1. */
  readonly atrMultiple?: number;
  /** With {@link maxNotionalFraction}: the price the notional cap is measured at. */
  readonly price?: Price;
  /** Cap on quantity × price × multiplier as a fraction of equity (1: no leverage). */
  readonly maxNotionalFraction?: number;
}

/**
 * Volatility (ATR) targeting: size so that a move of `atrMultiple` ATRs costs `riskFraction` of
 * equity. quantity = equity × riskFraction / (atr × atrMultiple × multiplier), rounded down to the
 * lot, then capped by `maxNotionalFraction` of equity at `price` when both are given. The ATR (a
 * float from an indicator) is rounded UP to 4 decimals past the tick, so the size never exceeds it.
 */
export function volatilityTarget(
  equity: Money,
  riskFraction: number,
  atr: number,
  instrument: Instrument,
  options: VolatilityTargetOptions = {},
): Quantity {
  checkFraction(riskFraction, 'riskFraction');
  const multiple = options.atrMultiple ?? 1;
  if (!(atr > 0) || !Number.isFinite(atr)) throw new RangeError(`atr must be positive, got ${atr}`);
  if (!(multiple > 0) || !Number.isFinite(multiple)) {
    throw new RangeError(`atrMultiple must be positive, got ${multiple}`);
  }
  const precision = Math.min(16, instrument.tickSize.precision + 4);
  const unitRaw = Math.ceil(atr * multiple * 10 ** precision);
  const sized = quantityForBudget(budgetOf(equity, riskFraction, instrument), unitRaw, precision, instrument);
  const { price, maxNotionalFraction } = options;
  if (price === undefined || maxNotionalFraction === undefined) return sized;
  const cap = fractionToQuantity(equity, maxNotionalFraction, price, instrument, Infinity);
  return cap.compare(sized) < 0 ? cap : sized;
}

/**
 * The Kelly fraction of equity to stake, `p − (1 − p) / b` for win rate `p` and payoff ratio `b`
 * (average win / average loss), clamped to [0, `cap`]: full Kelly is far too aggressive when `p`
 * and `b` are estimates, so a cap (a quarter by default) is the usual practice.
 */
export function cappedKelly(winRate: number, payoffRatio: number, cap = 0.25): number {
  checkFraction(winRate, 'winRate');
  checkFraction(cap, 'cap');
  if (!(payoffRatio > 0) || !Number.isFinite(payoffRatio)) {
    throw new RangeError(`payoffRatio must be positive, got ${payoffRatio}`);
  }
  const kelly = winRate - (1 - winRate) / payoffRatio;
  return kelly <= 0 ? 0 : Math.min(kelly, cap);
}

/**
 * The quantity whose notional (price × quantity × multiplier) is `fraction` of equity, rounded
 * down to the lot. `maxFraction` (default 1) guards against a fraction meant as a percentage.
 */
export function fractionToQuantity(
  equity: Money,
  fraction: number,
  price: Price,
  instrument: Instrument,
  maxFraction = 1,
): Quantity {
  if (!(fraction >= 0) || !(fraction <= maxFraction)) {
    throw new RangeError(`fraction must be in [0, ${maxFraction}], got ${fraction}`);
  }
  if (price.raw <= 0) throw new RangeError(`price must be positive, got ${price}`);
  return quantityForBudget(budgetOf(equity, fraction, instrument), price.raw, price.precision, instrument);
}

/**
 * The largest lot multiple `q` with `q × unitCost × multiplier ≤ budget`, exactly (BigInt).
 * `budget` is raw at `budgetPrecision` decimals, `unitCost` (money per unit of the instrument)
 * raw at `unitPrecision` decimals.
 */
export function quantityForBudget(
  budget: { readonly raw: number; readonly precision: number },
  unitCostRaw: number,
  unitPrecision: number,
  instrument: Instrument,
): Quantity {
  const sizePrecision = instrument.lotSize.precision;
  const lot = instrument.lotSize.raw;
  if (budget.raw <= 0) return Quantity.zero(sizePrecision);
  const multiplier = decimalOf(instrument.multiplier);
  // q/10^s × u/10^up × m/10^mp ≤ b/10^bp  ⇔  q ≤ b × 10^(s+up+mp) / (u × m × 10^bp)
  const numerator = BigInt(budget.raw) * 10n ** BigInt(sizePrecision + unitPrecision + multiplier.precision);
  const denominator = BigInt(unitCostRaw) * BigInt(multiplier.raw) * 10n ** BigInt(budget.precision);
  let raw = numerator / denominator;
  if (raw > BigInt(Number.MAX_SAFE_INTEGER)) raw = BigInt(Number.MAX_SAFE_INTEGER);
  const units = Number(raw);
  return Quantity.fromRaw(units - (units % lot), sizePrecision);
}

function budgetOf(
  equity: Money,
  fraction: number,
  instrument: Instrument,
): { raw: number; precision: number } {
  if (equity.currency.code !== instrument.quoteCurrency.code) {
    throw new InvariantError(
      `equity in ${equity.currency.code}, ${instrument.id} quoted in ${instrument.quoteCurrency.code}`,
    );
  }
  return { raw: Math.floor(equity.raw * fraction), precision: equity.currency.precision };
}

/** The multiplier as an exact decimal (rounded up past 12 decimals: the size never grows). */
function decimalOf(value: number): { raw: number; precision: number } {
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`multiplier must be positive, got ${value}`);
  const parsed = parseDecimal(String(value));
  return typeof parsed === 'string' ? { raw: Math.ceil(value * 1e12), precision: 12 } : parsed;
}

function checkFraction(value: number, name: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
}
