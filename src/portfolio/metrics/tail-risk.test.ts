import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose } from './assert-close.js';
import { historicalTailRisk95 } from './tail-risk.js';

test('21 returns: k = ⌈1.05⌉ = 2', () => {
  // two losses −0.05 and −0.03 among nineteen +0.01, out of order
  const returns = [0.01, 0.01, -0.03, ...Array<number>(17).fill(0.01), -0.05];
  assert.equal(returns.length, 21);
  const t = historicalTailRisk95(returns);
  assertClose(t.var95, 0.03, 'var95'); // 2nd smallest is −0.03
  assertClose(t.cvar95, 0.04, 'cvar95'); // −(−0.05 − 0.03) / 2
});

test('20 returns: k = 1; 41 returns: k = 3', () => {
  const twenty = [-0.04, -0.02, ...Array<number>(18).fill(0.01)];
  assert.deepEqual(historicalTailRisk95(twenty), { var95: 0.04, cvar95: 0.04 });

  // k = ⌈2.05⌉ = 3: smallest −0.06, −0.03, −0.03 → VaR 0.03, CVaR 0.12 / 3 = 0.04
  const fortyOne = [-0.03, -0.06, -0.03, -0.01, ...Array<number>(37).fill(0.02)];
  const t = historicalTailRisk95(fortyOne);
  assertClose(t.var95, 0.03, 'var95');
  assertClose(t.cvar95, 0.04, 'cvar95');
});

test('a tail of gains gives a negative VaR', () => {
  // k = 1, smallest return +0.01 → VaR −0.01
  assert.deepEqual(historicalTailRisk95([0.02, 0.01]), { var95: -0.01, cvar95: -0.01 });
});

test('no returns: null', () => {
  assert.deepEqual(historicalTailRisk95([]), { var95: null, cvar95: null });
});

test('the caller’s returns are not reordered', () => {
  const returns = Float64Array.from([0.03, -0.01, 0.02]);
  historicalTailRisk95(returns);
  assert.deepEqual(Array.from(returns), [0.03, -0.01, 0.02]);
});
