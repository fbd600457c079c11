import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import { currency } from '../model/types/currency.js';
import { Position } from './position.js';

// Raw units: quantity in whole lots, notional and fees in cents.
const X = instrumentId('X', 'SIM');
const newPosition = () =>
  new Position(simpleInstrument(X, currency('USD'), 2, 0), {
    lastBar: undefined,
    lastQuote: undefined,
    lastTrade: undefined,
    book: undefined,
  });

describe('Position (average cost)', () => {
  test('long: open, add, partial close, close', () => {
    const p = newPosition();
    assert.ok(p.isFlat);

    // Buy 10 @ 100.00: notional 1000.00 = 100000, fee 1.00 = 100.
    let b = p.applyFill(10, 100_000, 100);
    assert.deepEqual(b, {
      closedQtyRaw: 0,
      closedNotionalRaw: 0,
      closedFeeRaw: 0,
      realizedRaw: 0,
      openedQtyRaw: 10,
      openedNotionalRaw: 100_000,
      openedFeeRaw: 100,
    });
    assert.equal(p.qtyRaw, 10);
    assert.equal(p.costRaw, 100_000);
    assert.ok(!p.isFlat);

    // Add: buy 10 @ 110.00 = 110000, fee 110 → 20 lots costing 210000 (average 105.00).
    p.applyFill(10, 110_000, 110);
    assert.equal(p.qtyRaw, 20);
    assert.equal(p.costRaw, 210_000);
    assert.equal(p.realizedRaw, 0);

    // Partial close: sell 5 @ 120.00 = 60000, fee 60. Cost of 5 of 20 = 210000 × 5/20 = 52500;
    // realized = 60000 − 52500 = 7500 (= 5 × (120 − 105) = 75.00).
    b = p.applyFill(-5, 60_000, 60);
    assert.deepEqual(b, {
      closedQtyRaw: 5,
      closedNotionalRaw: 60_000,
      closedFeeRaw: 60,
      realizedRaw: 7_500,
      openedQtyRaw: 0,
      openedNotionalRaw: 0,
      openedFeeRaw: 0,
    });
    assert.equal(p.qtyRaw, 15);
    assert.equal(p.costRaw, 157_500); // 210000 − 52500: average still 105.00
    assert.equal(p.realizedRaw, 7_500);

    // Close: sell 15 @ 100.00 = 150000, fee 150; realized = 150000 − 157500 = −7500.
    b = p.applyFill(-15, 150_000, 150);
    assert.equal(b.realizedRaw, -7_500);
    assert.equal(b.closedQtyRaw, 15);
    assert.ok(p.isFlat);
    assert.equal(p.costRaw, 0);
    assert.equal(p.realizedRaw, 0); // 7500 − 7500
    assert.equal(p.feesRaw, 100 + 110 + 60 + 150);
  });

  test('average cost with rounding stays exact over the whole trip', () => {
    const p = newPosition();
    // Buy 3 for 100 (average 33.33…).
    p.applyFill(3, 100, 0);
    // Sell 1 for 50: cost of 1 of 3 = round(100/3 = 33.33) = 33; realized 50 − 33 = 17; cost left 67.
    assert.equal(p.applyFill(-1, 50, 0).realizedRaw, 17);
    assert.equal(p.costRaw, 67);
    // Sell 2 for 100: all remaining cost 67; realized 100 − 67 = 33.
    assert.equal(p.applyFill(-2, 100, 0).realizedRaw, 33);
    // Total 17 + 33 = 50 = (50 + 100) − 100: nothing lost to rounding.
    assert.equal(p.realizedRaw, 50);
    assert.equal(p.costRaw, 0);
  });

  test('short: open, partial cover, close', () => {
    const p = newPosition();
    // Sell 10 @ 100.00 = 100000.
    p.applyFill(-10, 100_000, 0);
    assert.equal(p.qtyRaw, -10);
    assert.equal(p.costRaw, -100_000);
    // Buy 4 @ 90.00 = 36000: closed cost = −100000 × 4/10 = −40000; realized = 40000 − 36000 = 4000
    // (= 4 × (100 − 90) = 40.00).
    const b = p.applyFill(4, 36_000, 0);
    assert.equal(b.closedQtyRaw, 4);
    assert.equal(b.realizedRaw, 4_000);
    assert.equal(p.qtyRaw, -6);
    assert.equal(p.costRaw, -60_000);
    // Buy 6 @ 105.00 = 63000: realized = 60000 − 63000 = −3000 (= 6 × (100 − 105)).
    assert.equal(p.applyFill(6, 63_000, 0).realizedRaw, -3_000);
    assert.ok(p.isFlat);
    assert.equal(p.costRaw, 0);
    assert.equal(p.realizedRaw, 1_000); // 4000 − 3000
  });

  test('flip long → short splits notional and fee in proportion to quantity', () => {
    const p = newPosition();
    p.applyFill(10, 100_000, 0); // long 10 @ 100.00
    // Sell 15 @ 110.00 = 165000, fee 150. Closing part: 10/15 → notional 110000, fee 100;
    // realized = 110000 − 100000 = 10000. Opening part: 5 lots, notional 55000, fee 50.
    const b = p.applyFill(-15, 165_000, 150);
    assert.deepEqual(b, {
      closedQtyRaw: 10,
      closedNotionalRaw: 110_000,
      closedFeeRaw: 100,
      realizedRaw: 10_000,
      openedQtyRaw: 5,
      openedNotionalRaw: 55_000,
      openedFeeRaw: 50,
    });
    assert.equal(p.qtyRaw, -5);
    assert.equal(p.costRaw, -55_000); // short 5 @ 110.00
    assert.equal(p.realizedRaw, 10_000);
    assert.equal(p.feesRaw, 150);
  });

  test('flip with an uneven split: parts round half away from zero and add up', () => {
    const p = newPosition();
    p.applyFill(3, 300, 0);
    // Sell 7 for 1000, fee 10. Closing 3/7: notional 1000 × 3/7 = 428.57 → 429, fee 10 × 3/7 = 4.29 → 4.
    // Opening: 1000 − 429 = 571, fee 10 − 4 = 6. Realized 429 − 300 = 129.
    const b = p.applyFill(-7, 1000, 10);
    assert.equal(b.closedNotionalRaw, 429);
    assert.equal(b.closedFeeRaw, 4);
    assert.equal(b.openedNotionalRaw, 571);
    assert.equal(b.openedFeeRaw, 6);
    assert.equal(b.realizedRaw, 129);
    assert.equal(p.qtyRaw, -4);
    assert.equal(p.costRaw, -571);
  });

  test('flip short → long', () => {
    const p = newPosition();
    p.applyFill(-2, 20_000, 0); // short 2 @ 100.00
    // Buy 5 @ 90.00 = 45000: closing 2/5 → 18000, realized 20000 − 18000 = 2000; opening 3 lots, 27000.
    const b = p.applyFill(5, 45_000, 0);
    assert.equal(b.closedQtyRaw, 2);
    assert.equal(b.closedNotionalRaw, 18_000);
    assert.equal(b.realizedRaw, 2_000);
    assert.equal(b.openedQtyRaw, 3);
    assert.equal(b.openedNotionalRaw, 27_000);
    assert.equal(p.qtyRaw, 3);
    assert.equal(p.costRaw, 27_000);
  });

  test('unrealized PnL is market value minus cost, for longs and shorts', () => {
    const long = newPosition();
    long.applyFill(10, 100_000, 0);
    assert.equal(long.unrealizedRaw(120_000), 20_000); // worth 1200.00, cost 1000.00
    const short = newPosition();
    short.applyFill(-10, 100_000, 0);
    // Short 10 marked at 90.00: market value −90000, cost −100000 → +10000.
    assert.equal(short.unrealizedRaw(-90_000), 10_000);
  });

  test('property: over fills that end flat, realized PnL = sells − buys notional; breakdowns add up', () => {
    const fillArb = fc.record({
      qty: fc.integer({ min: -50, max: 50 }).filter((q) => q !== 0),
      notional: fc.integer({ min: 0, max: 10_000_000 }),
      fee: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(fillArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (fills, lastNotional) => {
          const p = newPosition();
          let net = 0;
          for (const f of fills) net += f.qty;
          const all = net === 0 ? fills : [...fills, { qty: -net, notional: lastNotional, fee: 7 }];
          let cashFlow = 0;
          let fees = 0;
          let realizedSum = 0;
          for (const f of all) {
            const before = p.qtyRaw;
            const b = p.applyFill(f.qty, f.notional, f.fee);
            cashFlow += f.qty > 0 ? -f.notional : f.notional;
            fees += f.fee;
            realizedSum += b.realizedRaw;
            assert.equal(b.closedQtyRaw + b.openedQtyRaw, Math.abs(f.qty));
            assert.equal(b.closedNotionalRaw + b.openedNotionalRaw, f.notional);
            assert.equal(b.closedFeeRaw + b.openedFeeRaw, f.fee);
            assert.equal(p.qtyRaw, before + f.qty);
            // Cost has the sign of the position (or is zero).
            assert.ok(p.costRaw === 0 || Math.sign(p.costRaw) === Math.sign(p.qtyRaw));
            if (p.qtyRaw === 0) assert.equal(p.costRaw, 0);
          }
          assert.ok(p.isFlat);
          assert.equal(p.realizedRaw, cashFlow);
          assert.equal(realizedSum, cashFlow);
          assert.equal(p.feesRaw, fees);
        },
      ),
      { numRuns: 500 },
    );
  });
});
