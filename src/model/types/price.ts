import { assertSafeInteger } from '../../core/assert.js';
import { formatFixed, parseDecimal, POW10, rawFromNumber, rescaleRaw, MAX_PRECISION } from './fixed-point.js';

/**
 * An exact price: integer `raw` at `precision` decimals (`raw / 10^precision`).
 * Immutable; equality and ordering compare raw integers at a common precision.
 * Prices may be negative (spreads, some futures).
 */
export class Price {
  private constructor(
    /** The integer value in units of 10^-precision. */
    readonly raw: number,
    /** Number of decimals. */
    readonly precision: number,
  ) {}

  /** Builds a price from its raw integer. */
  static fromRaw(raw: number, precision: number): Price {
    assertSafeInteger(raw, 'Price.raw');
    if (!Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION) {
      throw new RangeError(`Price precision must be 0..${MAX_PRECISION}, got ${precision}`);
    }
    return new Price(raw, precision);
  }

  /** Parses a decimal string exactly; `precision` defaults to the string's own decimals. */
  static parse(text: string, precision?: number): Price {
    const parsed = parseDecimal(text, precision);
    if (typeof parsed === 'string') throw new RangeError(`invalid price "${text}": ${parsed}`);
    return new Price(parsed.raw, parsed.precision);
  }

  /** The nearest price to a float at `precision` decimals. */
  static fromNumber(value: number, precision: number): Price {
    return Price.fromRaw(rawFromNumber(value, precision), precision);
  }

  /** The value as a double, for analytics (never for exact comparisons). */
  asNumber(): number {
    return this.raw / POW10[this.precision];
  }

  /** Raw value at another precision (exact when widening). */
  rawAt(precision: number): number {
    return rescaleRaw(this.raw, this.precision, precision);
  }

  compare(other: Price): number {
    if (this.precision === other.precision) return this.raw - other.raw;
    const p = Math.max(this.precision, other.precision);
    return this.rawAt(p) - other.rawAt(p);
  }

  equals(other: Price): boolean {
    return this.compare(other) === 0;
  }

  toString(): string {
    return formatFixed(this.raw, this.precision);
  }

  toJSON(): string {
    return this.toString();
  }
}
