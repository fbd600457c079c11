import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OrderSide } from '../model/orders/order-enums.js';
import { commissionRaw, slippedPrice } from './cost-models.js';

/**
 * Exact reference for integer bps: price × (10000 ± bps) / 10000, rounded to a multiple
 * of the tick against the trader (buy: ceiling, sell: floor).
 */
function slippedReference(priceRaw: number, side: OrderSide, bps: number, tickRaw: number): number {
  const num = BigInt(priceRaw) * (10_000n + (side === 'BUY' ? 1n : -1n) * BigInt(bps));
  const den = 10_000n * BigInt(tickRaw);
  let ticks = num / den; // positive operands: floor
  if (side === 'BUY' && ticks * den !== num) ticks += 1n;
  return Number(ticks * BigInt(tickRaw));
}

/** Exact reference for commissionRaw: |notional| × bps×10^4 / 10^8, half away from zero. */
function commissionReference(notionalRaw: number, bpsScaled: number): number {
  const product = BigInt(Math.abs(notionalRaw)) * BigInt(bpsScaled);
  const q = product / 100_000_000n;
  const r = product - q * 100_000_000n;
  return Number(2n * r >= 100_000_000n ? q + 1n : q);
}

describe('slippedPrice', () => {
  test('zero bps changes nothing (even off the tick grid)', () => {
    assert.equal(slippedPrice(10_001, 'BUY', 0, 5), 10_001);
    assert.equal(slippedPrice(10_001, 'SELL', 0, 5), 10_001);
  });

  test('buy pays up, sell receives less, rounded to the tick against the trader', () => {
    // 10003 × 1.001 = 10013.003 → buy: up to 10014; 10003 × 0.999 = 9992.997 → sell: down to 9992.
    assert.equal(slippedPrice(10_003, 'BUY', 10, 1), 10_014);
    assert.equal(slippedPrice(10_003, 'SELL', 10, 1), 9_992);
    // Tick 5: 10000 × 1.0003 = 10003 → 2000.6 ticks → 2001 ticks = 10005;
    //         10000 × 0.9997 = 9997  → 1999.4 ticks → 1999 ticks = 9995.
    assert.equal(slippedPrice(10_000, 'BUY', 3, 5), 10_005);
    assert.equal(slippedPrice(10_000, 'SELL', 3, 5), 9_995);
  });

  test('an exact result already on the grid is not pushed a further tick by float noise', () => {
    // 10000 × 1.0005 = 10005 exactly (the double product may be 10004.999…).
    assert.equal(slippedPrice(10_000, 'BUY', 5, 1), 10_005);
    // 20000 × 1.005 = 20100 = 2010 ticks of 10; 20000 × 0.995 = 19900 = 1990 ticks.
    assert.equal(slippedPrice(20_000, 'BUY', 50, 10), 20_100);
    assert.equal(slippedPrice(20_000, 'SELL', 50, 10), 19_900);
  });

  test('large raw prices: an exact on-grid slipped price must not gain an extra tick', () => {
    // 32,800,000 × 1.0015 = 32,800,000 + 49,200 = 32,849,200 exactly (e.g. 0.32800000 at 8 dp).
    // In doubles 32800000 × 1.0015 = 32849200.000000004, and ceil(… − 1e-9) = 32849201.
    assert.equal(slippedPrice(32_800_000, 'BUY', 15, 1), 32_849_200);
  });

  test('property: equals the exact reference for integer bps and raws up to 2·10^6', () => {
    // Bounded so that the float reference below stays exact (larger raws: the exact test above).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.constantFrom<OrderSide>('BUY', 'SELL'),
        fc.integer({ min: 0, max: 500 }),
        fc.constantFrom(1, 2, 5, 10, 25, 100),
        (price, side, bps, tick) => {
          const expected = bps === 0 ? price : slippedReference(price, side, bps, tick);
          const actual = slippedPrice(price, side, bps, tick);
          assert.equal(actual, expected);
          // Against the trader and on the grid.
          if (bps > 0) {
            assert.equal(actual % tick, 0);
            assert.ok(side === 'BUY' ? actual >= price : actual <= price);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('commissionRaw', () => {
  test('plain bps on a notional', () => {
    // 10,000.00 USD (1,000,000 cents) × 10 bps = 10.00 USD = 1000 cents.
    assert.equal(commissionRaw(1_000_000, 10), 1000);
    assert.equal(commissionRaw(1_000_000, 0), 0);
  });

  test('rounds half away from zero; the sign of the notional does not matter', () => {
    // 50.00 USD × 1 bp = 0.005 USD = 0.5 cent → 1 cent.
    assert.equal(commissionRaw(5_000, 1), 1);
    // 49.99 USD × 1 bp = 0.4999 cent → 0.
    assert.equal(commissionRaw(4_999, 1), 0);
    // A short sale's notional may come in negative: the fee is still positive.
    assert.equal(commissionRaw(-5_000, 1), 1);
    assert.equal(commissionRaw(-1_000_000, 10), 1000);
  });

  test('fractional bps (up to 4 decimals) are exact', () => {
    // 10,000.00 × 2.5 bps = 2.50 → 250 cents.
    assert.equal(commissionRaw(1_000_000, 2.5), 250);
    // 20.00 × 2.5 bps = 0.005 → 0.5 cent → 1.
    assert.equal(commissionRaw(2_000, 2.5), 1);
    // 1,000,000.00 × 0.1234 bps = 12.34 → 1234 cents (0.1234 is not exact in binary).
    assert.equal(commissionRaw(100_000_000, 0.1234), 1234);
    // 1,000.00 × 0.3 bps = 0.03 → 3 cents (0.3 is not exact in binary).
    assert.equal(commissionRaw(100_000, 0.3), 3);
  });

  test('products beyond 2^53 (float fallback) still round half away from zero', () => {
    // 10,000,000,000,050.00 (raw 1_000_000_000_005_000) × 1 bp → raw × 10^4 ≈ 1e19 > 2^53.
    // Exact fee: 1_000_000_000_005_000 / 10^4 = 100_000_000_000.5 → 100_000_000_001.
    assert.equal(commissionRaw(1_000_000_000_005_000, 1), 100_000_000_001);
    // 123,456,789,012,345 × 1.2345 bps = 15,240,740,603.57… → 15,240,740,604.
    assert.equal(commissionRaw(123_456_789_012_345, 1.2345), 15_240_740_604);
  });

  test('property: equals the exact BigInt reference (integer path)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -9_000_000_000, max: 9_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }), // bps × 10^4, i.e. 0 .. 100 bps with 4 decimals
        (notional, bpsScaled) => {
          const bps = bpsScaled / 10_000;
          assert.equal(commissionRaw(notional, bps), commissionReference(notional, bpsScaled));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
