import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TimedQueue } from './timed-queue.js';

describe('TimedQueue', () => {
  test('pops by time, then key, then push order', () => {
    const queue = new TimedQueue<string>();
    queue.push(5, 'e');
    queue.push(1, 'b', 2);
    queue.push(1, 'a', 1);
    queue.push(1, 'c', 2);
    queue.push(3, 'd');
    const got: string[] = [];
    for (let item = queue.pop(); item !== undefined; item = queue.pop()) got.push(item);
    assert.deepEqual(got, ['a', 'b', 'c', 'd', 'e']);
  });

  test('property: equals a stable sort by (time, key)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 200,
        }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (entries, popsBetween) => {
          // Interleave pushes and pops: a pop takes the least of what is in the queue.
          const queue = new TimedQueue<number>();
          const model: { time: number; key: number; index: number }[] = [];
          entries.forEach(([time, key], index) => {
            queue.push(time, index, key);
            model.push({ time, key, index });
            if (popsBetween[index]) {
              model.sort((a, b) => a.time - b.time || a.key - b.key || a.index - b.index);
              const expected = model.shift()!;
              assert.equal(queue.peekTime(), expected.time);
              assert.equal(queue.pop(), expected.index);
            }
          });
          model.sort((a, b) => a.time - b.time || a.key - b.key || a.index - b.index);
          for (const expected of model) assert.equal(queue.pop(), expected.index);
          assert.equal(queue.size, 0);
          assert.equal(queue.pop(), undefined);
          assert.equal(queue.peekTime(), undefined);
        },
      ),
    );
  });
});
