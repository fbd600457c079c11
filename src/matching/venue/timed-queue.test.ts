import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TimedQueue } from './timed-queue.js';

describe('TimedQueue', () => {
  test('property: pops by time, equal times in push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const queue = new TimedQueue<number>();
        times.forEach((t, i) => queue.push(t, i));
        const expected = times.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const got: number[][] = [];
        while (queue.size > 0) {
          const t = queue.peekTime() as number;
          got.push([t, queue.pop() as number]);
        }
        assert.deepEqual(got, expected);
        assert.equal(queue.pop(), undefined);
        assert.equal(queue.peekTime(), undefined);
      }),
    );
  });
});
