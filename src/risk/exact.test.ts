import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ceilAt, compareProducts, floorAt } from './exact.js';

describe('exact helpers', () => {
  it('compareProducts is exact past 2^53', () => {
    const big = 2 ** 52 + 1;
    // 3 × (2^52 + 1) = 13510798882111491 is not a double: it would round to ...492 and compare equal.
    assert.equal(compareProducts(big, 3, 13510798882111492, 1), -1);
    assert.equal(compareProducts(big, 3, 3, big), 0);
    assert.equal(compareProducts(big, 4, big, 4), 0);
    assert.equal(compareProducts(big, 4, big + 1, 4), -1);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 20n }),
        fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 20n }),
        (a, b, c, d) => {
          const expected = a * b > c * d ? 1 : a * b < c * d ? -1 : 0;
          assert.equal(compareProducts(Number(a), Number(b), Number(c), Number(d)), expected);
        },
      ),
    );
  });

  it('floorAt and ceilAt round the right way, also near 2^53', () => {
    assert.equal(floorAt(1999, 3, 0), 1);
    assert.equal(ceilAt(1001, 3, 0), 2);
    assert.equal(ceilAt(1000, 3, 0), 1);
    assert.equal(floorAt(15, 1, 3), 1500);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), fc.integer({ min: 1, max: 8 }), (raw, k) => {
        const d = 10n ** BigInt(k);
        assert.equal(floorAt(Number(raw), k, 0), Number(raw / d));
        assert.equal(ceilAt(Number(raw), k, 0), Number((raw + d - 1n) / d));
      }),
    );
  });
});
