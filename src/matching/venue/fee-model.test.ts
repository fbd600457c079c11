import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FeeModel, notionalRaw } from './fee-model.js';

/** Exact reference: |notional| × bps×10^4 / 10^8 rounded half away from zero, with the sign of bps. */
function bpsReference(notional: number, bpsScaled: number): number {
  const product = BigInt(notional) * BigInt(Math.abs(bpsScaled));
  const q = product / 100_000_000n;
  const r = product - q * 100_000_000n;
  const magnitude = Number(2n * r >= 100_000_000n ? q + 1n : q);
  return bpsScaled < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

describe('notionalRaw', () => {
  test('price × quantity × numerator / denominator', () => {
    assert.equal(notionalRaw(10_000, 3), 30_000);
    // BTCUSDT: tick 0.01, lot 0.00001, USDT in 1e-8 units → one tick-lot = 10 units.
    assert.equal(notionalRaw(6_500_000, 2, { numerator: 10, denominator: 1 }), 130_000_000);
  });

  test('rounds half away from zero only when the denominator does not divide', () => {
    // 12345 × 7 = 86415 → /100000 = 0.86415 → 1; 5 × 10000 / 100000 = 0.5 → 1; 4 × 10000 → 0.4 → 0.
    assert.equal(notionalRaw(12_345, 7, { numerator: 1, denominator: 100_000 }), 1);
    assert.equal(notionalRaw(5, 10_000, { numerator: 1, denominator: 100_000 }), 1);
    assert.equal(notionalRaw(4, 10_000, { numerator: 1, denominator: 100_000 }), 0);
  });

  test('exact beyond 2^53 intermediate products', () => {
    // 2^40 × 2^20 × 3 / 2^10 = 3 × 2^50, exact although price × quantity is 2^60.
    assert.equal(notionalRaw(2 ** 40, 2 ** 20, { numerator: 3, denominator: 2 ** 10 }), 3 * 2 ** 50);
    assert.throws(() => notionalRaw(2 ** 40, 2 ** 20), RangeError);
  });
});

describe('FeeModel', () => {
  test('no schedule: no fees', () => {
    const fees = new FeeModel();
    assert.equal(fees.fee('MAKER', 1_000_000, 10), 0);
    assert.equal(fees.fee('TAKER', 1_000_000, 10), 0);
  });

  test('maker rebate and taker fee in basis points of notional', () => {
    const fees = new FeeModel({ makerBps: -0.25, takerBps: 0.75 });
    assert.equal(fees.fee('MAKER', 1_000_000, 1), -25);
    assert.equal(fees.fee('TAKER', 1_000_000, 1), 75);
  });

  test('half a unit rounds away from zero: a fee up, a rebate (mirror image) down', () => {
    // 20000 × 0.25 bps = 0.5 units.
    const fees = new FeeModel({ makerBps: -0.25, takerBps: 0.25 });
    assert.equal(fees.fee('TAKER', 20_000, 1), 1);
    assert.equal(fees.fee('MAKER', 20_000, 1), -1);
    // 19999 × 0.25 bps = 0.499975 → 0 either way (and never -0).
    assert.ok(Object.is(fees.fee('MAKER', 19_999, 1), 0));
    assert.equal(fees.fee('TAKER', 19_999, 1), 0);
    // 1234567 × 1 bps = 123.4567 → 123; × 1.5 bps = 185.18505 → 185.
    assert.equal(new FeeModel({ takerBps: 1 }).fee('TAKER', 1_234_567, 1), 123);
    assert.equal(new FeeModel({ takerBps: 1.5 }).fee('TAKER', 1_234_567, 1), 185);
  });

  test('per-lot fees are exact and add to the basis-point part', () => {
    const fees = new FeeModel({ makerPerLot: -2, takerPerLot: 3, takerBps: 1 });
    assert.equal(fees.fee('MAKER', 1_000_000, 10), -20);
    assert.equal(fees.fee('TAKER', 1_000_000, 10), 30 + 100);
  });

  test('rejects schedules it cannot compute exactly', () => {
    assert.throws(() => new FeeModel({ makerBps: 0.00001 }), RangeError);
    assert.throws(() => new FeeModel({ takerBps: Number.NaN }), RangeError);
    assert.throws(() => new FeeModel({ takerBps: 20_000 }), RangeError);
    assert.throws(() => new FeeModel({ makerPerLot: 0.5 }), RangeError);
  });

  test('property: equals the exact BigInt reference; a rebate mirrors the fee of the same rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }), // bps × 10^4: up to ±100 bps, 4 decimals
        (notional, bpsScaled) => {
          const bps = bpsScaled / 10_000;
          const fee = new FeeModel({ makerBps: bps, takerBps: -bps });
          assert.equal(fee.fee('MAKER', notional, 1), bpsReference(notional, bpsScaled));
          assert.equal(fee.fee('TAKER', notional, 1), -fee.fee('MAKER', notional, 1) || 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
