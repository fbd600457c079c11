import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DurableRing } from './durable-ring.js';

describe('DurableRing', () => {
  it('after(seq) gives exactly the kept seqs above it, and a gap when some are gone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 60 }),
        fc.nat(70),
        (cap, count, from) => {
          const ring = new DurableRing(cap);
          for (let i = 0; i < count; i++) ring.append(i % 2 === 0 ? 'orders' : 'fills', `m${i + 1}`);
          const { entries, gap } = ring.after(from);
          const oldest = Math.max(1, count - cap + 1);
          const expected: number[] = [];
          for (let s = Math.max(from + 1, oldest); s <= count; s++) expected.push(s);
          assert.deepEqual(
            entries.map((e) => e.seq),
            from > count ? [] : expected,
          );
          for (const e of entries) assert.equal(e.text, `m${e.seq}`);
          assert.equal(gap, from > count || from + 1 < oldest);
        },
      ),
    );
  });
});
