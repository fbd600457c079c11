import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Ring } from './market-history.js';

describe('Ring', () => {
  it('keeps the newest `capacity` items in order (against an array model)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer(), { maxLength: 100 }),
        fc.integer({ min: 0, max: 30 }),
        (capacity, items, n) => {
          const ring = new Ring<number>(capacity);
          for (const item of items) ring.push(item);
          const kept = items.slice(-capacity);
          assert.equal(ring.size, kept.length);
          assert.deepEqual(ring.last(n), n === 0 ? [] : kept.slice(-n));
        },
      ),
    );
  });
});
