import { LiquiditySide } from '../../model/orders/order-enums.js';
import { mulDivRound } from '../../model/types/fixed-point.js';
import { commissionRaw } from '../cost-models.js';

/**
 * What one tick × one lot is worth in the quote currency's smallest units, as an exact ratio
 * `numerator / denominator` (both safe integers > 0). Example: BTCUSDT with a 0.01 USDT tick,
 * a 0.00001 BTC lot and USDT counted in 10^-8 units: 0.01 × 0.00001 = 10^-7 USDT = 10 units, so
 * `{ numerator: 10, denominator: 1 }`. With cents as the unit it would be `{ 1, 100_000 }`.
 */
export interface NotionalScale {
  readonly numerator: number;
  readonly denominator: number;
}

/** One tick × one lot = one smallest unit. */
export const UNIT_NOTIONAL: NotionalScale = { numerator: 1, denominator: 1 };

/**
 * The notional of `quantity` lots at `price` ticks in the quote currency's smallest units:
 * price × quantity × numerator / denominator, rounded half away from zero (only when the
 * denominator does not divide it). Exact for any safe-integer inputs (BigInt beyond 2^53).
 */
export function notionalRaw(price: number, quantity: number, scale: NotionalScale = UNIT_NOTIONAL): number {
  const lots = price * quantity;
  if (Number.isSafeInteger(lots)) return mulDivRound(lots, scale.numerator, scale.denominator);
  const big = BigInt(price) * BigInt(quantity) * BigInt(scale.numerator);
  const d = BigInt(scale.denominator);
  let q = big / d;
  const r = big - q * d;
  if (2n * (r < 0n ? -r : r) >= d) q += big < 0n ? -1n : 1n;
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new RangeError(`notional ${q} is not a safe integer`);
  return out;
}

/**
 * A venue's fee schedule. Positive amounts are charged to us; negative amounts are rebates paid
 * to us (typical for makers). Both parts apply and add up; every field defaults to 0.
 */
export interface FeeSchedule {
  /** Basis points of notional on fills that added liquidity (up to 4 decimals; may be negative). */
  readonly makerBps?: number;
  /** Basis points of notional on fills that took liquidity (up to 4 decimals; may be negative). */
  readonly takerBps?: number;
  /** Smallest currency units per lot on maker fills (safe integer; may be negative). */
  readonly makerPerLot?: number;
  /** Smallest currency units per lot on taker fills (safe integer; may be negative). */
  readonly takerPerLot?: number;
}

/**
 * Fees of one fill, in exact integers.
 *
 * Rounding rule: the basis-point part is rounded to the smallest unit half away from zero, on
 * each fill separately (so a rebate of 0.5 units is paid as 1, a fee of 0.5 charged as 1); the
 * per-lot part is exact. Rounding per fill rather than per order is what venues do, and it makes
 * the fee of a fill independent of how the order was split.
 */
export class FeeModel {
  readonly #makerBps: number;
  readonly #takerBps: number;
  readonly #makerPerLot: number;
  readonly #takerPerLot: number;

  constructor(schedule: FeeSchedule = {}) {
    this.#makerBps = checkBps(schedule.makerBps ?? 0, 'makerBps');
    this.#takerBps = checkBps(schedule.takerBps ?? 0, 'takerBps');
    this.#makerPerLot = checkPerLot(schedule.makerPerLot ?? 0, 'makerPerLot');
    this.#takerPerLot = checkPerLot(schedule.takerPerLot ?? 0, 'takerPerLot');
  }

  /**
   * The fee of a fill of `quantity` lots with notional `notional` (smallest units, ≥ 0):
   * positive = we pay, negative = rebate.
   */
  fee(liquidity: LiquiditySide, notional: number, quantity: number): number {
    const maker = liquidity === LiquiditySide.MAKER;
    const bps = maker ? this.#makerBps : this.#takerBps;
    const perLot = maker ? this.#makerPerLot : this.#takerPerLot;
    // commissionRaw rounds the magnitude half away from zero; applying it to |bps| and then the
    // sign keeps a rebate the exact mirror image of the same fee.
    const bpsPart = bps < 0 ? -commissionRaw(notional, -bps) : commissionRaw(notional, bps);
    const out = bpsPart + perLot * quantity;
    if (!Number.isSafeInteger(out)) throw new RangeError(`fee ${out} is not a safe integer`);
    return out === 0 ? 0 : out; // never -0
  }
}

function checkBps(bps: number, name: string): number {
  // 4 decimals is what commissionRaw represents exactly; beyond ±100% a fee makes no sense.
  if (
    !Number.isFinite(bps) ||
    Math.abs(bps) > 10_000 ||
    Math.abs(bps * 10_000 - Math.round(bps * 10_000)) > 1e-6
  ) {
    throw new RangeError(
      `${name} must be a number of basis points in [-10000, 10000] with ≤ 4 decimals, got ${bps}`,
    );
  }
  return bps;
}

function checkPerLot(perLot: number, name: string): number {
  if (!Number.isSafeInteger(perLot)) throw new RangeError(`${name} must be a safe integer, got ${perLot}`);
  return perLot;
}
