import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { assertClose } from './assert-close.js';
import { drawdownStats } from './drawdown.js';

const days = (...d: number[]): number[] => d.map((x) => x * US.DAY);

test('bars and days are maximized independently on irregular spacing', () => {
  // day:    0    10   20   21  22  23  24  25
  // equity: 100  90   100  99  98  97  96  95
  // episode A: peak day 0 → back to 100 on day 20: 2 bars, 20 days, depth 10/100 = 0.10
  // episode B: peak day 20 → never recovers, ends day 25: 5 bars, 5 days, depth 5/100
  const s = drawdownStats({
    ts: days(0, 10, 20, 21, 22, 23, 24, 25),
    equity: [100, 90, 100, 99, 98, 97, 96, 95],
  });
  assertClose(s.maxDrawdown, 0.1, 'maxDrawdown');
  assert.equal(s.maxDurationBars, 5); // from B
  assert.equal(s.maxDurationDays, 20); // from A
});

test('an episode starts from the last point at the peak', () => {
  // 100, 100, 100, 90, 100: the fall starts after index 2, recovery at index 4 → 2 bars
  const s = drawdownStats({ ts: days(0, 1, 2, 3, 4), equity: [100, 100, 100, 90, 100] });
  assert.equal(s.maxDurationBars, 2);
  assert.equal(s.maxDurationDays, 2);
  assertClose(s.maxDrawdown, 0.1, 'maxDrawdown'); // (100 − 90) / 100
});

test('the deepest drawdown need not be the longest', () => {
  // 100, 50, 120, 110, 115, 118, 119: deepest 50/100 = 0.5 lasting 2 bars;
  // longest 120 → (never back) over 4 bars, depth (120 − 110)/120 = 1/12
  const s = drawdownStats({
    ts: days(0, 1, 2, 3, 4, 5, 6),
    equity: [100, 50, 120, 110, 115, 118, 119],
  });
  assertClose(s.maxDrawdown, 0.5, 'maxDrawdown');
  assert.equal(s.maxDurationBars, 4);
  assert.equal(s.maxDurationDays, 4);
});

test('fractional days', () => {
  // peak at 0, below at 6 h, back at 36 h → 1.5 days, 2 bars
  const s = drawdownStats({ ts: [0, 6 * US.HOUR, 36 * US.HOUR], equity: [10, 9, 10] });
  assert.equal(s.maxDurationDays, 1.5);
  assert.equal(s.maxDurationBars, 2);
});

test('monotone rise has no drawdown', () => {
  const s = drawdownStats({ ts: days(0, 1, 2), equity: [1, 2, 3] });
  assert.deepEqual(s, { maxDrawdown: 0, maxDurationBars: 0, maxDurationDays: 0 });
});

test('equity going negative gives a drawdown above 100 %', () => {
  // (100 − (−20)) / 100 = 1.2; never recovers: 3 bars
  const s = drawdownStats({ ts: days(0, 1, 2, 3), equity: [100, 50, -20, 10] });
  assertClose(s.maxDrawdown, 1.2, 'maxDrawdown');
  assert.equal(s.maxDurationBars, 3);
});

test('no positive peak: depth undefined, duration still measured', () => {
  // peaks −10 then −5; falls to −8 after index 1 → 1 bar under water
  const s = drawdownStats({ ts: days(0, 1, 2), equity: [-10, -5, -8] });
  assert.equal(s.maxDrawdown, null);
  assert.equal(s.maxDurationBars, 1);
});

test('empty and single-point curves', () => {
  assert.deepEqual(drawdownStats({ ts: [], equity: [] }), {
    maxDrawdown: null,
    maxDurationBars: null,
    maxDurationDays: null,
  });
  assert.deepEqual(drawdownStats({ ts: [0], equity: [5] }), {
    maxDrawdown: 0,
    maxDurationBars: 0,
    maxDurationDays: 0,
  });
});
