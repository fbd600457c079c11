import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertMatchesTtr, readTtrCsv, TTRC } from '../../test/support/ttr.js';
import { runIndicator } from './batch.js';
import { MOVING_AVERAGE_ENTRIES } from './catalog/moving-averages.js';
import { Cross, crossedAbove, crossedBelow, crossEvent } from './helpers/cross.js';
import { RollingMean } from './helpers/rolling-mean.js';
import { RollingMax, RollingMin } from './helpers/rolling-min-max.js';
import { RollingSum } from './helpers/rolling-sum.js';
import type { Candle, Indicator, ScalarIndicator } from './indicator.js';
import { Dema } from './trend/dema.js';
import { Hma } from './trend/hma.js';
import { Kama } from './trend/kama.js';
import { Tema } from './trend/tema.js';
import { Vwma } from './trend/vwma.js';
import { Wma } from './trend/wma.js';
import { Zlema } from './trend/zlema.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** |a − b| ≤ 1e-9·max(|b|, 1): relative, with an absolute floor for values near 0. */
function near(a: number, b: number, tol = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1);
}

function assertNear(a: number, b: number, label: string, tol = 1e-9): void {
  assert.ok(near(a, b, tol), `${label}: ${a} vs ${b}`);
}

/** Feeds `xs` one by one and returns what a batch run would show: `NaN` until ready. */
function stream<T>(indicator: Indicator<T, number>, xs: ArrayLike<T>): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const v = indicator.update(xs[i]);
    out.push(indicator.isReady ? v : NaN);
  }
  return out;
}

const bar = (close: number, volume: number): Candle => ({
  open: close,
  high: close,
  low: close,
  close,
  volume,
});

/** The ttrc bars as candle objects. */
function ttrcCandles(count = TTRC.close.length): Candle[] {
  return Array.from({ length: count }, (_, i) => ({
    open: TTRC.open[i],
    high: TTRC.high[i],
    low: TTRC.low[i],
    close: TTRC.close[i],
    volume: TTRC.volume[i],
  }));
}

// ---------------------------------------------------------------------------------------------
// Naive recomputations straight from the definitions (whole series, NaN where not defined).
// A leading NaN run in the input is allowed, as in TTR: each stage starts at its first
// non-NaN input.
// ---------------------------------------------------------------------------------------------

function firstDefined(xs: readonly number[]): number {
  const i = xs.findIndex((x) => !Number.isNaN(x));
  return i < 0 ? xs.length : i;
}

/** SMA-seeded EMA (TTR EMA): seed = mean of the first n defined values, then k·x + (1−k)·prev. */
function naiveEma(xs: readonly number[], n: number): number[] {
  const out = xs.map(() => NaN);
  const first = firstDefined(xs);
  const k = 2 / (n + 1);
  if (first + n - 1 >= xs.length) return out;
  let seed = 0;
  for (let i = first; i < first + n; i++) seed += xs[i];
  out[first + n - 1] = seed / n;
  for (let i = first + n; i < xs.length; i++) out[i] = k * xs[i] + (1 - k) * out[i - 1];
  return out;
}

/** Σ w·x / Σ w with weights 1..n over each full window, written out term by term. */
function naiveWma(xs: readonly number[], n: number): number[] {
  const first = firstDefined(xs);
  return xs.map((_, i) => {
    if (i - n + 1 < first) return NaN;
    let weighted = 0;
    for (let k = 0; k < n; k++) weighted += (n - k) * xs[i - k];
    return weighted / ((n * (n + 1)) / 2);
  });
}

function naiveDema(xs: readonly number[], n: number): number[] {
  const e1 = naiveEma(xs, n);
  const e2 = naiveEma(e1, n);
  return e1.map((e, i) => 2 * e - e2[i]);
}

function naiveTema(xs: readonly number[], n: number): number[] {
  const e1 = naiveEma(xs, n);
  const e2 = naiveEma(e1, n);
  const e3 = naiveEma(e2, n);
  return e1.map((e, i) => 3 * e - 3 * e2[i] + e3[i]);
}

function naiveHma(xs: readonly number[], n: number): number[] {
  const half = naiveWma(xs, Math.floor(n / 2));
  const full = naiveWma(xs, n);
  return naiveWma(
    full.map((f, i) => 2 * half[i] - f),
    Math.floor(Math.sqrt(n)),
  );
}

/** TTR's ZLEMA in its own 1-based terms (REFERENCE.md §4): p = trunc(t − 1 − lag) + 1. */
function naiveZlema(xs: readonly number[], n: number): number[] {
  const out = xs.map(() => NaN);
  if (n > xs.length) return out;
  const C = (t: number): number => xs[t - 1]; // 1-based
  const k = 2 / (n + 1);
  const lag = (n + 1) / 2;
  const w = lag - Math.trunc(lag);
  let seed = 0;
  for (let t = 1; t <= n; t++) seed += C(t);
  out[n - 1] = seed / n;
  for (let t = n + 1; t <= xs.length; t++) {
    const p = Math.trunc(t - 1 - lag) + 1;
    const v = 2 * C(t) - ((1 - w) * C(p) + (w === 0 ? 0 : w * C(p + 1)));
    out[t - 1] = k * v + (1 - k) * out[t - 2];
  }
  return out;
}

/** Kaufman: ER over each window of `period` changes, recomputed from scratch; seed KAMA_period = x_period. */
function naiveKama(xs: readonly number[], period: number, fast: number, slow: number): number[] {
  const out = xs.map(() => NaN);
  const fastSc = 2 / (fast + 1);
  const slowSc = 2 / (slow + 1);
  for (let t = period; t < xs.length; t++) {
    if (t === period) {
      out[t] = xs[t];
      continue;
    }
    const direction = Math.abs(xs[t] - xs[t - period]);
    let volatility = 0;
    for (let i = t - period + 1; i <= t; i++) volatility += Math.abs(xs[i] - xs[i - 1]);
    const er = volatility === 0 ? 0 : direction / volatility;
    const sc = (er * (fastSc - slowSc) + slowSc) ** 2;
    out[t] = out[t - 1] + sc * (xs[t] - out[t - 1]);
  }
  return out;
}

/** Σ(c·v)/Σv over each full window; the plain mean of closes when the window has no volume. */
function naiveVwma(cs: readonly Candle[], n: number): number[] {
  return cs.map((_, i) => {
    if (i + 1 < n) return NaN;
    const window = cs.slice(i - n + 1, i + 1);
    const volume = window.reduce((s, c) => s + c.volume, 0);
    if (volume === 0) return window.reduce((s, c) => s + c.close, 0) / n;
    return window.reduce((s, c) => s + c.close * c.volume, 0) / volume;
  });
}

/** Applies `f` to each full window of `n` values. */
function naiveWindow(xs: readonly number[], n: number, f: (window: number[]) => number): number[] {
  return xs.map((_, i) => (i + 1 < n ? NaN : f(xs.slice(i - n + 1, i + 1))));
}

const sum = (w: number[]): number => w.reduce((s, x) => s + x, 0);

// ---------------------------------------------------------------------------------------------
// The scalar indicators of this group, with their naive definitions (period → instance).
// ---------------------------------------------------------------------------------------------

interface ScalarCase {
  readonly label: string;
  readonly make: (period: number) => ScalarIndicator;
  readonly naive: (xs: readonly number[], period: number) => number[];
  readonly minPeriod: number;
  /** Warm-up as a function of the period. */
  readonly warmup: (period: number) => number;
}

const SCALAR_CASES: readonly ScalarCase[] = [
  { label: 'wma', make: (p) => new Wma(p), naive: naiveWma, minPeriod: 1, warmup: (p) => p },
  { label: 'dema', make: (p) => new Dema(p), naive: naiveDema, minPeriod: 1, warmup: (p) => 2 * p - 1 },
  { label: 'tema', make: (p) => new Tema(p), naive: naiveTema, minPeriod: 1, warmup: (p) => 3 * p - 2 },
  {
    label: 'hma',
    make: (p) => new Hma(p),
    naive: naiveHma,
    minPeriod: 2,
    warmup: (p) => p + Math.floor(Math.sqrt(p)) - 1,
  },
  { label: 'zlema', make: (p) => new Zlema(p), naive: naiveZlema, minPeriod: 1, warmup: (p) => p },
  {
    label: 'kama',
    make: (p) => new Kama(p),
    naive: (xs, p) => naiveKama(xs, p, 2, 30),
    minPeriod: 1,
    warmup: (p) => p + 1,
  },
  {
    label: 'kama(fast 3, slow 12)',
    make: (p) => new Kama(p, 3, 12),
    naive: (xs, p) => naiveKama(xs, p, 3, 12),
    minPeriod: 1,
    warmup: (p) => p + 1,
  },
  {
    label: 'sum',
    make: (p) => new RollingSum(p),
    naive: (xs, p) => naiveWindow(xs, p, sum),
    minPeriod: 1,
    warmup: (p) => p,
  },
  {
    label: 'mean',
    make: (p) => new RollingMean(p),
    naive: (xs, p) => naiveWindow(xs, p, (w) => sum(w) / p),
    minPeriod: 1,
    warmup: (p) => p,
  },
  {
    label: 'min',
    make: (p) => new RollingMin(p),
    naive: (xs, p) => naiveWindow(xs, p, (w) => Math.min(...w)),
    minPeriod: 1,
    warmup: (p) => p,
  },
  {
    label: 'max',
    make: (p) => new RollingMax(p),
    naive: (xs, p) => naiveWindow(xs, p, (w) => Math.max(...w)),
    minPeriod: 1,
    warmup: (p) => p,
  },
];

/** Prices in cents in ±1000.00, including exact repeats (flat stretches) now and then. */
const prices = fc.array(
  fc.oneof(
    fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
    fc.constantFrom(5, 5, 5),
  ),
  { minLength: 0, maxLength: 120 },
);

const candles = fc.array(
  fc
    .tuple(
      fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
      fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
    )
    .map(([close, volume]) => bar(close, volume)),
  { maxLength: 100 },
);

// ---------------------------------------------------------------------------------------------
// TTR
// ---------------------------------------------------------------------------------------------

describe('TTR 0.24.3 reference (ttrc, 5,550 bars): moving averages', () => {
  test('wma(20) = WMA(Cl, 20)', () => {
    assertMatchesTtr(runIndicator(new Wma(20), TTRC.close).value, readTtrCsv('wma.csv').wma, 'wma');
  });
  test('dema(20) = DEMA(Cl, 20), first value at row 39', () => {
    const ours = runIndicator(new Dema(20), TTRC.close).value;
    assertMatchesTtr(ours, readTtrCsv('dema.csv').dema, 'dema');
    assert.ok(Number.isNaN(ours[37]) && !Number.isNaN(ours[38]));
  });
  test('hma(20) = HMA(Cl, 20), first value at row 23', () => {
    const ours = runIndicator(new Hma(20), TTRC.close).value;
    assertMatchesTtr(ours, readTtrCsv('hma.csv').hma, 'hma');
    assert.ok(Number.isNaN(ours[21]) && !Number.isNaN(ours[22]));
  });
  test('zlema(20) = ZLEMA(Cl, 20)', () => {
    assertMatchesTtr(runIndicator(new Zlema(20), TTRC.close).value, readTtrCsv('zlema.csv').zlema, 'zlema');
  });
  test('vwma(20) = VWAP(Cl, Vo, 20) (the same formula as TTR VWMA)', () => {
    assertMatchesTtr(runIndicator(new Vwma(20), TTRC).value, readTtrCsv('vwap.csv').vwap, 'vwma');
  });
  test('mean(20) = SMA(Cl, 20); sum(20) = 20·SMA(Cl, 20)', () => {
    const sma = readTtrCsv('sma.csv').sma;
    assertMatchesTtr(runIndicator(new RollingMean(20), TTRC.close).value, sma, 'mean');
    assertMatchesTtr(runIndicator(new RollingSum(20), TTRC.close).value, sma, 'sum', 20);
  });
  test('max(20) of highs / min(20) of lows = DonchianChannel(HL, 20) high / low (runMax / runMin)', () => {
    const donchian = readTtrCsv('donchian.csv');
    assertMatchesTtr(runIndicator(new RollingMax(20), TTRC.high).value, donchian.high, 'max');
    assertMatchesTtr(runIndicator(new RollingMin(20), TTRC.low).value, donchian.low, 'min');
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-computed values
// ---------------------------------------------------------------------------------------------

/** Asserts the streamed outputs (NaN while warming up) against hand values. */
function assertSeries(indicator: ScalarIndicator, inputs: number[], expected: number[]): void {
  inputs.forEach((x, i) => {
    const v = indicator.update(x);
    if (Number.isNaN(expected[i])) {
      assert.equal(indicator.isReady, false, `${indicator.name} input ${i}: ready too early`);
      assert.ok(Number.isNaN(v), `${indicator.name} input ${i}: ${v} during warm-up`);
    } else {
      assert.equal(indicator.isReady, true, `${indicator.name} input ${i}: not ready`);
      assertNear(v, expected[i], `${indicator.name} input ${i}`, 1e-12);
      assert.equal(indicator.value, v);
    }
  });
  assert.equal(indicator.warmup, expected.findIndex((e) => !Number.isNaN(e)) + 1, `${indicator.name} warmup`);
}

describe('hand-computed examples', () => {
  test('wma(3)', () => {
    // (1·1 + 2·2 + 3·3)/6 = 14/6 = 7/3; (1·2 + 2·3 + 3·10)/6 = 38/6 = 19/3.
    assertSeries(new Wma(3), [1, 2, 3, 10], [NaN, NaN, 7 / 3, 19 / 3]);
  });

  test('dema(2) and tema(2), α = 2/3, on 1, 2, 4, 8, 16', () => {
    // EMA1: seed (1+2)/2 = 3/2; 3/2 + 2/3·(4 − 3/2) = 19/6; 19/6 + 2/3·(8 − 19/6) = 115/18;
    //       115/18 + 2/3·(16 − 115/18) = 691/54.
    // EMA2 of EMA1: seed (3/2 + 19/6)/2 = 7/3; 7/3 + 2/3·(115/18 − 7/3) = 136/27;
    //       136/27 + 2/3·(691/54 − 136/27) = 827/81.
    // EMA3 of EMA2: seed (7/3 + 136/27)/2 = 199/54; 199/54 + 2/3·(827/81 − 199/54) = 3905/486.
    // DEMA = 2·EMA1 − EMA2: 2·19/6 − 7/3 = 4; 2·115/18 − 136/27 = 209/27; 2·691/54 − 827/81 = 1246/81.
    assertSeries(new Dema(2), [1, 2, 4, 8, 16], [NaN, NaN, 4, 209 / 27, 1246 / 81]);
    // TEMA = 3·EMA1 − 3·EMA2 + EMA3: 3·115/18 − 3·136/27 + 199/54 = 418/54 = 209/27;
    //        3·691/54 − 3·827/81 + 3905/486 = 7676/486 = 3838/243.
    assertSeries(new Tema(2), [1, 2, 4, 8, 16], [NaN, NaN, NaN, 209 / 27, 3838 / 243]);
  });

  test('hma(4) = WMA(2·WMA(·,2) − WMA(·,4), 2) on 1, 2, 4, 8, 16', () => {
    // WMA2 = (x_{t−1} + 2x_t)/3, WMA4 = (x_{t−3} + 2x_{t−2} + 3x_{t−1} + 4x_t)/10.
    // t=3: WMA2 = (4 + 16)/3 = 20/3, WMA4 = (1 + 4 + 12 + 32)/10 = 49/10 → d = 40/3 − 49/10 = 253/30.
    // t=4: WMA2 = (8 + 32)/3 = 40/3, WMA4 = (2 + 8 + 24 + 64)/10 = 49/5 → d = 80/3 − 49/5 = 253/15.
    // HMA = (1·253/30 + 2·253/15)/3 = (253/30 + 1012/30)/3 = 253/18. Ready after 4 + 2 − 1 = 5 inputs.
    assertSeries(new Hma(4), [1, 2, 4, 8, 16], [NaN, NaN, NaN, NaN, 253 / 18]);
  });

  test('zlema(3): lag 2, k = 1/2; zlema(4): lag 2.5, k = 2/5', () => {
    // n=3: seed (1+2+3)/3 = 2; t=4: v = 2·10 − x_2 = 18 → 2 + (18 − 2)/2 = 10;
    //      t=5: v = 2·4 − x_3 = 5 → 10 + (5 − 10)/2 = 7.5.
    assertSeries(new Zlema(3), [1, 2, 3, 10, 4], [NaN, NaN, 2, 10, 7.5]);
    // n=4: seed (1+2+3+6)/4 = 3; t=5: v = 2·10 − (x_2 + x_3)/2 = 20 − 2.5 = 17.5 → 3 + 0.4·14.5 = 8.8.
    assertSeries(new Zlema(4), [1, 2, 3, 6, 10], [NaN, NaN, NaN, 3, 8.8]);
  });

  test('kama(3, fast 1, slow 3): fastSC = 1, slowSC = 1/2, sc = (ER/2 + 1/2)²', () => {
    // Index 3: seed = x_3 = 12.
    // Index 4 (15): ER = |15 − 11| / (|13−11| + |12−13| + |15−12|) = 4/6 = 2/3; sc = (1/3 + 1/2)² = 25/36;
    //   12 + 25/36·(15 − 12) = 169/12.
    // Index 5 (15): ER = |15 − 13| / (1 + 3 + 0) = 1/2; sc = (3/4)² = 9/16;
    //   169/12 + 9/16·(15 − 169/12) = 169/12 + 99/192 = 2803/192.
    // Index 6 (9): ER = |9 − 12| / (3 + 0 + 6) = 1/3; sc = (2/3)² = 4/9;
    //   2803/192 + 4/9·(9 − 2803/192) = 2803/192 − 4300/1728 = 20927/1728.
    assertSeries(
      new Kama(3, 1, 3),
      [10, 11, 13, 12, 15, 15, 9],
      [NaN, NaN, NaN, 12, 169 / 12, 2803 / 192, 20927 / 1728],
    );
  });

  test('kama(2) with the default fast 2, slow 30: fastSC = 2/3, slowSC = 2/31', () => {
    // Index 2: seed = x_2 = 3.
    // Index 3 (5): ER = |5 − 2| / (1 + 2) = 1 → sc = (2/3)² = 4/9: 3 + 4/9·2 = 35/9.
    // Index 4 (5): ER = |5 − 3| / (2 + 0) = 1 → 35/9 + 4/9·(5 − 35/9) = 355/81.
    // Index 5 (5): ER = 0/0 := 0 → sc = (2/31)² = 4/961: 355/81 + 4/961·(5 − 355/81) = 355/81 + 200/77841
    //   = 341355/77841.
    assertSeries(new Kama(2), [1, 2, 3, 5, 5, 5], [NaN, NaN, 3, 35 / 9, 355 / 81, 341355 / 77841]);
    assert.equal(new Kama().name, 'kama(10,2,30)');
    assert.equal(new Kama().warmup, 11);
  });

  test('vwma(3), including windows without volume', () => {
    const vwma = new Vwma(3);
    const bars = [bar(10, 100), bar(11, 300), bar(12, 0), bar(14, 100), bar(9, 0), bar(8, 0), bar(7, 0)];
    const expected = [
      NaN,
      NaN,
      4300 / 400, // (10·100 + 11·300 + 12·0)/(100 + 300 + 0) = 10.75
      4700 / 400, // (11·300 + 12·0 + 14·100)/400 = 11.75
      14, // (0 + 14·100 + 0)/100
      14, // (14·100 + 0 + 0)/100
      8, // no volume at all: the plain mean (9 + 8 + 7)/3
    ];
    bars.forEach((b, i) => {
      const v = vwma.update(b);
      if (Number.isNaN(expected[i])) assert.ok(Number.isNaN(v) && !vwma.isReady);
      else assert.equal(v, expected[i], `input ${i}`);
    });
    assert.equal(vwma.warmup, 3);
  });

  test('sum(3), mean(3), min(3), max(3)', () => {
    const xs = [4, -2, 7, 1, 1, 9];
    assertSeries(new RollingSum(3), xs, [NaN, NaN, 9, 6, 9, 11]);
    assertSeries(new RollingMean(3), xs, [NaN, NaN, 3, 2, 3, 11 / 3]);
    assertSeries(new RollingMin(3), xs, [NaN, NaN, -2, -2, 1, 1]);
    assertSeries(new RollingMax(3), xs, [NaN, NaN, 7, 7, 7, 9]);
    const max = new RollingMax(3);
    xs.forEach((x) => max.update(x));
    assert.equal(max.index, 5); // the 9
  });

  test('names', () => {
    const names = [new Wma(5), new Dema(5), new Tema(5), new Hma(5), new Zlema(5), new Kama(5, 2, 20)].map(
      (i) => i.name,
    );
    names.push(new Vwma(5).name, new RollingSum(5).name, new RollingMean(5).name, new RollingMin(5).name);
    names.push(new RollingMax(5).name);
    assert.deepEqual(names, [
      'wma(5)',
      'dema(5)',
      'tema(5)',
      'hma(5)',
      'zlema(5)',
      'kama(5,2,20)',
      'vwma(5)',
      'sum(5)',
      'mean(5)',
      'min(5)',
      'max(5)',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Streaming and batch
// ---------------------------------------------------------------------------------------------

describe('streaming equals batch (runIndicator), bit for bit, on ttrc', () => {
  for (const c of SCALAR_CASES) {
    test(c.label, () => {
      const period = Math.max(c.minPeriod, 14);
      const streamed = stream(c.make(period), TTRC.close);
      assert.deepEqual(Array.from(runIndicator(c.make(period), TTRC.close).value), streamed);
    });
  }
  test('vwma', () => {
    const streamed = stream(new Vwma(14), ttrcCandles());
    assert.deepEqual(Array.from(runIndicator(new Vwma(14), TTRC).value), streamed);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('property: streaming equals a naive recomputation from the definition', () => {
  for (const c of SCALAR_CASES) {
    test(c.label, () => {
      fc.assert(
        fc.property(prices, fc.integer({ min: c.minPeriod, max: 12 }), (xs, period) => {
          const indicator = c.make(period);
          assert.equal(indicator.warmup, c.warmup(period));
          const expected = c.naive(xs, period);
          xs.forEach((x, i) => {
            const v = indicator.update(x);
            assert.equal(indicator.isReady, i + 1 >= indicator.warmup, `${indicator.name} ready at ${i}`);
            if (!indicator.isReady)
              assert.ok(Number.isNaN(v), `${indicator.name} at ${i}: ${v} while warming up`);
            else assertNear(v, expected[i], `${indicator.name} at ${i}`);
          });
        }),
        { numRuns: 200 },
      );
    });
  }

  test('vwma', () => {
    fc.assert(
      fc.property(candles, fc.integer({ min: 1, max: 12 }), (cs, period) => {
        const vwma = new Vwma(period);
        const expected = naiveVwma(cs, period);
        cs.forEach((c, i) => {
          const v = vwma.update(c);
          assert.equal(vwma.isReady, i + 1 >= period);
          assertNear(v, expected[i], `vwma(${period}) at ${i}`);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('property: update(x); replace(y) ≡ update(y)', () => {
  /** For each input: one or two forming values that are replaced by the final one. */
  const forming = fc.array(
    fc.tuple(
      fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
      fc.array(
        fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
        { minLength: 1, maxLength: 2 },
      ),
    ),
    { maxLength: 80 },
  );

  for (const c of SCALAR_CASES) {
    test(c.label, () => {
      fc.assert(
        fc.property(forming, fc.integer({ min: c.minPeriod, max: 10 }), (steps, period) => {
          const direct = c.make(period);
          const replaced = c.make(period);
          steps.forEach(([final, drafts], i) => {
            replaced.update(drafts[0]);
            for (let d = 1; d < drafts.length; d++) replaced.replace(drafts[d]);
            const v = replaced.replace(final);
            const expected = direct.update(final);
            assert.equal(replaced.isReady, direct.isReady, `${direct.name} ready at ${i}`);
            assertNear(v, expected, `${direct.name} at ${i}`);
            assertNear(replaced.value, direct.value, `${direct.name} value at ${i}`);
          });
        }),
        { numRuns: 150 },
      );
    });
  }

  test('vwma', () => {
    fc.assert(
      fc.property(candles, candles, fc.integer({ min: 1, max: 10 }), (finals, drafts, period) => {
        const direct = new Vwma(period);
        const replaced = new Vwma(period);
        finals.forEach((c, i) => {
          replaced.update(drafts[i] ?? bar(1, 0));
          const v = replaced.replace(c);
          assertNear(v, direct.update(c), `vwma(${period}) at ${i}`);
          assert.equal(replaced.isReady, direct.isReady);
        });
      }),
      { numRuns: 150 },
    );
  });

  test('replace before any update acts like update', () => {
    for (const c of SCALAR_CASES) {
      const period = c.minPeriod;
      const a = c.make(period);
      const b = c.make(period);
      a.replace(3);
      b.update(3);
      for (const x of [5, 1, 8, 2, 9]) {
        assertNear(a.update(x), b.update(x), a.name);
      }
    }
    const v = new Vwma(1);
    assert.equal(v.replace(bar(4, 2)), 4);
    assert.equal(v.update(bar(6, 2)), 6);
  });
});

describe('reset forgets everything', () => {
  test('every indicator: after reset, the same series gives the same outputs as a fresh instance', () => {
    const xs = Array.from(TTRC.close.subarray(0, 120));
    for (const c of SCALAR_CASES) {
      const used = c.make(6);
      stream(used, Array.from(TTRC.close.subarray(1000, 1077)));
      used.reset();
      assert.equal(used.isReady, false);
      assert.ok(Number.isNaN(used.value), `${used.name} value after reset`);
      assert.deepEqual(stream(used, xs), stream(c.make(6), xs), used.name);
    }
    const used = new Vwma(6);
    stream(used, ttrcCandles(50));
    used.reset();
    assert.ok(Number.isNaN(used.value) && !used.isReady);
    const cs = ttrcCandles(120);
    assert.deepEqual(stream(used, cs), stream(new Vwma(6), cs));
  });
});

describe('long runs: running sums do not drift', () => {
  /** Deterministic PRNG (mulberry32). */
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

  test('wma and sum after 3·10^5 updates match exact integer-cent arithmetic', () => {
    // Around 1,000,000.00 for most of the run (large sums, large rounding), then around 100.00.
    // Without periodic re-summing the errors of the large phase would remain.
    const period = 10;
    const n = 300_000;
    const switchAt = n - 1_000;
    const rand = prng(777);
    const cents = Array.from({ length: n }, (_, i) =>
      i < switchAt
        ? 100_000_000 + Math.floor(rand() * 1_000_001) - 500_000
        : 10_000 + Math.floor(rand() * 10_001) - 5_000,
    );
    const wma = new Wma(period);
    const rolling = new RollingSum(period);
    let worstWma = 0;
    let worstSum = 0;
    for (let i = 0; i < n; i++) {
      const w = wma.update(cents[i] / 100);
      const s = rolling.update(cents[i] / 100);
      if (i >= switchAt + 2 * period) {
        let weighted = 0; // exact: integers below 2^53
        let plain = 0;
        for (let k = 0; k < period; k++) {
          weighted += (period - k) * cents[i - k];
          plain += cents[i - k];
        }
        worstWma = Math.max(worstWma, Math.abs(w - weighted / (100 * 55)));
        worstSum = Math.max(worstSum, Math.abs(s - plain / 100));
      }
    }
    assert.ok(worstWma <= 1e-11, `wma max error ${worstWma}`);
    assert.ok(worstSum <= 1e-11, `sum max error ${worstSum}`);
  });

  test('vwma stays accurate when volume and price collapse within the window', () => {
    // Huge bars (1000.00 × 10^9) followed by tiny ones (0.01 × 10^-3): a plain running sum would
    // keep an error of ~ε·10^12 against a true Σ(c·v) of ~10^-5 until its next periodic re-sum.
    const period = 7;
    const cs: Candle[] = [];
    for (let i = 0; i < 40; i++)
      cs.push(i % 13 < 6 ? bar(1000 + i, 1e9 + i) : bar(0.01 * (1 + (i % 5)), 1e-3 * (1 + (i % 3))));
    const expected = naiveVwma(cs, period);
    const vwma = new Vwma(period);
    cs.forEach((c, i) => {
      const v = vwma.update(c);
      if (i + 1 >= period)
        assert.ok(Math.abs(v - expected[i]) <= 1e-9 * Math.abs(expected[i]), `${i}: ${v} vs ${expected[i]}`);
    });
  });

  test('kama stays accurate when a volatile market goes quiet', () => {
    const xs: number[] = [];
    for (let i = 0; i < 80; i++) xs.push(i < 25 ? (1e6 * ((i * 7919) % 13)) / 13 : 5 + 1e-7 * ((i * 31) % 7));
    const expected = naiveKama(xs, 10, 2, 30);
    const kama = new Kama(10);
    xs.forEach((x, i) => {
      const v = kama.update(x);
      if (i >= 10)
        assert.ok(Math.abs(v - expected[i]) <= 1e-9 * Math.abs(expected[i]), `${i}: ${v} vs ${expected[i]}`);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Bad arguments
// ---------------------------------------------------------------------------------------------

describe('bad arguments are rejected with the indicator and argument named', () => {
  const constructors: [string, (p: number) => unknown, number][] = [
    ['wma', (p) => new Wma(p), 1],
    ['dema', (p) => new Dema(p), 1],
    ['tema', (p) => new Tema(p), 1],
    ['hma', (p) => new Hma(p), 2],
    ['zlema', (p) => new Zlema(p), 1],
    ['kama', (p) => new Kama(p), 1],
    ['vwma', (p) => new Vwma(p), 1],
    ['sum', (p) => new RollingSum(p), 1],
    ['mean', (p) => new RollingMean(p), 1],
    ['min', (p) => new RollingMin(p), 1],
    ['max', (p) => new RollingMax(p), 1],
  ];

  test('periods: 0, negative, non-integer, NaN, Infinity', () => {
    for (const [name, make, min] of constructors) {
      for (const bad of [0, -3, 2.5, NaN, Infinity, min - 1]) {
        assert.throws(
          () => make(bad),
          (e: unknown) =>
            e instanceof RangeError &&
            e.message === `${name}(period): must be an integer ≥ ${min}, got ${bad}`,
          `${name}(${bad})`,
        );
      }
    }
  });

  test('kama fast and slow', () => {
    assert.throws(() => new Kama(10, 0), /kama\(fast\): must be an integer ≥ 1, got 0/);
    assert.throws(() => new Kama(10, 2, 1.5), /kama\(slow\): must be an integer ≥ 1, got 1.5/);
    assert.throws(() => new Kama(10, NaN), /kama\(fast\): .* got NaN/);
  });

  test('NaN and infinite inputs, in update and in replace', () => {
    for (const c of SCALAR_CASES) {
      const indicator = c.make(3);
      const pattern = new RegExp(
        `^RangeError: ${indicator.name.replace(/[()]/g, '\\$&')}: input must be a finite number, got`,
      );
      assert.throws(() => indicator.update(NaN), pattern, `${indicator.name} update(NaN)`);
      assert.throws(() => indicator.update(-Infinity), pattern, `${indicator.name} update(-Infinity)`);
      indicator.update(1);
      assert.throws(() => indicator.replace(NaN), pattern, `${indicator.name} replace(NaN)`);
    }
    const vwma = new Vwma(3);
    assert.throws(
      () => vwma.update(bar(NaN, 1)),
      /^RangeError: vwma\(3\): candle fields must be finite numbers/,
    );
    assert.throws(() => vwma.update(bar(1, -5)), /vwma\(3\): candle volume -5 is negative/);
    assert.throws(() => vwma.replace(bar(1, Infinity)), /vwma\(3\): candle fields must be finite/);
  });
});

// ---------------------------------------------------------------------------------------------
// Cross
// ---------------------------------------------------------------------------------------------

describe('Cross', () => {
  test('functions', () => {
    assert.equal(crossedAbove(1, 2, 3, 2), true); // below → above
    assert.equal(crossedAbove(2, 2, 3, 2), true); // touch → above
    assert.equal(crossedAbove(3, 2, 4, 2), false); // already above
    assert.equal(crossedAbove(1, 2, 2, 2), false); // only touches
    assert.equal(crossedBelow(3, 2, 1, 2), true);
    assert.equal(crossedBelow(2, 2, 1, 2), true);
    assert.equal(crossedBelow(1, 2, 0, 2), false);
    assert.equal(crossedAbove(NaN, 2, 3, 2), false);
    assert.equal(crossedBelow(3, NaN, 1, 2), false);
    assert.equal(crossEvent(1, 2, 3, 2), 'above');
    assert.equal(crossEvent(3, 2, 1, 2), 'below');
    assert.equal(crossEvent(3, 2, 2, 2), 'none');
  });

  test('events along a series; NaN while the averages warm up', () => {
    const cross = new Cross();
    const a = [NaN, NaN, 1, 2, 3, 3, 2, 1, 2, 2, 2, 3];
    const b = [NaN, 5, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1];
    const events = a.map((x, i) => cross.update(x, b[i]));
    assert.deepEqual(events, [
      'none', // first bar
      'none', // NaN
      'none', // the bar before had a NaN
      'none', // 2 vs 2: a touch is not a crossing
      'above', // touch → above
      'none',
      'none', // back to a touch
      'below', // touch → below
      'none', // touch
      'none',
      'above', // 2 vs 1, from a touch
      'none',
    ]);
    assert.equal(cross.value, 'none');
    assert.equal(cross.isReady, true);
    assert.equal(cross.a, 3);
    assert.equal(cross.b, 1);
  });

  test('replace re-decides the latest bar; reset', () => {
    const cross = new Cross();
    assert.equal(cross.replace(1, 2), 'none'); // acts like update
    assert.equal(cross.isReady, false);
    assert.equal(cross.update(3, 2), 'above');
    assert.equal(cross.replace(1.5, 2), 'none');
    assert.equal(cross.replace(2.5, 2), 'above');
    assert.equal(cross.update(1, 2), 'below'); // compared with the replaced (2.5, 2)
    cross.reset();
    assert.equal(cross.value, 'none');
    assert.equal(cross.isReady, false);
    assert.ok(Number.isNaN(cross.a));
    assert.equal(cross.update(5, 1), 'none');
  });

  test('property: events agree with the sign changes of a − b, and replace ≡ update', () => {
    const pairs = fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(pairs, pairs, (ps, drafts) => {
        const cross = new Cross();
        const replaced = new Cross();
        ps.forEach(([a, b], i) => {
          const e = cross.update(a, b);
          replaced.update(...(drafts[i] ?? [0, 0]));
          assert.equal(replaced.replace(a, b), e);
          if (i === 0) {
            assert.equal(e, 'none');
            return;
          }
          const before = Math.sign(ps[i - 1][0] - ps[i - 1][1]);
          const now = Math.sign(a - b);
          assert.equal(e, now > 0 && before <= 0 ? 'above' : now < 0 && before >= 0 ? 'below' : 'none');
        });
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------------------------

describe('catalog: moving averages', () => {
  const byName = new Map(MOVING_AVERAGE_ENTRIES.map((e) => [e.name, e]));

  test('every indicator of the group is listed, with defaults that build it', () => {
    const expected: Record<string, string> = {
      sma: 'sma(20)',
      ema: 'ema(20)',
      wilder: 'wilder(14)',
      wma: 'wma(20)',
      dema: 'dema(20)',
      tema: 'tema(20)',
      hma: 'hma(20)',
      zlema: 'zlema(20)',
      kama: 'kama(10,2,30)',
      vwma: 'vwma(20)',
      sum: 'sum(20)',
      mean: 'mean(20)',
      min: 'min(20)',
      max: 'max(20)',
    };
    assert.deepEqual([...byName.keys()].sort(), Object.keys(expected).sort());
    for (const [name, built] of Object.entries(expected)) {
      const entry = byName.get(name);
      assert.ok(entry !== undefined);
      const indicator = entry.create(entry.params.map((p) => p.default));
      assert.equal(indicator.name, built);
      assert.deepEqual(entry.outputs, ['value']);
      assert.equal(entry.input, name === 'vwma' ? 'candle' : 'close', `${name} input`);
      for (const p of entry.params) assert.ok(p.description.length > 0 && p.integer, `${name}.${p.name}`);
    }
  });

  test('catalog-built indicators compute what the classes do', () => {
    const kama = byName.get('kama')!.create([5, 3, 20]) as ScalarIndicator;
    assert.deepEqual(
      stream(kama, TTRC.close.subarray(0, 200)),
      stream(new Kama(5, 3, 20), TTRC.close.subarray(0, 200)),
    );
    const vwma = byName.get('vwma')!.create([7]);
    assert.deepEqual(
      Array.from(runIndicator(vwma, TTRC).value),
      Array.from(runIndicator(new Vwma(7), TTRC).value),
    );
  });

  test('quantflow ta specs resolve: kama(5), hma(9), vwma, max(3)', async () => {
    const { parseIndicatorSpec } = await import('./catalog/indicator-spec.js');
    assert.equal(parseIndicatorSpec('kama(5)').indicator.name, 'kama(5,2,30)');
    assert.deepEqual(parseIndicatorSpec('kama(5)').columns, ['kama(5,2,30)']);
    assert.equal(parseIndicatorSpec('hma(9)').indicator.name, 'hma(9)');
    assert.equal(parseIndicatorSpec('vwma').entry.input, 'candle');
    assert.equal(parseIndicatorSpec('max(3)').indicator.name, 'max(3)');
    assert.throws(() => parseIndicatorSpec('hma(1)'), /hma\(period\): must be an integer ≥ 2, got 1/);
    assert.throws(() => parseIndicatorSpec('wma(0)'), /wma\(period\): must be an integer ≥ 1, got 0/);
  });
});
