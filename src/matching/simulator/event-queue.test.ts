import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRandom } from '../../core/random.js';
import { EventQueue } from './event-queue.js';

describe('EventQueue', () => {
  test('pops by time, ties in scheduling order', () => {
    const q = new EventQueue();
    const seen: string[] = [];
    q.schedule(20, () => seen.push('b'));
    q.schedule(10, () => seen.push('a'));
    q.schedule(20, () => seen.push('c'));
    q.schedule(5, () => seen.push('first'));
    q.schedule(20, () => seen.push('d'));
    assert.equal(q.peekTime(), 5);
    const times: number[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) {
      times.push(e.time);
      e.action();
    }
    assert.deepEqual(seen, ['first', 'a', 'b', 'c', 'd']);
    assert.deepEqual(times, [5, 10, 20, 20, 20]);
    assert.equal(q.size, 0);
    assert.equal(q.pop(), undefined);
  });

  test('matches a sort by (time, sequence) on random schedules', () => {
    const rng = new SeededRandom(7);
    const q = new EventQueue();
    const expected: { time: number; seq: number }[] = [];
    const got: number[] = [];
    let seq = 0;
    for (let i = 0; i < 2000; i++) {
      const time = Math.floor(rng.next() * 50);
      const s = seq++;
      q.schedule(time, () => got.push(s));
      expected.push({ time, seq: s });
    }
    const order = expected.sort((a, b) => a.time - b.time || a.seq - b.seq).map((e) => e.seq);
    for (let e = q.pop(); e !== undefined; e = q.pop()) e.action();
    assert.deepEqual(got, order);
  });

  test('rejects non-integer times', () => {
    assert.throws(() => new EventQueue().schedule(1.5, () => {}), /safe integer/);
  });
});
