import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OrderSide } from '../model/orders/order-enums.js';
import { walkBar, type BarOrder } from './bar-fill-model.js';
import { firstTouch, ohlcPath, writeOhlcPath } from './ohlc-path.js';

// All prices are raw integers (think cents).

const limit = (side: OrderSide, limitRaw: number): BarOrder => ({
  side,
  type: 'LIMIT',
  limitRaw,
  triggered: false,
});
const stop = (side: OrderSide, triggerRaw: number): BarOrder => ({
  side,
  type: 'STOP_MARKET',
  triggerRaw,
  triggered: false,
});
const stopLimit = (side: OrderSide, triggerRaw: number, limitRaw: number, triggered = false): BarOrder => ({
  side,
  type: 'STOP_LIMIT',
  triggerRaw,
  limitRaw,
  triggered,
});

describe('ohlcPath', () => {
  test('high nearer the open → O, H, L, C', () => {
    // |H−O| = 102−100 = 2 ≤ |O−L| = 100−95 = 5.
    assert.deepEqual(ohlcPath(100, 102, 95, 98), [100, 102, 95, 98]);
  });

  test('low nearer the open → O, L, H, C', () => {
    // |H−O| = 5 > |O−L| = 3.
    assert.deepEqual(ohlcPath(100, 105, 97, 102), [100, 97, 105, 102]);
  });

  test('tie → high first', () => {
    // |H−O| = 4 = |O−L| = 4.
    assert.deepEqual(ohlcPath(100, 104, 96, 101), [100, 104, 96, 101]);
    // Flat bar: 0 ≤ 0 → high first.
    assert.deepEqual(ohlcPath(100, 100, 100, 100), [100, 100, 100, 100]);
  });

  test('writeOhlcPath fills and returns the given array', () => {
    const out = [0, 0, 0, 0];
    assert.equal(writeOhlcPath(out, 100, 105, 97, 102), out);
    assert.deepEqual(out, [100, 97, 105, 102]);
  });

  test('firstTouch: the start if already beyond, otherwise the level on the first segment reaching it', () => {
    const path = [100, 102, 95, 98];
    const start = { price: 100, segment: 0 };
    assert.equal(firstTouch(path, start, 101, 'down'), start); // 100 ≤ 101 already
    assert.deepEqual(firstTouch(path, start, 96, 'down'), { price: 96, segment: 1 }); // on 102 → 95
    assert.deepEqual(firstTouch(path, start, 101, 'up'), { price: 101, segment: 0 }); // on 100 → 102
    assert.deepEqual(firstTouch(path, start, 97, 'up'), start);
    assert.equal(firstTouch(path, start, 103, 'up'), undefined);
    assert.equal(firstTouch(path, start, 94, 'down'), undefined);
    // From the middle of segment 1, looking up: 96 → 95 → 98 reaches 97 on segment 2.
    assert.deepEqual(firstTouch(path, { price: 96, segment: 1 }, 97, 'up'), { price: 97, segment: 2 });
  });
});

describe('walkBar', () => {
  // O=100, H=102, L=95, C=98; high nearer → path 100 → 102 → 95 → 98.
  const path = ohlcPath(100, 102, 95, 98);

  test('MARKET fills at the open', () => {
    assert.deepEqual(walkBar({ side: 'BUY', type: 'MARKET', triggered: false }, path), {
      kind: 'fill',
      fill: { priceRaw: 100, segment: 0, distance: 0, viaStop: false, passive: false },
    });
    assert.deepEqual(walkBar({ side: 'SELL', type: 'MARKET', triggered: false }, path), {
      kind: 'fill',
      fill: { priceRaw: 100, segment: 0, distance: 0, viaStop: false, passive: false },
    });
  });

  describe('LIMIT buy', () => {
    test('open already below the limit (gap) → fills at the open, as a taker', () => {
      assert.deepEqual(walkBar(limit('BUY', 105), path), {
        kind: 'fill',
        fill: { priceRaw: 100, segment: 0, distance: 0, viaStop: false, passive: false },
      });
    });
    test('touched later → fills at the limit, passively', () => {
      // 96 is reached on segment 1 (102 → 95), |96 − 102| = 6 along it.
      assert.deepEqual(walkBar(limit('BUY', 96), path), {
        kind: 'fill',
        fill: { priceRaw: 96, segment: 1, distance: 6, viaStop: false, passive: true },
      });
    });
    test('exactly at the low counts as reached', () => {
      const outcome = walkBar(limit('BUY', 95), path);
      assert.equal(outcome?.kind, 'fill');
      if (outcome?.kind === 'fill') assert.equal(outcome.fill.priceRaw, 95);
    });
    test('not reached → undefined', () => {
      assert.equal(walkBar(limit('BUY', 94), path), undefined);
    });
  });

  describe('LIMIT sell (mirror)', () => {
    test('open already above the limit → fills at the open', () => {
      assert.deepEqual(walkBar(limit('SELL', 99), path), {
        kind: 'fill',
        fill: { priceRaw: 100, segment: 0, distance: 0, viaStop: false, passive: false },
      });
    });
    test('touched → fills at the limit', () => {
      // 101 on segment 0 (100 → 102), |101 − 100| = 1.
      assert.deepEqual(walkBar(limit('SELL', 101), path), {
        kind: 'fill',
        fill: { priceRaw: 101, segment: 0, distance: 1, viaStop: false, passive: true },
      });
    });
    test('not reached → undefined', () => {
      assert.equal(walkBar(limit('SELL', 103), path), undefined);
    });
  });

  describe('STOP_MARKET', () => {
    test('buy: open gapped above the trigger → fills at the open', () => {
      assert.deepEqual(walkBar(stop('BUY', 99), path), {
        kind: 'fill',
        fill: { priceRaw: 100, segment: 0, distance: 0, viaStop: true, passive: false },
      });
    });
    test('buy: touched → fills at the trigger, as a taker', () => {
      assert.deepEqual(walkBar(stop('BUY', 101), path), {
        kind: 'fill',
        fill: { priceRaw: 101, segment: 0, distance: 1, viaStop: true, passive: false },
      });
    });
    test('buy: not reached → undefined', () => {
      assert.equal(walkBar(stop('BUY', 103), path), undefined);
    });
    test('sell: gap and touch', () => {
      assert.deepEqual(walkBar(stop('SELL', 101), path), {
        kind: 'fill',
        fill: { priceRaw: 100, segment: 0, distance: 0, viaStop: true, passive: false },
      });
      // 97 on segment 1 (102 → 95): |97 − 102| = 5.
      assert.deepEqual(walkBar(stop('SELL', 97), path), {
        kind: 'fill',
        fill: { priceRaw: 97, segment: 1, distance: 5, viaStop: true, passive: false },
      });
      assert.equal(walkBar(stop('SELL', 94), path), undefined);
    });
  });

  describe('STOP_LIMIT', () => {
    // O=100, H=105, L=94, C=98: |H−O| = 5 ≤ |O−L| = 6 → path 100 → 105 → 94 → 98.
    const upFirst = ohlcPath(100, 105, 94, 98);

    test('buy: triggered on the way up, limit reached later in the same bar', () => {
      assert.deepEqual(upFirst, [100, 105, 94, 98]);
      // Trigger 104 on segment 0; the limit 101 (buy: ≤ 101) is then reached on segment 1 (105 → 94),
      // |101 − 105| = 4.
      assert.deepEqual(walkBar(stopLimit('BUY', 104, 101), upFirst), {
        kind: 'fill',
        fill: { priceRaw: 101, segment: 1, distance: 4, viaStop: true, passive: true },
      });
    });

    test('buy: limit at or above the trigger fills at the trigger point', () => {
      // Trigger 104 on segment 0 (|104 − 100| = 4); 104 ≤ 104 satisfies the limit at once.
      assert.deepEqual(walkBar(stopLimit('BUY', 104, 104), upFirst), {
        kind: 'fill',
        fill: { priceRaw: 104, segment: 0, distance: 4, viaStop: true, passive: false },
      });
    });

    test('sell: triggered on the way down, limit reached on the way back up', () => {
      // path 100 → 102 → 95 → 98: trigger 96 on segment 1; limit 97 (sell: ≥ 97) on segment 2 (95 → 98),
      // |97 − 95| = 2.
      assert.deepEqual(walkBar(stopLimit('SELL', 96, 97), path), {
        kind: 'fill',
        fill: { priceRaw: 97, segment: 2, distance: 2, viaStop: true, passive: true },
      });
    });

    test('triggered but the limit is never reached → triggered', () => {
      // Trigger 104 reached; limit 93 is below the low 94.
      assert.deepEqual(walkBar(stopLimit('BUY', 104, 93), upFirst), { kind: 'triggered' });
      // Sell: trigger 96 reached; limit 99 never reached after it (95 → 98).
      assert.deepEqual(walkBar(stopLimit('SELL', 96, 99), path), { kind: 'triggered' });
    });

    test('trigger not reached → undefined (even if the limit would be)', () => {
      assert.equal(walkBar(stopLimit('BUY', 106, 101), upFirst), undefined);
    });

    test('already triggered on an earlier bar: behaves as a plain limit', () => {
      // The trigger (200) is ignored. Limit 101: the open 100 ≤ 101 → the open.
      const atOpen = walkBar(stopLimit('BUY', 200, 101, true), upFirst);
      assert.deepEqual(atOpen, {
        kind: 'fill',
        fill: { priceRaw: 100, segment: 0, distance: 0, viaStop: true, passive: false },
      });
      // Limit 96: reached on segment 1 (105 → 94), |96 − 105| = 9, exactly like a LIMIT order.
      const later = walkBar(stopLimit('BUY', 200, 96, true), upFirst);
      const plain = walkBar(limit('BUY', 96), upFirst);
      assert.deepEqual(later, {
        kind: 'fill',
        fill: { priceRaw: 96, segment: 1, distance: 9, viaStop: true, passive: true },
      });
      assert.ok(later?.kind === 'fill' && plain?.kind === 'fill');
      if (later?.kind === 'fill' && plain?.kind === 'fill') {
        assert.deepEqual({ ...later.fill, viaStop: false }, plain.fill);
      }
      // Limit never reached → still triggered.
      assert.deepEqual(walkBar(stopLimit('BUY', 200, 90, true), upFirst), { kind: 'triggered' });
    });
  });

  test('property: fills lie inside the bar, and a LIMIT fill is never worse than the limit', () => {
    const bar = fc
      .tuple(
        fc.integer({ min: 50, max: 150 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 1000 }),
      )
      .map(([open, up, down, c]) => {
        const high = open + up;
        const low = open - down;
        const close = low + (c % (high - low + 1));
        return ohlcPath(open, high, low, close);
      });
    fc.assert(
      fc.property(
        bar,
        fc.constantFrom<OrderSide>('BUY', 'SELL'),
        fc.integer({ min: 20, max: 180 }),
        (p, side, level) => {
          const low = Math.min(...p);
          const high = Math.max(...p);
          const outcome = walkBar(limit(side, level), p);
          if (outcome === undefined) {
            // Not reached: every price of the bar is on the wrong side of the limit.
            assert.ok(side === 'BUY' ? low > level : high < level);
            return;
          }
          assert.equal(outcome.kind, 'fill');
          if (outcome.kind !== 'fill') return;
          const px = outcome.fill.priceRaw;
          assert.ok(px >= low && px <= high);
          assert.ok(side === 'BUY' ? px <= level : px >= level);
          assert.ok(outcome.fill.segment >= 0 && outcome.fill.segment <= 2);
        },
      ),
    );
  });
});
