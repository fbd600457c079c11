import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertMatchesTtr, readTtrCsv, TTRC } from '../../test/support/ttr.js';
import { runIndicator } from './batch.js';
import { Rsi } from './momentum/rsi.js';
import { Ema } from './trend/ema.js';
import { Sma } from './trend/sma.js';
import { Donchian } from './volatility/donchian.js';

describe('TTR 0.24.3 reference (ttrc, 5,550 bars)', () => {
  test('sma(20) = SMA(Cl, 20)', () => {
    assertMatchesTtr(runIndicator(new Sma(20), TTRC.close).value, readTtrCsv('sma.csv').sma, 'sma');
  });
  test('ema(20) = EMA(Cl, 20)', () => {
    assertMatchesTtr(runIndicator(new Ema(20), TTRC.close).value, readTtrCsv('ema.csv').ema, 'ema');
  });
  test('rsi(14) = RSI(Cl, 14)', () => {
    assertMatchesTtr(runIndicator(new Rsi(14), TTRC.close).value, readTtrCsv('rsi.csv').rsi, 'rsi');
  });
  test('donchian(20) = DonchianChannel(HL, 20)', () => {
    const ours = runIndicator(new Donchian(20), TTRC);
    const ttr = readTtrCsv('donchian.csv');
    assertMatchesTtr(ours.upper, ttr.high, 'donchian upper');
    assertMatchesTtr(ours.middle, ttr.mid, 'donchian middle');
    assertMatchesTtr(ours.lower, ttr.low, 'donchian lower');
  });
});

describe('replace(): a still-forming bar', () => {
  test('update(x); replace(y) gives what update(y) would have, for sma, rsi and donchian', () => {
    const closes = Array.from(TTRC.close.subarray(0, 300));
    const make = [() => new Sma(7), () => new Rsi(5), () => new Ema(6), () => new Ema(4, true)];
    for (const create of make) {
      const direct = create();
      const replaced = create();
      for (let i = 0; i < closes.length; i++) {
        replaced.update(closes[i] * 1.1);
        replaced.replace(closes[i] * 0.9);
        replaced.replace(closes[i]);
        direct.update(closes[i]);
        assert.equal(replaced.isReady, direct.isReady);
        if (direct.isReady)
          assert.ok(
            Math.abs(replaced.value - direct.value) <= 1e-9 * Math.abs(direct.value),
            `${direct.name} at ${i}`,
          );
      }
    }
    const direct = new Donchian(5);
    const replaced = new Donchian(5);
    for (let i = 0; i < 300; i++) {
      const bar = {
        open: TTRC.open[i],
        high: TTRC.high[i],
        low: TTRC.low[i],
        close: TTRC.close[i],
        volume: TTRC.volume[i],
      };
      replaced.update({ ...bar, high: bar.high * 2, low: bar.low / 2 });
      replaced.replace(bar);
      direct.update(bar);
      assert.deepEqual(replaced.value, direct.value, `donchian at ${i}`);
    }
  });
});

describe('bad arguments are rejected with the indicator and argument named', () => {
  test('periods and inputs', () => {
    assert.throws(() => new Sma(0), /sma\(period\): must be an integer ≥ 1, got 0/);
    assert.throws(() => new Rsi(2.5), /rsi\(period\): must be an integer ≥ 1, got 2.5/);
    assert.throws(() => new Sma(3).update(NaN), /sma\(3\): input must be a finite number, got NaN/);
    assert.throws(() => new Sma(3).update(Infinity), /got Infinity/);
    assert.throws(
      () => new Donchian(3).update({ open: 1, high: 1, low: 2, close: 1, volume: 0 }),
      /donchian\(3\): candle high 1 is below low 2/,
    );
  });
});
