import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runIndicator } from './batch.js';
import { RollingExtreme } from './helpers/rolling-extreme.js';
import { runBatch, type Candle } from './indicator.js';
import { Rsi } from './momentum/rsi.js';
import { Ema } from './trend/ema.js';
import { Sma } from './trend/sma.js';
import { Bollinger } from './volatility/bollinger.js';
import { Donchian } from './volatility/donchian.js';

const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol;

/** Naive windowed mean of the `period` values ending at index `i`. */
function naiveMean(xs: readonly number[], i: number, period: number): number {
  let sum = 0;
  for (let k = i - period + 1; k <= i; k++) sum += xs[k];
  return sum / period;
}

/** Naive Wilder RSI recomputed from scratch over xs[0..i]; NaN before `period` changes. */
function naiveRsi(xs: readonly number[], i: number, period: number): number {
  if (i < period) return NaN;
  let gain = 0;
  let loss = 0;
  for (let k = 1; k <= period; k++) {
    const d = xs[k] - xs[k - 1];
    gain += Math.max(d, 0);
    loss += Math.max(-d, 0);
  }
  gain /= period;
  loss /= period;
  for (let k = period + 1; k <= i; k++) {
    const d = xs[k] - xs[k - 1];
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
  }
  return gain + loss === 0 ? 50 : (100 * gain) / (gain + loss);
}

/** Deterministic PRNG (mulberry32) for the long-run test. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const series = fc.array(
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
  { minLength: 0, maxLength: 120 },
);

describe('Sma', () => {
  test('hand example and warm-up', () => {
    const sma = new Sma(3);
    assert.equal(sma.warmup, 3);
    assert.equal(sma.name, 'sma(3)');
    sma.update(1);
    sma.update(2);
    assert.equal(sma.isReady, false);
    assert.ok(Number.isNaN(sma.value));
    assert.equal(sma.update(3), 2); // (1+2+3)/3
    assert.equal(sma.isReady, true);
    assert.equal(sma.update(4), 3); // (2+3+4)/3
    assert.equal(sma.update(8), 5); // (3+4+8)/3
  });

  test('property: equals the naive windowed mean; NaN and not ready during warm-up', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 15 }), (xs, period) => {
        const sma = new Sma(period);
        xs.forEach((x, i) => {
          const v = sma.update(x);
          if (i + 1 < period) {
            assert.equal(sma.isReady, false);
            assert.ok(Number.isNaN(v));
          } else {
            assert.equal(sma.isReady, true);
            assert.ok(close(v, naiveMean(xs, i, period), 1e-9), `${v} vs ${naiveMean(xs, i, period)}`);
            assert.equal(sma.value, v);
          }
        });
      }),
    );
  });

  test('reset forgets everything', () => {
    const sma = new Sma(2);
    sma.update(100);
    sma.update(200);
    sma.reset();
    assert.equal(sma.isReady, false);
    assert.ok(Number.isNaN(sma.value));
    sma.update(1);
    assert.ok(Number.isNaN(sma.value));
    assert.equal(sma.update(3), 2); // (1+3)/2: nothing of 100, 200 left
  });

  test('no drift after 10^6 updates: matches the exact windowed mean', () => {
    // Prices in cents, so the exact window sum is an integer. The first 999,000 values are around
    // 10^6 (large running sums, large rounding errors); the last 1,000 around 100. A running sum
    // without periodic re-summing would still carry errors of the large phase (~1e-9 per update).
    const period = 10;
    const n = 1_000_000;
    const switchAt = n - 1_000;
    const rand = prng(12345);
    const cents: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      cents[i] =
        i < switchAt
          ? 100_000_000 + Math.floor(rand() * 1_000_001) - 500_000 // 1,000,000.00 ± 5,000.00
          : 10_000 + Math.floor(rand() * 10_001) - 5_000; // 100.00 ± 50.00
    }
    const sma = new Sma(period);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const v = sma.update(cents[i] / 100);
      if (i >= switchAt + 2 * period) {
        let windowCents = 0;
        for (let k = i - period + 1; k <= i; k++) windowCents += cents[k];
        const exact = windowCents / (100 * period);
        worst = Math.max(worst, Math.abs(v - exact));
      }
    }
    assert.ok(worst <= 1e-12, `max error ${worst}`);
  });
});

describe('Rsi', () => {
  test('warm-up: ready after period + 1 inputs', () => {
    const rsi = new Rsi(14);
    assert.equal(rsi.warmup, 15);
    for (let i = 0; i < 14; i++) {
      rsi.update(100 + (i % 3));
      assert.equal(rsi.isReady, false);
      assert.ok(Number.isNaN(rsi.value));
    }
    rsi.update(101);
    assert.equal(rsi.isReady, true);
    assert.ok(!Number.isNaN(rsi.value));
  });

  test('hand example (period 2)', () => {
    const rsi = new Rsi(2);
    rsi.update(1);
    assert.ok(Number.isNaN(rsi.update(2))); // one change: +1
    // Changes +1, +2: avg gain (1 + 2)/2 = 1.5, avg loss 0 → 100.
    assert.equal(rsi.update(4), 100);
    // Change −1: gain 1.5 + (0 − 1.5)/2 = 0.75, loss 0 + (1 − 0)/2 = 0.5 → 100 × 0.75 / 1.25 = 60.
    assert.equal(rsi.update(3), 60);
  });

  test('monotonically rising → 100, falling → 0, flat → 50', () => {
    const up = new Rsi(5);
    const down = new Rsi(5);
    const flat = new Rsi(5);
    for (let i = 0; i < 50; i++) {
      up.update(10 + i * 0.7);
      down.update(100 - i * 1.3);
      flat.update(42);
    }
    assert.equal(up.value, 100);
    assert.equal(down.value, 0);
    assert.equal(flat.value, 50);
  });

  test('property: equals a naive Wilder recomputation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 14 }),
        (xs, period) => {
          const rsi = new Rsi(period);
          xs.forEach((x, i) => {
            const v = rsi.update(x);
            const expected = naiveRsi(xs, i, period);
            assert.equal(rsi.isReady, i >= period);
            if (Number.isNaN(expected)) assert.ok(Number.isNaN(v));
            else {
              assert.ok(close(v, expected, 1e-9), `i=${i}: ${v} vs ${expected}`);
              assert.ok(v >= 0 && v <= 100);
            }
          });
        },
      ),
    );
  });

  test('reset', () => {
    const rsi = new Rsi(2);
    [1, 5, 2, 8].forEach((x) => rsi.update(x));
    rsi.reset();
    assert.ok(Number.isNaN(rsi.value));
    assert.equal(rsi.isReady, false);
    [1, 2, 4, 3].forEach((x) => rsi.update(x));
    assert.equal(rsi.value, 60); // as in the hand example
  });
});

describe('RollingExtreme', () => {
  test('property: equals the naive max/min of the window (of what was seen while warming up)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<'max' | 'min'>('max', 'min'),
        (xs, period, kind) => {
          const re = new RollingExtreme(period, kind);
          assert.ok(Number.isNaN(re.value));
          xs.forEach((x, i) => {
            const window = xs.slice(Math.max(0, i - period + 1), i + 1);
            const expected = kind === 'max' ? Math.max(...window) : Math.min(...window);
            assert.equal(re.update(x), expected);
            assert.equal(re.value, expected);
            assert.equal(re.isReady, i + 1 >= period);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('rejects bad periods; reset', () => {
    assert.throws(() => new RollingExtreme(0, 'max'), RangeError);
    assert.throws(() => new RollingExtreme(1.5, 'min'), RangeError);
    const re = new RollingExtreme(3, 'max');
    [5, 9, 1].forEach((x) => re.update(x));
    re.reset();
    assert.ok(Number.isNaN(re.value));
    assert.equal(re.update(2), 2); // 9 is forgotten
  });
});

describe('Donchian', () => {
  const candle = (high: number, low: number): Candle => ({ open: low, high, low, close: high, volume: 1 });

  test('hand example and warm-up', () => {
    const d = new Donchian(3);
    assert.equal(d.warmup, 3);
    d.update(candle(5, 3));
    d.update(candle(7, 4));
    assert.equal(d.isReady, false);
    assert.ok(Number.isNaN(d.value.upper) && Number.isNaN(d.value.middle) && Number.isNaN(d.value.lower));
    // Highs 5, 7, 6; lows 3, 4, 2 → upper 7, lower 2, middle 4.5.
    assert.deepEqual({ ...d.update(candle(6, 2)) }, { upper: 7, middle: 4.5, lower: 2 });
    // Highs 7, 6, 4; lows 4, 2, 3 → 7, 2.
    assert.deepEqual({ ...d.update(candle(4, 3)) }, { upper: 7, middle: 4.5, lower: 2 });
    // Highs 6, 4, 5; lows 2, 3, 4 → 6, 2, middle 4.
    assert.deepEqual({ ...d.update(candle(5, 4)) }, { upper: 6, middle: 4, lower: 2 });
  });

  test('property: equals the naive highest high / lowest low of the window', () => {
    const candles = fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 20 }))
        .map(([low, range]) => candle(low + range, low)),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(candles, fc.integer({ min: 1, max: 12 }), (cs, period) => {
        const d = new Donchian(period);
        cs.forEach((c, i) => {
          const v = d.update(c);
          if (i + 1 < period) {
            assert.equal(d.isReady, false);
            assert.ok(Number.isNaN(v.upper) && Number.isNaN(v.lower) && Number.isNaN(v.middle));
            return;
          }
          const window = cs.slice(i - period + 1, i + 1);
          const upper = Math.max(...window.map((w) => w.high));
          const lower = Math.min(...window.map((w) => w.low));
          assert.equal(d.isReady, true);
          assert.deepEqual({ ...v }, { upper, middle: (upper + lower) / 2, lower });
        });
      }),
    );
  });

  test('reset', () => {
    const d = new Donchian(1);
    d.update(candle(10, 1));
    d.reset();
    assert.equal(d.isReady, false);
    assert.ok(Number.isNaN(d.value.upper));
    assert.deepEqual({ ...d.update(candle(3, 2)) }, { upper: 3, middle: 2.5, lower: 2 });
  });
});

describe('runBatch', () => {
  test('one output per input, NaN during warm-up', () => {
    const out = runBatch(new Sma(2), [1, 3, 5]);
    assert.equal(out.length, 3);
    assert.ok(Number.isNaN(out[0]));
    assert.equal(out[1], 2);
    assert.equal(out[2], 4);
  });
});

describe('runIndicator fast paths after a rejected input', () => {
  // A batch fast path keeps its state in locals; when an input is rejected mid-series the
  // indicator must still stand exactly where streaming the inputs before it would leave it.
  const series = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
  const cases = [
    { label: 'sma(3)', make: () => new Sma(3) },
    { label: 'ema(3)', make: () => new Ema(3) },
    { label: 'bbands(3,2)', make: () => new Bollinger(3, 2) },
  ];
  for (const { label, make } of cases) {
    test(label, () => {
      const batch = make();
      assert.throws(() => runIndicator(batch, [...series.slice(0, 7), NaN, 8]), /finite/);
      const streamed = make();
      for (const x of series.slice(0, 7)) streamed.update(x);
      assert.deepEqual(batch.value, streamed.value);
      assert.deepEqual(batch.update(7), streamed.update(7));
    });
  }
});
