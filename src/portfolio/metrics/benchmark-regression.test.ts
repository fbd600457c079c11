import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { assertClose } from './assert-close.js';
import { benchmarkAlphaBeta } from './benchmark-regression.js';

const days = (...d: number[]): number[] => d.map((x) => x * US.DAY);

// Curve on days 0..5; the benchmark has no day 3 and an extra day 6.
const curve = { ts: days(0, 1, 2, 3, 4, 5), equity: [100, 110, 99, 99, 118.8, 89.1] };
const benchmark = { ts: days(0, 1, 2, 4, 5, 6), price: [100, 105, 100.8, 110.88, 99.792, 120] };

/*
 * Common timestamps: days 0, 1, 2, 4, 5 → four aligned intervals.
 *   rs: 110/100 − 1 = 0.10, 99/110 − 1 = −0.10, 118.8/99 − 1 = 0.20, 89.1/118.8 − 1 = −0.25
 *   rb: 105/100 − 1 = 0.05, 100.8/105 − 1 = −0.04, 110.88/100.8 − 1 = 0.10, 99.792/110.88 − 1 = −0.10
 *   mean rs = −0.05 / 4 = −0.0125;  mean rb = 0.01 / 4 = 0.0025
 *   deviations rs: 0.1125, −0.0875, 0.2125, −0.2375
 *   deviations rb: 0.0475, −0.0425, 0.0975, −0.1025
 *   Σ dev_s·dev_b = 0.00534375 + 0.00371875 + 0.02071875 + 0.02434375 = 0.054125
 *   Σ dev_b²      = 0.00225625 + 0.00180625 + 0.00950625 + 0.01050625 = 0.024075
 *   beta = (0.054125 / 3) / (0.024075 / 3) = 2.248183…
 *   ppy of the aligned returns = 4 returns over 5 days = 4 × 365.25 / 5 = 292.2
 *   alpha = (−0.0125 − beta × 0.0025) × 292.2 = −5.29468…
 */
const BETA = 0.054125 / 0.024075;
const ALPHA = (-0.0125 - BETA * 0.0025) * 292.2;

test('aligned on common timestamps, annualized at the aligned frequency', () => {
  const { beta, alpha } = benchmarkAlphaBeta(curve, benchmark, 0);
  assertClose(beta, BETA, 'beta');
  assertClose(alpha, ALPHA, 'alpha');
});

test('risk-free rate: beta unchanged, alpha shifted by −rf·(1 − beta)', () => {
  // rf = 0.2922 → 0.001 a period. Excess means: −0.0135 and 0.0015.
  //   alpha = (−0.0135 − beta × 0.0015) × 292.2
  //         = (−0.0125 − beta × 0.0025) × 292.2 − 0.001 × 292.2 × (1 − beta)
  const { beta, alpha } = benchmarkAlphaBeta(curve, benchmark, 0.2922);
  assertClose(beta, BETA, 'beta');
  assertClose(alpha, ALPHA - 0.2922 * (1 - BETA), 'alpha');
});

test('undefined regressions are null', () => {
  const none = { beta: null, alpha: null };
  // no common timestamps
  assert.deepEqual(benchmarkAlphaBeta(curve, { ts: days(10, 11, 12), price: [1, 2, 3] }, 0), none);
  // only one aligned return: no sample variance
  assert.deepEqual(benchmarkAlphaBeta(curve, { ts: days(0, 5), price: [1, 2] }, 0), none);
  // a benchmark that never moves has no variance to divide by
  assert.deepEqual(benchmarkAlphaBeta(curve, { ts: days(0, 1, 2), price: [5, 5, 5] }, 0), none);
  // a non-positive price at the start of an interval
  assert.deepEqual(benchmarkAlphaBeta(curve, { ts: days(0, 1, 2), price: [1, 0, 3] }, 0), none);
});
