import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CandleBuilder } from './candle-builder.js';
import { signOfDecimal, subtractDecimal } from './decimal.js';
import { listOf, parseBar, parseQuote, parseTrade } from './market-data.js';
import { computeOverlay, normalizeOverlay } from './overlays.js';
import { drawdown } from './series-math.js';

const S = 1_000_000; // µs per second

describe('subtractDecimal', () => {
  it('subtracts exactly at the finer precision', () => {
    assert.equal(subtractDecimal('100.10', '100.2'), '-0.10');
    assert.equal(subtractDecimal('0.3', '0.1'), '0.2');
    assert.equal(subtractDecimal('-5', '2.005'), '-7.005');
    assert.equal(subtractDecimal('1e3', '1'), undefined);
  });

  it('agrees with integer arithmetic on cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e12, max: 1e12 }), (a, b) => {
        const cents = (n: number) => (n < 0 ? '-' : '') + (Math.abs(n) / 100).toFixed(2);
        assert.equal(subtractDecimal(cents(a), cents(b)), cents(a - b));
      }),
    );
  });

  it('signs decimals', () => {
    assert.equal(signOfDecimal('-0.01'), -1);
    assert.equal(signOfDecimal('0.00'), 0);
    assert.equal(signOfDecimal('12'), 1);
    assert.equal(signOfDecimal('n/a'), 0);
  });
});

describe('market payloads', () => {
  it('reads quotes, trades and bars with string prices', () => {
    assert.deepEqual(
      parseQuote({ bidPrice: '99.5', askPrice: '100.5', bidSize: '2', askSize: '3', tsEvent: 7 }, 'X'),
      {
        instrumentId: 'X',
        bid: 99.5,
        ask: 100.5,
        bidSize: 2,
        askSize: 3,
        tsUs: 7,
      },
    );
    assert.equal(parseTrade({ price: '101.25', size: '0.5', tsEvent: 9 })?.price, 101.25);
    assert.equal(parseTrade({ size: 1 }), undefined);
    assert.deepEqual(
      parseBar({ open: '1', high: '3', low: '0.5', close: '2', volume: '10', tsEvent: 60 * S }),
      {
        open: 1,
        high: 3,
        low: 0.5,
        close: 2,
        volume: 10,
        tsUs: 60 * S,
      },
    );
    assert.equal(parseBar({ open: '1', high: '3', low: '0.5', tsEvent: 1 }), undefined);
    assert.deepEqual(listOf({ bars: [1, 2] }, 'bars'), [1, 2]);
    assert.deepEqual(listOf(null), []);
  });
});

describe('CandleBuilder', () => {
  const bar = (t: number, c: number) => ({ open: c, high: c, low: c, close: c, volume: 1, tsUs: t * S });

  it('infers the bar length and extends the forming candle from prints', () => {
    const b = new CandleBuilder();
    b.load([bar(120, 10), bar(0, 8), bar(60, 9)]);
    assert.deepEqual(
      b.candles.map((c) => c.time),
      [0, 60, 120],
    );
    assert.equal(b.intervalSeconds, 60);
    b.applyPrice(12, 2, 150 * S); // inside the 120 s candle
    b.applyPrice(7, 1, 170 * S);
    assert.deepEqual(b.candles[2], { time: 120, open: 10, high: 12, low: 7, close: 7, volume: 4 });
    b.applyPrice(11, 1, 185 * S); // opens the 180 s candle
    assert.deepEqual(b.candles[3], { time: 180, open: 11, high: 11, low: 11, close: 11, volume: 1 });
    // A completed bar replaces the forming candle of its time; older data is refused.
    assert.equal(b.applyBar(bar(180, 13))?.close, 13);
    assert.equal(b.candles.length, 4);
    assert.equal(b.applyBar(bar(60, 1)), undefined);
    assert.equal(b.applyPrice(1, 1, 10 * S), undefined);
  });

  it('keeps candle times increasing for any print sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 1, max: 2, noNaN: true }))),
        (prints) => {
          const b = new CandleBuilder();
          for (const [t, p] of prints) b.applyPrice(p, 1, t * S);
          for (let i = 1; i < b.candles.length; i++) assert.ok(b.candles[i].time > b.candles[i - 1].time);
          for (const c of b.candles)
            assert.ok(c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close));
        },
      ),
    );
  });
});

describe('overlays', () => {
  const candles = Array.from({ length: 30 }, (_, i) => {
    const close = 100 + Math.sin(i / 3) * 5 + i * 0.1;
    return {
      time: 1_700_000_000 + i * 60,
      open: close - 0.5,
      high: close + 1,
      low: close - 1,
      close,
      volume: 10 + i,
    };
  });

  it('normalizes specs and refuses what is not on the price scale, naming it', () => {
    assert.equal(normalizeOverlay(' EMA( 20 ) '), 'ema(20)');
    assert.equal(normalizeOverlay('bbands'), 'bbands(20,2)');
    assert.throws(() => normalizeOverlay('rsi(14)'), /rsi is not drawn on the price scale/);
    assert.throws(() => normalizeOverlay('nope(3)'), /unknown name 'nope'/);
    assert.throws(() => normalizeOverlay('sma(0)'), /sma/);
  });

  it("draws the library's values after warm-up: SMA by hand, bands around their middle", () => {
    const [sma] = computeOverlay('sma(5)', candles);
    assert.equal(sma!.points.length, 26);
    const mean = candles.slice(0, 5).reduce((s, c) => s + c.close, 0) / 5;
    assert.equal(sma!.points[0]!.time, candles[4]!.time);
    assert.ok(Math.abs(sma!.points[0]!.value - mean) < 1e-9);
    const bands = computeOverlay('bbands(10,2)', candles);
    assert.deepEqual(
      bands.map((l) => l.label),
      ['bbands(10,2).upper', 'bbands(10,2).middle', 'bbands(10,2).lower'],
    );
    const last = bands.map((l) => l.points.at(-1)!.value);
    assert.ok(last[0]! > last[1]! && last[1]! > last[2]!);
    assert.ok(computeOverlay('supertrend(10,3)', candles)[0]!.points.length > 0, 'candle input works');
  });
});

describe('series math', () => {
  it('computes drawdown from the running peak', () => {
    assert.deepEqual(drawdown([100, 110, 99, 121]), [0, 0, 99 / 110 - 1, 0]);
  });
});
