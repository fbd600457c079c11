import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose } from './assert-close.js';
import { returnStats } from './return-stats.js';

test('mean, sample stdev and downside deviation', () => {
  // r = 0.02, −0.01, 0.04, −0.03: mean 0.02 / 4 = 0.005
  // deviations 0.015, −0.015, 0.035, −0.035 → squares sum 2 × (0.000225 + 0.001225) = 0.0029
  // stdev = √(0.0029 / 3)
  // downside below 0: (0.0001 + 0.0009) / 4 = 0.00025 → √0.00025
  const s = returnStats([0.02, -0.01, 0.04, -0.03]);
  assert.equal(s.count, 4);
  assertClose(s.mean, 0.005, 'mean');
  assertClose(s.stdev, Math.sqrt(0.0029 / 3), 'stdev');
  assertClose(s.downsideDeviation, Math.sqrt(0.00025), 'downside');

  // target 0.01: shortfalls −0.02, −0.04 → (0.0004 + 0.0016) / 4 = 0.0005
  assertClose(returnStats([0.02, -0.01, 0.04, -0.03], 0.01).downsideDeviation, Math.sqrt(0.0005), 'dd');
});

test('too few returns leave the statistics undefined', () => {
  assert.ok(Number.isNaN(returnStats([]).mean));
  assert.ok(Number.isNaN(returnStats([]).downsideDeviation));
  assert.ok(Number.isNaN(returnStats([0.1]).stdev));
});

test('stable for a large offset with small spread', () => {
  // 1e8 ± 1 alternating, 1,000,000 values: sample variance n / (n − 1) ≈ 1.000001.
  // Σx² − n·mean² would lose every digit here (Σx² ≈ 1e22, beyond 2^53).
  const n = 1_000_000;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = 1e8 + (i % 2 === 0 ? 1 : -1);
  assertClose(returnStats(values).stdev, Math.sqrt(n / (n - 1)), 'stdev', 1e-9);
});
