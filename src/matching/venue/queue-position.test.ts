import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aheadAfterCancel, fillFromTrade, QueueAssumption, type QueueSlot } from './queue-position.js';

describe('aheadAfterCancel', () => {
  // 10 of the level's 20 lots are ahead of us; 6 lots are cancelled.
  test('pessimistic: cancellations come from behind us', () => {
    assert.equal(aheadAfterCancel(10, 20, 6, 'pessimistic'), 10);
    // ... until the level is smaller than what was ahead of us.
    assert.equal(aheadAfterCancel(10, 20, 15, 'pessimistic'), 5);
  });

  test('proportional: from ahead in proportion to our position (rounded half away from zero)', () => {
    assert.equal(aheadAfterCancel(10, 20, 6, 'proportional'), 7); // 6 × 10/20 = 3 from ahead
    assert.equal(aheadAfterCancel(5, 20, 6, 'proportional'), 3); // 6 × 5/20 = 1.5 → 2
    assert.equal(aheadAfterCancel(20, 20, 6, 'proportional'), 14); // all were ahead
  });

  test('optimistic: from ahead of us first', () => {
    assert.equal(aheadAfterCancel(10, 20, 6, 'optimistic'), 4);
    assert.equal(aheadAfterCancel(10, 20, 12, 'optimistic'), 0);
  });

  test('property: never more ahead than before or than the level holds, and order-preserving', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...Object.values(QueueAssumption)),
        (level, x, y, c, assumption) => {
          const [a, b] = [x % (level + 1), y % (level + 1)].sort((p, q) => p - q);
          const canceled = c % (level + 1);
          const a2 = aheadAfterCancel(a, level, canceled, assumption);
          const b2 = aheadAfterCancel(b, level, canceled, assumption);
          assert.ok(a2 >= 0 && a2 <= a && a2 <= level - canceled);
          assert.ok(a2 <= b2, `${a}→${a2} vs ${b}→${b2}`);
        },
      ),
    );
  });
});

describe('fillFromTrade', () => {
  test('a trade consumes the queue ahead first, then fills us, then the others between our orders', () => {
    const queue: QueueSlot[] = [
      { ahead: 5, leaves: 3 },
      { ahead: 8, leaves: 3 },
    ];
    assert.deepEqual(fillFromTrade(queue, 4), [0, 0]);
    assert.deepEqual(
      queue.map((s) => s.ahead),
      [1, 4],
    );
    assert.deepEqual(fillFromTrade(queue, 3), [2, 0]); // 1 ahead, 2 of our first order
  });

  test('property: fills never exceed the trade nor each order; the queue ahead goes first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 20 })), { maxLength: 6 }),
        fc.nat(200),
        (raw, quantity) => {
          let ahead = 0;
          const queue: QueueSlot[] = raw.map(([gap, leaves]) => ({ ahead: (ahead += gap), leaves }));
          const before = queue.map((s) => s.ahead);
          const fills = fillFromTrade(queue, quantity);
          assert.ok(fills.reduce((a, b) => a + b, 0) <= quantity);
          fills.forEach((f, i) => {
            assert.ok(f >= 0 && f <= queue[i].leaves);
            if (f > 0) assert.equal(queue[i].ahead, 0);
            // Filled only with everything ahead of it (others and our earlier orders) gone.
            const ours = fills.slice(0, i).reduce((a, b) => a + b, 0);
            if (f > 0) assert.ok(quantity >= before[i] + ours + f);
          });
          for (let i = 1; i < queue.length; i++) assert.ok(queue[i - 1].ahead <= queue[i].ahead);
        },
      ),
    );
  });
});
