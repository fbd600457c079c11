import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClosedTrade } from './metrics-input.js';
import { tradeStats } from './trade-stats.js';

const withPnl = (pnls: number[]): ClosedTrade[] =>
  pnls.map((pnl, i) => ({
    entryTimeUs: i,
    exitTimeUs: i + 1,
    instrumentId: 'ESZ4.CME',
    side: i % 2 === 0 ? 'LONG' : 'SHORT',
    quantity: 1,
    entryPrice: 100,
    exitPrice: 100,
    pnl,
    fees: 1,
  }));

test('wins, losses and a scratch trade', () => {
  // pnl 100, −25, 0, 60, −75, 40
  // wins 100, 60, 40 (sum 200); losses −25, −75 (sum −100); net 100 over 6 trades
  assert.deepEqual(tradeStats(withPnl([100, -25, 0, 60, -75, 40])), {
    trades: 6,
    winRate: 0.5, // 3 / 6: the scratch trade is not a win but is counted
    profitFactor: 2, // 200 / |−100|
    averageWin: 200 / 3,
    averageLoss: -50, // −100 / 2
    expectancy: 100 / 6,
  });
});

test('only losses: profit factor 0, no average win', () => {
  // pnl −10, −30 → profit factor 0 / 40 = 0
  assert.deepEqual(tradeStats(withPnl([-10, -30])), {
    trades: 2,
    winRate: 0,
    profitFactor: 0,
    averageWin: null,
    averageLoss: -20,
    expectancy: -20,
  });
});

test('only wins: profit factor undefined', () => {
  assert.deepEqual(tradeStats(withPnl([5, 15])), {
    trades: 2,
    winRate: 1,
    profitFactor: null, // 20 / 0
    averageWin: 10,
    averageLoss: null,
    expectancy: 10,
  });
});

test('no trades', () => {
  assert.deepEqual(tradeStats([]), {
    trades: 0,
    winRate: null,
    profitFactor: null,
    averageWin: null,
    averageLoss: null,
    expectancy: null,
  });
});
