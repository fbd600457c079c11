import { assertSafeInteger, InvariantError } from '../../core/assert.js';
import type { Currency } from './currency.js';
import { formatFixed, POW10, rawFromNumber } from './fixed-point.js';

/** An exact amount of a currency, kept as an integer number of its smallest units. */
export class Money {
  private constructor(
    readonly raw: number,
    readonly currency: Currency,
  ) {}

  static fromRaw(raw: number, currency: Currency): Money {
    assertSafeInteger(raw, 'Money.raw');
    return new Money(raw, currency);
  }

  static fromNumber(value: number, currency: Currency): Money {
    return new Money(rawFromNumber(value, currency.precision), currency);
  }

  static zero(currency: Currency): Money {
    return new Money(0, currency);
  }

  asNumber(): number {
    return this.raw / POW10[this.currency.precision];
  }

  add(other: Money): Money {
    this.#sameCurrency(other);
    return Money.fromRaw(this.raw + other.raw, this.currency);
  }

  sub(other: Money): Money {
    this.#sameCurrency(other);
    return Money.fromRaw(this.raw - other.raw, this.currency);
  }

  toString(): string {
    return `${formatFixed(this.raw, this.currency.precision)} ${this.currency.code}`;
  }

  /** The amount alone, with exactly the currency's decimals. */
  toDecimalString(): string {
    return formatFixed(this.raw, this.currency.precision);
  }

  #sameCurrency(other: Money): void {
    if (other.currency.code !== this.currency.code) {
      throw new InvariantError(`cannot mix ${this.currency.code} and ${other.currency.code}`);
    }
  }
}
