import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvariantError } from '../../core/assert.js';
import { currency } from './currency.js';
import { Money } from './money.js';
import { Price } from './price.js';
import { Quantity } from './quantity.js';

describe('Price', () => {
  test('compares across precisions', () => {
    // 1.5 (15 at 1 dp) vs 1.50 (150 at 2 dp): rescaled to 2 dp both are 150.
    assert.equal(Price.parse('1.5').compare(Price.parse('1.50')), 0);
    assert.ok(Price.parse('1.5').equals(Price.fromRaw(150, 2)));
    // 1.5 vs 1.49 at 2 dp: 150 - 149 > 0.
    assert.ok(Price.parse('1.5').compare(Price.parse('1.49')) > 0);
    assert.ok(Price.parse('1.49').compare(Price.parse('1.5')) < 0);
    // 100 (0 dp) vs 99.999 (3 dp): 100000 vs 99999.
    assert.ok(Price.parse('100').compare(Price.parse('99.999')) > 0);
    // Negative prices are allowed and ordered: -0.5 < 0.25.
    assert.ok(Price.parse('-0.5').compare(Price.parse('0.25')) < 0);
    assert.ok(!Price.parse('0.1').equals(Price.parse('0.10000001')));
  });

  test('property: compare agrees with comparing the exact rationals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 6 }),
        (ra, pa, rb, pb) => {
          // a/10^pa vs b/10^pb ⇔ a·10^pb vs b·10^pa (BigInt: exact).
          const lhs = BigInt(ra) * 10n ** BigInt(pb);
          const rhs = BigInt(rb) * 10n ** BigInt(pa);
          const expected = lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
          assert.equal(Math.sign(Price.fromRaw(ra, pa).compare(Price.fromRaw(rb, pb))), expected);
        },
      ),
    );
  });

  test('parse and format', () => {
    const p = Price.parse('1.5', 3);
    assert.equal(p.raw, 1500);
    assert.equal(p.precision, 3);
    assert.equal(p.toString(), '1.500');
    assert.equal(JSON.stringify({ p }), '{"p":"1.500"}');
    assert.equal(Price.parse('-0.05').toString(), '-0.05');
    assert.equal(Price.parse('123.45').asNumber(), 123.45);
  });

  test('parse errors are RangeErrors naming the reason', () => {
    assert.throws(
      () => Price.parse('abc'),
      (e: unknown) => e instanceof RangeError && /not-a-number/.test(e.message),
    );
    assert.throws(
      () => Price.parse('1.234', 2),
      (e: unknown) => e instanceof RangeError && /too-precise/.test(e.message),
    );
    assert.throws(
      () => Price.parse('9007199254740992'),
      (e: unknown) => e instanceof RangeError && /too-large/.test(e.message),
    );
  });

  test('fromNumber rounds half away from zero after correcting binary error', () => {
    assert.equal(Price.fromNumber(1.005, 2).raw, 101); // 1.005 * 100 = 100.4999… → 101
    assert.equal(Price.fromNumber(-1.005, 2).raw, -101);
    assert.equal(Price.fromNumber(0.1 + 0.2, 1).raw, 3);
  });

  test('unsafe raw and bad precision are rejected', () => {
    assert.throws(() => Price.fromRaw(2 ** 53, 2), InvariantError);
    assert.throws(() => Price.fromRaw(1.5, 2), InvariantError);
    assert.throws(() => Price.fromRaw(Number.NaN, 2), InvariantError);
    assert.throws(() => Price.fromRaw(1, 17), RangeError);
    assert.throws(() => Price.fromRaw(1, -1), RangeError);
    assert.throws(() => Price.fromRaw(1, 1.5), RangeError);
    assert.equal(Price.fromRaw(-Number.MAX_SAFE_INTEGER, 16).raw, -Number.MAX_SAFE_INTEGER);
  });

  test('rawAt widens exactly and narrows half away from zero', () => {
    assert.equal(Price.parse('1.25').rawAt(4), 12500);
    assert.equal(Price.parse('1.255').rawAt(2), 126); // 125.5 → 126
    assert.equal(Price.parse('-1.255').rawAt(2), -126); // -125.5 → -126
  });
});

describe('Quantity', () => {
  test('negative quantities are rejected', () => {
    assert.throws(() => Quantity.fromRaw(-1, 0), RangeError);
    assert.throws(() => Quantity.parse('-1'), RangeError);
    assert.throws(() => Quantity.parse('-0.5', 1), RangeError);
    assert.throws(() => Quantity.fromNumber(-0.5, 1), RangeError);
    // -0.001 rounds to 0 at 2 dp: not negative.
    assert.equal(Quantity.fromNumber(-0.001, 2).isZero(), true);
  });

  test('unsafe raw and bad precision are rejected', () => {
    assert.throws(() => Quantity.fromRaw(2 ** 53, 0), InvariantError);
    assert.throws(() => Quantity.fromRaw(0.5, 0), InvariantError);
    assert.throws(() => Quantity.fromRaw(1, 17), RangeError);
    assert.throws(() => Quantity.parse('abc'), RangeError);
    assert.equal(Quantity.fromRaw(Number.MAX_SAFE_INTEGER, 0).raw, Number.MAX_SAFE_INTEGER);
  });

  test('compares across precisions', () => {
    // 2 (0 dp) vs 2.000 (3 dp): 2000 vs 2000.
    assert.ok(Quantity.parse('2').equals(Quantity.parse('2.000')));
    // 0.1 vs 0.15 at 2 dp: 10 < 15.
    assert.ok(Quantity.parse('0.1').compare(Quantity.parse('0.15')) < 0);
    assert.ok(Quantity.parse('0.15').compare(Quantity.parse('0.1')) > 0);
    assert.equal(Quantity.parse('3').compare(Quantity.fromRaw(30, 1)), 0);
  });

  test('zero, format and numbers', () => {
    assert.equal(Quantity.zero(3).toString(), '0.000');
    assert.ok(Quantity.zero(3).isZero());
    assert.ok(!Quantity.parse('0.001').isZero());
    assert.equal(Quantity.parse('1.50').toString(), '1.50');
    assert.equal(Quantity.parse('1.5', 4).toJSON(), '1.5000');
    assert.equal(Quantity.parse('2.5').asNumber(), 2.5);
    assert.equal(Quantity.parse('2.55').rawAt(1), 26); // 25.5 → 26
  });
});

describe('Money', () => {
  const usd = currency('USD');
  test('exact add/sub in smallest units, formatting with the currency', () => {
    // 0.10 + 0.20 = 10 + 20 cents = 30 cents.
    const sum = Money.fromNumber(0.1, usd).add(Money.fromNumber(0.2, usd));
    assert.equal(sum.raw, 30);
    assert.equal(sum.toString(), '0.30 USD');
    assert.equal(Money.fromRaw(-5, usd).toDecimalString(), '-0.05');
    assert.equal(Money.fromRaw(1000, usd).sub(Money.fromRaw(1234, usd)).toString(), '-2.34 USD');
    assert.equal(Money.fromRaw(0, currency('JPY')).toString(), '0 JPY');
  });

  test('mixing currencies throws; unsafe raw rejected', () => {
    assert.throws(() => Money.zero(usd).add(Money.zero(currency('EUR'))), InvariantError);
    assert.throws(() => Money.fromRaw(2 ** 53, usd), InvariantError);
  });

  test('currency precisions', () => {
    assert.deepEqual(currency('usd'), { code: 'USD', precision: 2 });
    assert.deepEqual(currency('JPY'), { code: 'JPY', precision: 0 });
    assert.deepEqual(currency('BTC'), { code: 'BTC', precision: 8 });
    assert.deepEqual(currency('XYZ'), { code: 'XYZ', precision: 2 }); // unknown 3-letter: fiat-like
    assert.deepEqual(currency('DOGE'), { code: 'DOGE', precision: 8 });
  });
});
