import { assert } from '../../core/assert.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { Quantity } from '../../model/types/quantity.js';

/**
 * Algorithms count quantity in whole lots of the instrument: every child is then on the
 * lot grid by construction, and splitting a parent is integer arithmetic with no rounding
 * to lose or invent a unit.
 */
export class LotGrid {
  /** Size precision of the instrument (decimals of its lot). */
  readonly precision: number;
  /** One lot as a raw integer at {@link precision}. */
  readonly lotRaw: number;

  constructor(instrument: Instrument) {
    this.precision = instrument.lotSize.precision;
    this.lotRaw = instrument.lotSize.raw;
    assert(this.lotRaw > 0, `instrument ${instrument.id} has a zero lot size`);
  }

  /** Whole lots in `quantity`, or `undefined` when it is not a whole number of lots. */
  lotsOf(quantity: Quantity): number | undefined {
    const p = Math.max(quantity.precision, this.precision);
    const raw = quantity.rawAt(p);
    const lot = this.lotRaw * 10 ** (p - this.precision);
    return raw % lot === 0 ? raw / lot : undefined;
  }

  /** Whole lots in a quantity, rounded down (for market volume, which need not be on our grid). */
  floorLots(quantity: Quantity): number {
    const p = Math.max(quantity.precision, this.precision);
    const lot = this.lotRaw * 10 ** (p - this.precision);
    return Math.floor(quantity.rawAt(p) / lot);
  }

  /** `lots` lots as a quantity at the instrument's size precision. */
  quantity(lots: number): Quantity {
    return Quantity.fromRaw(lots * this.lotRaw, this.precision);
  }
}

/** `floor(a × b / c)` for non-negative safe integers, exact (BigInt when `a × b` is not safe). */
export function floorMulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    // The float quotient can round across an integer; one step either way corrects it.
    let q = Math.floor(product / c);
    if (q * c > product) q--;
    else if ((q + 1) * c <= product) q++;
    return q;
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}
