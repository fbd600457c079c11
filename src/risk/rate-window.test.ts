import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RateWindow } from './rate-window.js';

describe('RateWindow', () => {
  it('allows count events in any window span, counting only recorded ones', () => {
    const window = new RateWindow(2, 1000);
    assert.equal(window.allows(0), true);
    window.record(0);
    window.record(400);
    assert.equal(window.allows(999), false);
    assert.equal(window.inWindow(999), 2);
    assert.equal(window.allows(1000), true); // the event at 0 left (1000 − 1000, 1000]
    window.record(1000);
    assert.equal(window.allows(1399), false);
    assert.equal(window.allows(1400), true);
    assert.equal(window.inWindow(1400), 1);
  });

  it('matches a naive count over random streams', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const window = new RateWindow(5, 100);
    const accepted: number[] = [];
    let t = 0;
    for (let i = 0; i < 2000; i++) {
      t += Math.floor(next() * 40);
      const naive = accepted.filter((x) => x > t - 100).length < 5;
      assert.equal(window.allows(t), naive, `at ${t}`);
      if (naive) {
        window.record(t);
        accepted.push(t);
      }
    }
  });
});
