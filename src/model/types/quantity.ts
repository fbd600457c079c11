import { assertSafeInteger } from '../../core/assert.js';
import { formatFixed, parseDecimal, POW10, rawFromNumber, rescaleRaw, MAX_PRECISION } from './fixed-point.js';

/**
 * An exact, non-negative quantity: integer `raw` at `precision` decimals.
 * Immutable; direction lives in the order side, never in the sign of a quantity.
 */
export class Quantity {
  private constructor(
    readonly raw: number,
    readonly precision: number,
  ) {}

  static fromRaw(raw: number, precision: number): Quantity {
    assertSafeInteger(raw, 'Quantity.raw');
    if (raw < 0) throw new RangeError(`Quantity cannot be negative, got raw ${raw}`);
    if (!Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION) {
      throw new RangeError(`Quantity precision must be 0..${MAX_PRECISION}, got ${precision}`);
    }
    return new Quantity(raw, precision);
  }

  static parse(text: string, precision?: number): Quantity {
    const parsed = parseDecimal(text, precision);
    if (typeof parsed === 'string') throw new RangeError(`invalid quantity "${text}": ${parsed}`);
    return Quantity.fromRaw(parsed.raw, parsed.precision);
  }

  static fromNumber(value: number, precision: number): Quantity {
    return Quantity.fromRaw(rawFromNumber(value, precision), precision);
  }

  static zero(precision: number): Quantity {
    return Quantity.fromRaw(0, precision);
  }

  asNumber(): number {
    return this.raw / POW10[this.precision];
  }

  rawAt(precision: number): number {
    return rescaleRaw(this.raw, this.precision, precision);
  }

  isZero(): boolean {
    return this.raw === 0;
  }

  compare(other: Quantity): number {
    if (this.precision === other.precision) return this.raw - other.raw;
    const p = Math.max(this.precision, other.precision);
    return this.rawAt(p) - other.rawAt(p);
  }

  equals(other: Quantity): boolean {
    return this.compare(other) === 0;
  }

  toString(): string {
    return formatFixed(this.raw, this.precision);
  }

  toJSON(): string {
    return this.toString();
  }
}
