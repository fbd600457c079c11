import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dailyBars, flatBars, testInstrument, USD } from '../support/bars.js';
import { BacktestEngine } from '../../src/backtest/backtest-engine.js';
import type { Bar } from '../../src/model/data/bar.js';
import type { Strategy } from '../../src/strategy/strategy.js';
import { parseStrategyParams } from '../../src/strategy/strategy-params.js';
import { Breakout } from '../../src/strategy/builtin/breakout.js';
import { BUILTIN_STRATEGIES } from '../../src/strategy/builtin/registry.js';
import { RsiReversion } from '../../src/strategy/builtin/rsi-reversion.js';
import { SmaCross } from '../../src/strategy/builtin/sma-cross.js';

const X = testInstrument('X');

function backtest(strategy: Strategy<object>, bars: Bar[]) {
  const engine = new BacktestEngine({ currency: USD, startingCash: 1_000_000, fillMode: 'close' });
  engine.addInstrument(X);
  engine.addBars(bars);
  engine.addStrategy(strategy);
  return engine.run();
}

describe('sma-cross', () => {
  test('is long exactly while SMA(fast) > SMA(slow), flat otherwise', () => {
    // Falls, rises, falls: with fast=2, slow=4 the crossings are easy to compute by hand.
    const closes = [10, 9, 8, 7, 6, 7, 8, 9, 10, 11, 10, 9, 8, 7, 6];
    const result = backtest(new SmaCross({ fast: 2, slow: 4, qty: 3 }, 'sma'), flatBars(X.id, closes));
    // SMA2 > SMA4 first at index 6 (8.5 > 7.5) → buy at close 8; SMA2 ≤ SMA4 first at index 11
    // (SMA2 = 9.5, SMA4 = 10.0) → sell at close 9.
    assert.deepEqual(
      result.fills.toArray().map((f) => [f.side, f.lastPx.toString(), f.lastQty.toString()]),
      [
        ['BUY', '8.00', '3'],
        ['SELL', '9.00', '3'],
      ],
    );
    assert.equal(result.roundTrips[0].pnlRaw, 300);
  });

  test('parameters: defaults, validation, unknown names', () => {
    const cls = BUILTIN_STRATEGIES['sma-cross'];
    const ok = parseStrategyParams(cls, 'sma-cross', { fast: '5' });
    assert.ok(ok.ok);
    assert.deepEqual(ok.value, { fast: 5, slow: 30, qty: 100 });
    const unknown = parseStrategyParams(cls, 'sma-cross', { fats: '5' });
    assert.ok(!unknown.ok);
    assert.match(
      unknown.error.join(),
      /unknown parameter 'fats' for strategy sma-cross \(known: fast, slow, qty\)/,
    );
    const bad = parseStrategyParams(cls, 'sma-cross', { fast: 'abc' });
    assert.ok(!bad.ok);
    assert.match(bad.error.join(), /parameter 'fast' of strategy sma-cross = abc/);
    const crossed = parseStrategyParams(cls, 'sma-cross', { fast: '50', slow: '20' });
    assert.ok(!crossed.ok);
    assert.match(crossed.error.join(), /fast must be smaller than slow/);
  });
});

describe('rsi-reversion', () => {
  test('buys when RSI falls below oversold and exits above overbought', () => {
    const closes = [50, 49, 48, 47, 46, 45, 46, 47, 48, 49, 50, 51];
    const result = backtest(
      new RsiReversion({ period: 3, oversold: 30, overbought: 70, qty: 1, short: false }, 'rsi'),
      flatBars(X.id, closes),
    );
    // RSI(3) is 0 from the 4th close (three straight losses) → buy at 47; after three gains
    // in a row (46→47→48) the average loss decays below the gains and RSI passes 70.
    assert.equal(result.fills.at(0)!.side, 'BUY');
    assert.equal(result.fills.at(0)!.lastPx.toString(), '47.00');
    assert.equal(result.fills.at(1)!.side, 'SELL');
    assert.ok(result.fills.at(1)!.lastPx.asNumber() > 47);
  });
});

describe('breakout', () => {
  test('enters on a close above the previous N-bar high and exits below the M-bar low', () => {
    const ohlc: [number, number, number, number][] = [
      [10, 10.5, 9.5, 10],
      [10, 10.6, 9.6, 10.2],
      [10.2, 10.4, 9.8, 10.1],
      [10.1, 11.2, 10, 11], // close 11 > highest high 10.6 of the 3 bars before → buy
      [11, 11.5, 10.8, 11.3],
      [11.3, 11.4, 10.5, 10.6], // close 10.6 ≥ lowest low 10.0 of the previous 2 bars → hold
      [10.6, 10.7, 9.5, 9.8], // close 9.8 < lowest low 10.5 of the previous 2 bars → exit
    ];
    const result = backtest(
      new Breakout({ period: 3, exitPeriod: 2, qty: 1, short: false }, 'bo'),
      dailyBars(X.id, ohlc),
    );
    assert.deepEqual(
      result.fills.toArray().map((f) => [f.side, f.lastPx.toString()]),
      [
        ['BUY', '11.00'],
        ['SELL', '9.80'],
      ],
    );
  });
});
