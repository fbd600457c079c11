import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { assertClose } from './assert-close.js';
import { cagr, totalReturn } from './growth.js';
import { periodReturns } from './period-returns.js';
import { periodsPerYear, YEAR_US, yearsBetween } from './time-span.js';

test('total return and CAGR', () => {
  assertClose(totalReturn(100, 121), 0.21, 'total'); // 121 / 100 − 1
  assertClose(cagr(100, 121, 2), 0.1, 'cagr'); // 1.21^(1/2) − 1
  assertClose(cagr(100, 150, 0.5), 1.25, 'cagr half year'); // 1.5^2 − 1
  assert.equal(cagr(100, 121, 0), null);
  assert.equal(cagr(100, 0, 1), null);
  assert.equal(cagr(100, -5, 1), null);
  assert.equal(totalReturn(0, 10), null);
});

test('years and periods per year', () => {
  assert.equal(YEAR_US, 365.25 * 86_400 * 1e6);
  assert.equal(yearsBetween(0, 730.5 * US.DAY), 2);
  // Weekdays only, Monday of week 0 to Monday of week 52: 52 × 5 + 1 = 261 points,
  // 260 returns over 364 days → 260 × 365.25 / 364 ≈ 260.89 (≈ 252 once holidays go too)
  assert.equal(periodsPerYear(260, 364 * US.DAY), (260 * 365.25) / 364);
  // every day for a Julian year: 365.25 returns a year
  assert.equal(periodsPerYear(5, 5 * US.DAY), 365.25);
  assert.equal(periodsPerYear(0, US.DAY), null);
  assert.equal(periodsPerYear(3, 0), null);
});

test('period returns', () => {
  const r = periodReturns([100, 110, 99]);
  assert.ok(r !== null);
  assertClose(r[0], 0.1, 'r1'); // 110 / 100 − 1
  assertClose(r[1], -0.1, 'r2'); // 99 / 110 − 1
  assert.equal(periodReturns([5])?.length, 0);
  assert.equal(periodReturns([100, 0, 10]), null); // 10 / 0
  assert.equal(periodReturns([100, -1, 10]), null);
  assert.equal(periodReturns([100, 50, 0])?.length, 2); // a zero at the end is fine: r = −1
});
