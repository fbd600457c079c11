import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { timeInMarket } from './exposure.js';

// Thu, Fri, Mon, Tue: intervals of 1, 3 (over the weekend) and 1 days; span 5 days.
const ts = [0, 1, 4, 5].map((d) => d * US.DAY);

test('weighted by interval length', () => {
  // exposed Thu→Fri and Mon→Tue: (1 + 1) / 5
  assert.equal(timeInMarket(ts, [true, false, true]), 0.4);
  // exposed over the weekend only: 3 / 5
  assert.equal(timeInMarket(ts, [0, 1, 0]), 0.6);
  assert.equal(timeInMarket(ts, Uint8Array.from([1, 1, 1])), 1);
});

test('a trailing flag for the last point is ignored', () => {
  assert.equal(timeInMarket(ts, [false, false, false, true]), 0);
});

test('no span: null', () => {
  assert.equal(timeInMarket([], []), null);
  assert.equal(timeInMarket([7], [true]), null);
});
