import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose } from './assert-close.js';
import type { ReturnStats } from './return-stats.js';
import { annualizedVolatility, calmarRatio, sharpeRatio, sortinoRatio } from './risk-ratios.js';

const stats: ReturnStats = { count: 10, mean: 0.002, stdev: 0.01, downsideDeviation: 0.005 };

test('annualization by √ppy', () => {
  // 0.01 × √252
  assertClose(annualizedVolatility(stats, 252), 0.01 * Math.sqrt(252), 'vol');
  // (0.002 − 0) / 0.01 × √252 = 0.2 × 15.8745… = 3.1749…
  assertClose(sharpeRatio(stats, 0, 252), 0.2 * Math.sqrt(252), 'sharpe');
  // (0.002 − 0.0005) / 0.01 × √252 = 0.15 × √252
  assertClose(sharpeRatio(stats, 0.0005, 252), 0.15 * Math.sqrt(252), 'sharpe rf');
  // (0.002 − 0.0005) / 0.005 × √252 = 0.3 × √252
  assertClose(sortinoRatio(stats, 0.0005, 252), 0.3 * Math.sqrt(252), 'sortino rf');
});

test('division by zero and missing inputs give null', () => {
  assert.equal(annualizedVolatility(stats, null), null);
  assert.equal(sharpeRatio({ ...stats, stdev: 0 }, 0, 252), null);
  assert.equal(sharpeRatio({ ...stats, stdev: 1e-17 }, 0, 252), null); // rounding noise
  assert.equal(sharpeRatio({ ...stats, count: 1, stdev: NaN }, 0, 252), null);
  assert.equal(sortinoRatio({ ...stats, downsideDeviation: 0 }, 0, 252), null);
  assert.equal(calmarRatio(0.3, 0), null);
  assert.equal(calmarRatio(null, 0.1), null);
  assertClose(calmarRatio(0.3, 0.15), 2, 'calmar'); // 0.3 / 0.15
});
