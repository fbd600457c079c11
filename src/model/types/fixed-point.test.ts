import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvariantError } from '../../core/assert.js';
import {
  decimalsOf,
  divRound,
  formatFixed,
  MAX_PRECISION,
  mulDivRound,
  mulRaw,
  parseDecimal,
  rawFromNumber,
  rescaleRaw,
} from './fixed-point.js';

/** Integer division of BigInts rounded half away from zero (the reference for the code under test). */
function bigDivRound(n: bigint, d: bigint): bigint {
  const q = n / d; // truncates toward zero
  const r = n - q * d;
  const absR = r < 0n ? -r : r;
  const absD = d < 0n ? -d : d;
  if (2n * absR >= absD) return q + (n < 0n !== d < 0n ? -1n : 1n);
  return q;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const isSafeBig = (v: bigint): boolean => v <= MAX_SAFE && v >= -MAX_SAFE;

/** Reference for mulRaw: exact BigInt product, shifted and rounded half away from zero. */
function mulRawReference(pr: number, pp: number, qr: number, qp: number, out: number): bigint {
  const product = BigInt(pr) * BigInt(qr);
  const shift = pp + qp - out;
  if (shift <= 0) return product * 10n ** BigInt(-shift);
  return bigDivRound(product, 10n ** BigInt(shift));
}

describe('parseDecimal', () => {
  test('reads decimals exactly, with no float path', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in doubles, but the raw integers 1 + 2 are exactly 3 tenths.
    const a = parseDecimal('0.1');
    const b = parseDecimal('0.2');
    assert.deepEqual(a, { raw: 1, precision: 1 });
    assert.deepEqual(b, { raw: 2, precision: 1 });
    if (typeof a === 'string' || typeof b === 'string') throw new Error('unreachable');
    assert.equal(formatFixed(a.raw + b.raw, 1), '0.3');
    // At a wider precision the digits are padded, never multiplied as a float: 0.1 → 10 hundredths.
    assert.deepEqual(parseDecimal('0.1', 2), { raw: 10, precision: 2 });
    // 1.15 * 100 = 114.99999999999999 as a double; the string path gives exactly 115.
    assert.deepEqual(parseDecimal('1.15', 2), { raw: 115, precision: 2 });
    // 16 significant digits: 1234567890.123456 → 1234567890123456 at 6 decimals.
    assert.deepEqual(parseDecimal('1234567890.123456'), { raw: 1234567890123456, precision: 6 });
  });

  test('signs, whitespace and precision defaulting', () => {
    // -0.05 → -5 hundredths; at 4 decimals → -500.
    assert.deepEqual(parseDecimal('-0.05'), { raw: -5, precision: 2 });
    assert.deepEqual(parseDecimal('-0.05', 4), { raw: -500, precision: 4 });
    assert.deepEqual(parseDecimal('+3'), { raw: 3, precision: 0 });
    assert.deepEqual(parseDecimal('  12.5 '), { raw: 125, precision: 1 });
    // Own decimals include trailing zeros: "1.50" → 150 at 2.
    assert.deepEqual(parseDecimal('1.50'), { raw: 150, precision: 2 });
    // Trailing zeros may be dropped to reach a lower precision: "1.50" at 1 → 15.
    assert.deepEqual(parseDecimal('1.50', 1), { raw: 15, precision: 1 });
    assert.deepEqual(parseDecimal('7', 3), { raw: 7000, precision: 3 });
  });

  test('too-precise: digits would be lost, or precision beyond the maximum', () => {
    assert.equal(parseDecimal('1.234', 2), 'too-precise');
    assert.equal(parseDecimal('-0.005', 2), 'too-precise');
    assert.equal(parseDecimal('1', MAX_PRECISION + 1), 'too-precise');
    assert.equal(parseDecimal('0.12345678901234567'), 'too-precise'); // 17 decimals
    // Trailing zeros beyond the precision are not digits lost.
    assert.deepEqual(parseDecimal('1.2300', 2), { raw: 123, precision: 2 });
  });

  test('too-large: raw beyond 2^53 - 1', () => {
    assert.deepEqual(parseDecimal('9007199254740991'), { raw: 9007199254740991, precision: 0 });
    assert.equal(parseDecimal('9007199254740992'), 'too-large'); // 2^53
    assert.equal(parseDecimal('-9007199254740992'), 'too-large');
    // 90071992547.40992 at 5 decimals → raw 9007199254740992 = 2^53.
    assert.equal(parseDecimal('90071992547.40992'), 'too-large');
    // 1 at 16 decimals = 10^16 > 2^53.
    assert.equal(parseDecimal('1', 16), 'too-large');
  });

  test('not-a-number', () => {
    for (const text of [
      '',
      ' ',
      'abc',
      '1.',
      '.5',
      '1e5',
      '1,5',
      '--1',
      '+-1',
      'NaN',
      'Infinity',
      '0x10',
      '1.2.3',
      '1 2',
    ]) {
      assert.equal(parseDecimal(text), 'not-a-number', JSON.stringify(text));
    }
  });

  test('decimalsOf ignores trailing zeros', () => {
    assert.equal(decimalsOf('1.50'), 1);
    assert.equal(decimalsOf('1.000'), 0);
    assert.equal(decimalsOf('12'), 0);
    assert.equal(decimalsOf('0.0012'), 4);
  });
});

describe('parseDecimal: the plain-form fast path', () => {
  /** The definition: sign, digits, optional fraction; exact via the decimal string (a test oracle). */
  function byDefinition(text: string, precision?: number): ReturnType<typeof parseDecimal> {
    const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (match === null) return 'not-a-number';
    const [, sign, whole, fraction = ''] = match;
    const target = precision ?? fraction.length;
    if (fraction.replace(/0+$/, '').length > target || target > MAX_PRECISION) return 'too-precise';
    const raw = Number(whole + fraction.padEnd(target, '0').slice(0, target));
    if (!Number.isSafeInteger(raw)) return 'too-large';
    return { raw: sign === '-' ? -raw : raw, precision: target };
  }

  test('property: every string parses as the definition says (plain, signed, spaced, malformed)', () => {
    const digits = fc.stringMatching(/^[0-9]{1,20}$/);
    const text = fc.oneof(
      fc
        .tuple(digits, fc.option(fc.stringMatching(/^[0-9]{0,18}$/)))
        .map(([w, f]) => (f === null ? w : `${w}.${f}`)),
      fc
        .tuple(fc.constantFrom('-', '+', ' ', ''), digits, fc.constantFrom('', '.', '.5', ' ', 'e3', '.0x'))
        .map(([a, b, c]) => a + b + c),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, fc.option(fc.integer({ min: 0, max: 18 }), { nil: undefined }), (t, precision) => {
        assert.deepEqual(parseDecimal(t, precision), byDefinition(t, precision));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatFixed', () => {
  test('pads, places the point and handles negatives', () => {
    assert.equal(formatFixed(-5, 2), '-0.05'); // '5' → '005' → '0.05'
    assert.equal(formatFixed(7, 3), '0.007');
    assert.equal(formatFixed(100, 2), '1.00');
    assert.equal(formatFixed(-150, 2), '-1.50');
    assert.equal(formatFixed(1234567, 4), '123.4567');
    assert.equal(formatFixed(0, 2), '0.00');
    assert.equal(formatFixed(123, 0), '123');
    assert.equal(formatFixed(-123, 0), '-123');
    assert.equal(formatFixed(Number.MAX_SAFE_INTEGER, 16), '0.9007199254740991');
  });
});

describe('rawFromNumber', () => {
  test('corrects binary error, then rounds half away from zero', () => {
    // 1.005 * 100 = 100.49999999999999 in doubles; the decimal 1.005 is exactly half → 101.
    assert.equal(1.005 * 100 < 100.5, true);
    assert.equal(rawFromNumber(1.005, 2), 101);
    assert.equal(rawFromNumber(-1.005, 2), -101);
    // 2.675 * 100 = 267.49999999999997 → 268.
    assert.equal(rawFromNumber(2.675, 2), 268);
    // Exact halves: 1.5 → 2, -1.5 → -2 (Math.round alone would give -1), -2.5 → -3, 0.125 at 2 → 13.
    assert.equal(rawFromNumber(1.5, 0), 2);
    assert.equal(rawFromNumber(-1.5, 0), -2);
    assert.equal(rawFromNumber(-2.5, 0), -3);
    assert.equal(rawFromNumber(0.125, 2), 13);
    assert.equal(rawFromNumber(-0.125, 2), -13);
    // Below half: 1.004 → 100, 0.1 → 1 at 1 decimal.
    assert.equal(rawFromNumber(1.004, 2), 100);
    assert.equal(rawFromNumber(0.1, 1), 1);
    assert.equal(rawFromNumber(0.1 + 0.2, 2), 30);
  });

  test('never returns negative zero', () => {
    assert.ok(Object.is(rawFromNumber(-0.001, 2), 0)); // -0.1 hundredths rounds to 0
    assert.ok(Object.is(rawFromNumber(-1e-10, 2), 0));
    assert.ok(Object.is(rawFromNumber(-0, 2), 0));
  });

  test('rejects results beyond safe integers', () => {
    // 1e17 at 2 decimals = 1e19 > 2^53.
    assert.throws(() => rawFromNumber(1e17, 2), InvariantError);
  });

  test('property: a decimal raw / 10^p converts back to raw', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (raw, p) => {
        assert.equal(rawFromNumber(raw / 10 ** p, p), raw);
      }),
    );
  });
});

describe('divRound', () => {
  test('rounds half away from zero, both signs', () => {
    assert.equal(divRound(5, 2), 3); // 2.5 → 3
    assert.equal(divRound(-5, 2), -3); // -2.5 → -3
    assert.equal(divRound(-7, 2), -4); // -3.5 → -4
    assert.equal(divRound(-6, 4), -2); // -1.5 → -2
    assert.equal(divRound(7, -2), -4); // -3.5 → -4
    assert.equal(divRound(-7, -2), 4); // 3.5 → 4
    assert.equal(divRound(-4, 3), -1); // -1.33 → -1
    assert.equal(divRound(-5, 3), -2); // -1.67 → -2
    assert.equal(divRound(14, 10), 1); // 1.4 → 1
    assert.ok(Object.is(divRound(-1, 3), 0)); // -0.33 → 0, not -0
    assert.equal(divRound(0, 5), 0);
  });

  test('property: equals a BigInt reference on safe integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: -1e9, max: 1e9 }).filter((d) => d !== 0),
        (n, d) => {
          assert.equal(divRound(n, d), Number(bigDivRound(BigInt(n), BigInt(d))));
        },
      ),
    );
  });
});

describe('rescaleRaw', () => {
  test('widens exactly and narrows half away from zero', () => {
    assert.equal(rescaleRaw(150, 2, 4), 15000);
    assert.equal(rescaleRaw(155, 2, 1), 16); // 15.5 → 16
    assert.equal(rescaleRaw(-155, 2, 1), -16); // -15.5 → -16
    assert.equal(rescaleRaw(154, 2, 1), 15);
    assert.throws(() => rescaleRaw(2 ** 50, 0, 3), InvariantError); // 2^50 × 1000 > 2^53
  });
});

describe('mulRaw', () => {
  test('small products (double path)', () => {
    // 123.45 × 3 = 370.35 → 37035 at 2.
    assert.equal(mulRaw(12345, 2, 3, 0, 2), 37035);
    // 123.45 × 1.5 = 185.175 → 185.18 (half away) → 18518.
    assert.equal(mulRaw(12345, 2, 15, 1, 2), 18518);
    // -123.45 × 1.5 = -185.175 → -185.18.
    assert.equal(mulRaw(-12345, 2, 15, 1, 2), -18518);
    // 5 × 3 = 15 → 1500 at 2 decimals (widening).
    assert.equal(mulRaw(5, 0, 3, 0, 2), 1500);
    // 0.01 × 0.4 = 0.004 → 0.00 at 2.
    assert.equal(mulRaw(1, 2, 4, 1, 2), 0);
  });

  test('products beyond 2^53 use exact BigInt arithmetic', () => {
    // 1234.56789012 × 9876.5432: raws 123456789012 (8 dp) × 98765432 (4 dp)
    // = 12193263100103033184 (≈1.2e19 > 2^53) at 12 dp → 12193263.100103033184 → 12193263.10 at 2 dp.
    const product = 123456789012n * 98765432n;
    assert.equal(product, 12193263100103033184n);
    assert.ok(product > MAX_SAFE);
    assert.equal(mulRaw(123456789012, 8, 98765432, 4, 2), 1219326310);
    assert.equal(mulRaw(123456789012, 8, 98765432, 4, 2), Number(bigDivRound(product, 10n ** 10n)));
    // Exact tie beyond 2^53: (2^53 - 1) × 5 = 45035996273704955 (not representable as a double),
    // / 10 = 4503599627370495.5 → half away from zero → 4503599627370496.
    assert.equal(mulRaw(Number.MAX_SAFE_INTEGER, 1, 5, 0, 0), 4503599627370496);
    assert.equal(mulRaw(-Number.MAX_SAFE_INTEGER, 1, 5, 0, 0), -4503599627370496);
    // The double product is not exact here, so a float path could not get this right.
    assert.equal(Number.isSafeInteger(Number.MAX_SAFE_INTEGER * 5), false);
  });

  test('a result beyond safe integers throws', () => {
    // 2^40 × 2^20 = 2^60 at 0 dp.
    assert.throws(() => mulRaw(2 ** 40, 0, 2 ** 20, 0, 0), InvariantError);
  });

  test('a zero product is +0, also when widening', () => {
    assert.ok(Object.is(mulRaw(-1, 0, 0, 0, 0), 0)); // shift 0: divRound normalises
    assert.ok(Object.is(mulRaw(-1, 0, 0, 0, 1), 0)); // shift −1: −0 × 10
  });

  test('property: equals a BigInt reference on random safe inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (pr, pp, qr, qp, out) => {
          const expected = mulRawReference(pr, pp, qr, qp, out);
          // `+ 0` turns -0 into 0: the value is checked here, the sign of zero by the test below.
          if (isSafeBig(expected)) assert.equal(mulRaw(pr, pp, qr, qp, out) + 0, Number(expected));
          else assert.throws(() => mulRaw(pr, pp, qr, qp, out), InvariantError);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('mulDivRound', () => {
  test('small values, half away from zero', () => {
    assert.equal(mulDivRound(7, 3, 2), 11); // 21 / 2 = 10.5 → 11
    assert.equal(mulDivRound(-7, 3, 2), -11);
    assert.equal(mulDivRound(7, 3, -2), -11);
    assert.equal(mulDivRound(210000, 5, 20), 52500);
    assert.equal(mulDivRound(100, 1, 3), 33); // 33.33 → 33
    assert.equal(mulDivRound(1000, 3, 7), 429); // 428.57 → 429
  });

  test('BigInt path when a × b exceeds 2^53', () => {
    // (2^53 - 1) × 3 = 27021597764222973; / 6 = 4503599627370495.5 → 4503599627370496.
    assert.equal(mulDivRound(Number.MAX_SAFE_INTEGER, 3, 6), 4503599627370496);
    assert.equal(mulDivRound(Number.MAX_SAFE_INTEGER, 3, -6), -4503599627370496);
    assert.equal(mulDivRound(-Number.MAX_SAFE_INTEGER, 3, 6), -4503599627370496);
    assert.equal(mulDivRound(-Number.MAX_SAFE_INTEGER, 3, -6), 4503599627370496);
    // 10^12 × 10^9 / 3 = 333333333333333333333.3 → not safe → throws.
    assert.throws(() => mulDivRound(1e12, 1e9, 3), InvariantError);
  });

  test('property: equals a BigInt reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e9, max: 1e9 }).filter((c) => c !== 0),
        (a, b, c) => {
          const expected = bigDivRound(BigInt(a) * BigInt(b), BigInt(c));
          if (isSafeBig(expected)) assert.equal(mulDivRound(a, b, c), Number(expected));
          else assert.throws(() => mulDivRound(a, b, c), InvariantError);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parse ∘ format', () => {
  test('property: parseDecimal(formatFixed(raw, p)) gives back raw and p', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: MAX_PRECISION }),
        (raw, p) => {
          const text = formatFixed(raw, p);
          const back = parseDecimal(text);
          assert.notEqual(typeof back, 'string', text);
          if (typeof back === 'string') return;
          assert.equal(back.raw, raw, text); // equal, not Object.is: '-0' is not produced for 0
          assert.equal(back.precision, p, text);
          assert.deepEqual(parseDecimal(text, p), back);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('property: formatFixed(parseDecimal(s)) normalises only the sign and leading zeros', () => {
    const decimalText = fc
      .tuple(
        fc.constantFrom('', '-'),
        fc.stringMatching(/^[1-9]\d{0,6}$|^0$/),
        fc.stringMatching(/^\d{0,8}$/),
      )
      .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(decimalText, (text) => {
        const parsed = parseDecimal(text);
        if (typeof parsed === 'string') throw new Error(`${text}: ${parsed}`);
        const formatted = formatFixed(parsed.raw, parsed.precision);
        const isZero = parsed.raw === 0;
        // '-0.00' comes back as '0.00'; everything else is reproduced digit for digit.
        assert.equal(formatted, isZero ? text.replace(/^-/, '') : text);
      }),
      { numRuns: 1000 },
    );
  });
});
