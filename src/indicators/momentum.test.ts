import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertMatchesTtr, readTtrCsv, TTRC } from '../../test/support/ttr.js';
import { runIndicator } from './batch.js';
import { parseIndicatorSpec } from './catalog/indicator-spec.js';
import { MOMENTUM_ENTRIES } from './catalog/momentum.js';
import type { Candle, Indicator } from './indicator.js';
import { Cci } from './momentum/cci.js';
import { Kst } from './momentum/kst.js';
import { Macd } from './momentum/macd.js';
import { Momentum } from './momentum/momentum.js';
import { Roc } from './momentum/roc.js';
import { STOCH_RSI_FLAT_RANGE, StochRsi } from './momentum/stoch-rsi.js';
import { Stochastic } from './momentum/stochastic.js';
import { Trix } from './momentum/trix.js';
import { WilliamsR } from './momentum/williams-r.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type AnyIndicator = Indicator<number, unknown> | Indicator<Candle, unknown>;

/** The value as a record of fields (`value` for scalar indicators). */
function fieldsOf(value: unknown): Record<string, number> {
  return typeof value === 'number' ? { value } : { ...(value as Record<string, number>) };
}

/**
 * Streams `inputs` and records every output field as it is after each update, without masking
 * by `isReady`: fields that become defined before the others (MACD's `macd`) show up from
 * their own first row, as in TTR's columns.
 */
function stream<T>(indicator: Indicator<T, unknown>, inputs: readonly T[]): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  inputs.forEach((input, i) => {
    const fields = fieldsOf(indicator.update(input));
    for (const [name, v] of Object.entries(fields))
      (out[name] ??= new Float64Array(inputs.length).fill(NaN))[i] = v;
  });
  return out;
}

const TTRC_CANDLES: Candle[] = Array.from(TTRC.close, (close, i) => ({
  open: TTRC.open[i],
  high: TTRC.high[i],
  low: TTRC.low[i],
  close,
  volume: TTRC.volume[i],
}));
const TTRC_CLOSES: number[] = Array.from(TTRC.close);

/**
 * Streams the ttrc series through `indicator`, checks it against batch (`runIndicator` on a fresh
 * twin: the ready rows equal the streamed values, NaN before `warmup`), and returns the streamed
 * fields.
 */
function ttrcRun(create: () => AnyIndicator, candle: boolean): Record<string, Float64Array> {
  const streamed = candle
    ? stream(create() as Indicator<Candle, unknown>, TTRC_CANDLES)
    : stream(create() as Indicator<number, unknown>, TTRC_CLOSES);
  const twin = create();
  const batch = runIndicator(twin, candle ? TTRC : TTRC.close);
  assert.deepEqual(Object.keys(batch), Object.keys(streamed));
  for (const [name, column] of Object.entries(batch)) {
    for (let i = 0; i < column.length; i++) {
      if (i + 1 < twin.warmup)
        assert.ok(Number.isNaN(column[i]), `${twin.name}.${name} batch row ${i + 1} in warm-up`);
      else assert.equal(column[i], streamed[name][i], `${twin.name}.${name} batch row ${i + 1}`);
    }
  }
  return streamed;
}

/** Index of the first row whose fields are all defined (0-based), or -1. */
function firstReadyRow(columns: Record<string, Float64Array>): number {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  for (let i = 0; i < n; i++) if (names.every((f) => !Number.isNaN(columns[f][i]))) return i;
  return -1;
}

/** |a − b| ≤ tol·max(1, |b|); NaN only equals NaN. */
function near(a: number, b: number, tol = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

function assertNear(a: number, b: number, message: string, tol = 1e-9): void {
  assert.ok(near(a, b, tol), `${message}: ${a} vs ${b}`);
}

// ---------------------------------------------------------------------------------------------
// Naive reference implementations (straight from the definitions, whole arrays, no state)
// ---------------------------------------------------------------------------------------------

/** SMA-seeded EMA over xs (leading NaNs allowed): NaN until `period` defined values were seen. */
function naiveEma(xs: readonly number[], period: number, wilder = false): number[] {
  const alpha = wilder ? 1 / period : 2 / (period + 1);
  const out = xs.map(() => NaN);
  const first = xs.findIndex((x) => !Number.isNaN(x));
  if (first < 0) return out;
  const seedAt = first + period - 1;
  if (seedAt >= xs.length) return out;
  let seed = 0;
  for (let i = first; i <= seedAt; i++) seed += xs[i];
  out[seedAt] = seed / period;
  for (let i = seedAt + 1; i < xs.length; i++) out[i] = out[i - 1] + alpha * (xs[i] - out[i - 1]);
  return out;
}

/** Windowed mean of xs[i−period+1..i]; NaN if the window is incomplete or holds a NaN. */
function naiveSma(xs: readonly number[], period: number): number[] {
  return xs.map((_, i) => {
    if (i + 1 < period) return NaN;
    let sum = 0;
    for (let k = i - period + 1; k <= i; k++) sum += xs[k];
    return sum / period;
  });
}

function windowOf<T>(xs: readonly T[], i: number, period: number): T[] {
  return xs.slice(i - period + 1, i + 1);
}

/** Wilder RSI per input (NaN for the first `period`), 50 when there is no change at all. */
function naiveRsi(xs: readonly number[], period: number): number[] {
  const gains = xs.map((x, i) => (i === 0 ? NaN : Math.max(x - xs[i - 1], 0)));
  const losses = xs.map((x, i) => (i === 0 ? NaN : Math.max(xs[i - 1] - x, 0)));
  const g = naiveEma(gains, period, true);
  const l = naiveEma(losses, period, true);
  return xs.map((_, i) => (Number.isNaN(g[i]) ? NaN : g[i] + l[i] === 0 ? 50 : (100 * g[i]) / (g[i] + l[i])));
}

function naiveMacd(xs: readonly number[], fast: number, slow: number, signal: number) {
  const f = naiveEma(xs, fast);
  const s = naiveEma(xs, slow);
  const macd = xs.map((_, i) => (i + 1 < slow ? NaN : f[i] - s[i]));
  const sig = naiveEma(macd, signal);
  return { macd, signal: sig, histogram: macd.map((m, i) => m - sig[i]) };
}

function naiveStoch(cs: readonly Candle[], kP: number, dP: number, sP: number) {
  const k = cs.map((c, i) => {
    if (i + 1 < kP) return NaN;
    const w = windowOf(cs, i, kP);
    const hh = Math.max(...w.map((x) => x.high));
    const ll = Math.min(...w.map((x) => x.low));
    return hh === ll ? 50 : (100 * (c.close - ll)) / (hh - ll);
  });
  const d = naiveSmaAfter(k, dP);
  return { k, d, slowD: naiveSmaAfter(d, sP) };
}

/** SMA of a series with leading NaNs, over its defined part. */
function naiveSmaAfter(xs: readonly number[], period: number): number[] {
  const first = xs.findIndex((x) => !Number.isNaN(x));
  if (first < 0) return xs.map(() => NaN);
  return [...xs.slice(0, first).map(() => NaN), ...naiveSma(xs.slice(first), period)];
}

function naiveStochRsi(xs: readonly number[], rsiP: number, stochP: number, kP: number, dP: number) {
  const rsi = naiveRsi(xs, rsiP);
  const raw = rsi.map((r, i) => {
    if (i < rsiP + stochP - 1) return NaN;
    const w = windowOf(rsi, i, stochP);
    const hi = Math.max(...w);
    const lo = Math.min(...w);
    return hi - lo <= STOCH_RSI_FLAT_RANGE ? 50 : (100 * (r - lo)) / (hi - lo);
  });
  const k = naiveSmaAfter(raw, kP);
  return { k, d: naiveSmaAfter(k, dP) };
}

function naiveWillr(cs: readonly Candle[], period: number): number[] {
  return cs.map((c, i) => {
    if (i + 1 < period) return NaN;
    const w = windowOf(cs, i, period);
    const hh = Math.max(...w.map((x) => x.high));
    const ll = Math.min(...w.map((x) => x.low));
    return hh === ll ? -50 : (-100 * (hh - c.close)) / (hh - ll);
  });
}

function naiveCci(cs: readonly Candle[], period: number): number[] {
  const tp = cs.map((c) => (c.high + c.low + c.close) / 3);
  return tp.map((x, i) => {
    if (i + 1 < period) return NaN;
    const w = windowOf(tp, i, period);
    const mean = w.reduce((a, b) => a + b, 0) / period;
    const md = w.reduce((a, b) => a + Math.abs(b - mean), 0) / period;
    return w.every((v) => v === w[0]) ? 0 : (x - mean) / (0.015 * md);
  });
}

function naiveTrix(xs: readonly number[], period: number, signal: number) {
  const e3 = naiveEma(naiveEma(naiveEma(xs, period), period), period);
  const trix = e3.map((e, i) => (i === 0 ? NaN : 100 * (e / e3[i - 1] - 1)));
  return { trix, signal: naiveEma(trix, signal) };
}

function naiveKst(xs: readonly number[], roc: readonly number[], sma: readonly number[], signal: number) {
  const parts = roc.map((r, j) =>
    naiveSmaAfter(
      xs.map((x, i) => (i < r ? NaN : Math.log(x) - Math.log(xs[i - r]))),
      sma[j],
    ),
  );
  const kst = xs.map((_, i) => 100 * parts.reduce((sum, p, j) => sum + (j + 1) * p[i], 0));
  return { kst, signal: naiveSmaAfter(kst, signal) };
}

/** Checks streamed fields against naive ones row by row, and `isReady` from row `warmup` on. */
function assertStreamsLike<T>(
  indicator: Indicator<T, unknown>,
  inputs: readonly T[],
  expected: Record<string, readonly number[]>,
  tol = 1e-9,
): void {
  inputs.forEach((input, i) => {
    const got = fieldsOf(indicator.update(input));
    assert.equal(indicator.isReady, i + 1 >= indicator.warmup, `${indicator.name} isReady at input ${i + 1}`);
    assert.deepEqual(Object.keys(got), Object.keys(expected));
    for (const [field, column] of Object.entries(expected)) {
      assertNear(got[field], column[i], `${indicator.name}.${field} at input ${i + 1}`, tol);
    }
    if (indicator.isReady)
      for (const v of Object.values(got)) assert.ok(!Number.isNaN(v), `${indicator.name} NaN when ready`);
  });
}

// Random inputs: prices in cents (positive), and candles with integer prices (ties and flat windows happen).
const prices = fc.array(
  fc.integer({ min: 1, max: 20_000 }).map((n) => n / 100),
  { maxLength: 120 },
);
const flatPrices = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 100 });
const candles = fc.array(
  fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }))
    .map(([low, range, at]): Candle => {
      const close = low + Math.min(at, range);
      return { open: close, high: low + range, low, close, volume: 1 };
    }),
  { maxLength: 100 },
);
const small = (max: number) => fc.integer({ min: 1, max });

// ---------------------------------------------------------------------------------------------
// TTR
// ---------------------------------------------------------------------------------------------

describe('momentum: TTR 0.24.3 reference (ttrc, 5,550 bars; same NA rows)', () => {
  test('macd(12,26,9) = MACD(Cl, 12, 26, 9, percent = FALSE); histogram = macd − signal', () => {
    const ours = ttrcRun(() => new Macd(12, 26, 9), false);
    const ttr = readTtrCsv('macd.csv');
    assertMatchesTtr(ours.macd, ttr.macd, 'macd');
    assertMatchesTtr(ours.signal, ttr.signal, 'macd signal');
    const histogram = ttr.macd.map((m, i) => m - ttr.signal[i]);
    assertMatchesTtr(ours.histogram, histogram, 'macd histogram');
    assert.equal(firstReadyRow(ours) + 1, new Macd().warmup); // row 34
  });

  test('stoch(14,3,3) = stoch(HLC, 14, 3, 3) × 100', () => {
    const ours = ttrcRun(() => new Stochastic(14, 3, 3), true);
    const ttr = readTtrCsv('stoch.csv');
    assertMatchesTtr(ours.k, ttr.fastK, 'stoch k', 100);
    assertMatchesTtr(ours.d, ttr.fastD, 'stoch d', 100);
    assertMatchesTtr(ours.slowD, ttr.slowD, 'stoch slowD', 100);
    assert.equal(firstReadyRow(ours) + 1, new Stochastic().warmup); // row 18
  });

  test('willr(14) = −100 × WPR(HLC, 14)', () => {
    const ours = ttrcRun(() => new WilliamsR(14), true);
    assertMatchesTtr(ours.value, readTtrCsv('wpr.csv').wpr, 'willr', -100);
  });

  test('cci(20) = CCI(HLC, 20)', () => {
    const ours = ttrcRun(() => new Cci(20), true);
    assertMatchesTtr(ours.value, readTtrCsv('cci.csv').cci, 'cci');
  });

  test("roc(10) = ROC(Cl, 10, type = 'discrete') × 100", () => {
    const ours = ttrcRun(() => new Roc(10), false);
    assertMatchesTtr(ours.value, readTtrCsv('roc.csv').roc, 'roc', 100);
  });

  test('trix(20,9): trix = TRIX(Cl, 20) in both files; signal = trix_sig9.csv (EMA(TRIX, 9))', () => {
    const ours = ttrcRun(() => new Trix(20, 9), false);
    const sig9 = readTtrCsv('trix_sig9.csv');
    const plain = readTtrCsv('trix.csv');
    assertMatchesTtr(ours.trix, sig9.TRIX, 'trix (trix_sig9.csv)');
    assertMatchesTtr(ours.trix, plain.TRIX, 'trix (trix.csv)');
    assertMatchesTtr(ours.signal, sig9.signal, 'trix signal (trix_sig9.csv)');
    assert.equal(firstReadyRow(ours) + 1, new Trix(20, 9).warmup); // row 67
  });

  test("trix(20,20) reproduces trix.csv's signal, TTR's EMA(TRIX, n) quirk (REFERENCE.md §5.2)", () => {
    const ours = ttrcRun(() => new Trix(20, 20), false);
    assertMatchesTtr(ours.signal, readTtrCsv('trix.csv').signal, 'trix signal (trix.csv)');
  });

  test('kst() = KST(Cl) with its defaults (log ROC, SMA, weights 1:4)', () => {
    const ours = ttrcRun(() => new Kst(), false);
    const ttr = readTtrCsv('kst.csv');
    assertMatchesTtr(ours.kst, ttr.kst, 'kst');
    assertMatchesTtr(ours.signal, ttr.signal, 'kst signal');
    assert.equal(firstReadyRow(ours) + 1, new Kst().warmup); // row 53
  });
});

// ---------------------------------------------------------------------------------------------
// Hand examples (published definitions), warm-ups and flat-window conventions
// ---------------------------------------------------------------------------------------------

describe('momentum: hand examples', () => {
  const bar = (high: number, low: number, close: number): Candle => ({
    open: close,
    high,
    low,
    close,
    volume: 1,
  });

  test('Momentum(3) = C − C[3]', () => {
    const mom = new Momentum(3);
    assert.equal(mom.name, 'mom(3)');
    assert.equal(mom.warmup, 4);
    for (const x of [10, 11, 13]) assert.ok(Number.isNaN(mom.update(x)));
    assert.equal(mom.isReady, false);
    assert.equal(mom.update(12), 2); // 12 − 10
    assert.equal(mom.isReady, true);
    assert.equal(mom.update(15), 4); // 15 − 11
    assert.equal(mom.update(7), -6); // 7 − 13
    assert.ok(Number.isNaN(new Momentum(1).update(-5))); // negative inputs are fine (any finite series)
  });

  test('Roc(2) = 100·(C/C[2] − 1)', () => {
    const roc = new Roc(2);
    assert.equal(roc.warmup, 3);
    roc.update(4);
    assert.ok(Number.isNaN(roc.update(5)));
    assert.equal(roc.update(6), 50); // 100·(6/4 − 1) = 100·0.5
    assertNear(roc.update(3), -40, 'roc'); // 100·(3/5 − 1) = 100·(−0.4)
    assertNear(roc.update(9), 50, 'roc'); // 100·(9/6 − 1)
  });

  test('StochRsi(2,3,2,2): RSI(2), its 3-value stochastic, SMA 2, SMA 2', () => {
    const s = new StochRsi(2, 3, 2, 2);
    assert.equal(s.name, 'stochrsi(2,3,2,2)');
    assert.equal(s.warmup, 7); // RSI from input 3, raw from 5, k from 6, d from 7
    // Closes 1, 2, 4, 3, 5, 4, 6 → Wilder RSI(2) (seed: mean of the first 2 changes, then α = 1/2):
    //   input 3: changes +1, +2 → gain 1.5, loss 0 → 100
    //   input 4: −1 → gain 0.75, loss 0.5 → 60
    //   input 5: +2 → gain 1.375, loss 0.25 → 100·1.375/1.625 = 1100/13 ≈ 84.615
    //   input 6: −1 → gain 0.6875, loss 0.625 → 100·0.6875/1.3125 = 1100/21 ≈ 52.381
    //   input 7: +2 → gain 1.34375, loss 0.3125 → 100·1.34375/1.65625 = 4300/53 ≈ 81.132
    // raw (window of 3 RSI values):
    //   input 5: (1100/13 − 60)/(100 − 60) = (320/13)/40 = 8/13 → 800/13 ≈ 61.538
    //   input 6: 1100/21 is the window's min → 0
    //   input 7: (4300/53 − 1100/21)/(1100/13 − 1100/21) = (32000/1113)/(8800/273) = 520/583
    //            → 52000/583 ≈ 89.194
    // k = SMA2(raw): input 6: (800/13 + 0)/2 = 400/13; input 7: (0 + 52000/583)/2 = 26000/583.
    // d = SMA2(k): input 7: (400/13 + 26000/583)/2 ≈ 37.683.
    const out = [1, 2, 4, 3, 5, 4, 6].map((x) => ({ ...s.update(x) }));
    for (let i = 0; i < 5; i++) assert.ok(Number.isNaN(out[i].k) && Number.isNaN(out[i].d), `input ${i + 1}`);
    assertNear(out[5].k, 400 / 13, 'k at 6', 1e-12);
    assert.ok(Number.isNaN(out[5].d));
    assert.equal(s.isReady, true);
    assertNear(out[6].k, 26000 / 583, 'k at 7', 1e-12);
    assertNear(out[6].d, (400 / 13 + 26000 / 583) / 2, 'd at 7', 1e-12);
  });

  test('StochRsi of a flat RSI window is 50; of a monotone series too (RSI stays 100)', () => {
    const flat = new StochRsi(3, 4, 1, 1);
    const up = new StochRsi(3, 4, 2, 2);
    for (let i = 0; i < 30; i++) {
      flat.update(7);
      up.update(10 + i);
    }
    assert.deepEqual({ ...flat.value }, { k: 50, d: 50 });
    assert.deepEqual({ ...up.value }, { k: 50, d: 50 });
    // An unchanged close leaves RSI mathematically unchanged (both Wilder averages shrink by the
    // same factor) but not bit for bit: RSI(3) of 1, 3, 2, 2, 4, 2, 2 ends 47.61904761904763,
    // 47.61904761904762. That window is flat, not a new low: 50, not 0.
    const unchanged = new StochRsi(3, 2, 1, 1);
    for (const x of [1, 3, 2, 2, 4, 2, 2]) unchanged.update(x);
    assert.deepEqual({ ...unchanged.value }, { k: 50, d: 50 });
  });

  test('Stochastic(3,2,2): %K, fast %D, slow %D; flat range → 50', () => {
    const s = new Stochastic(3, 2, 2);
    assert.equal(s.warmup, 5);
    const bars = [bar(10, 8, 9), bar(12, 9, 11), bar(11, 7, 8), bar(13, 10, 13), bar(12, 11, 11)];
    const out = bars.map((b) => ({ ...s.update(b) }));
    // input 3: HH 12, LL 7 → k = 100·(8 − 7)/5 = 20
    // input 4: HH 13, LL 7 → k = 100·(13 − 7)/6 = 100; d = (20 + 100)/2 = 60
    // input 5: HH 13, LL 7 → k = 100·(11 − 7)/6 = 66.67; d = (100 + 66.67)/2 = 83.33; slowD = (60 + 83.33)/2
    assert.ok(Number.isNaN(out[1].k));
    assert.deepEqual(out[2], { k: 20, d: NaN, slowD: NaN });
    assert.deepEqual(out[3], { k: 100, d: 60, slowD: NaN });
    assertNear(out[4].k, 400 / 6, 'k');
    assertNear(out[4].d, (100 + 400 / 6) / 2, 'd');
    assertNear(out[4].slowD, (60 + (100 + 400 / 6) / 2) / 2, 'slowD');
    assert.equal(s.isReady, true);
    const flat = new Stochastic(2, 1, 1);
    flat.update(bar(5, 5, 5));
    assert.deepEqual({ ...flat.update(bar(5, 5, 5)) }, { k: 50, d: 50, slowD: 50 });
  });

  test('WilliamsR(3): 0 at the high, −100 at the low, −50 for a flat range', () => {
    const w = new WilliamsR(3);
    w.update(bar(10, 8, 9));
    w.update(bar(12, 9, 11));
    // HH 12, LL 7: −100·(12 − 8)/5 = −80
    assert.equal(w.update(bar(11, 7, 8)), -80);
    assert.equal(w.update(bar(13, 10, 13)), -0); // close at HH 13
    assert.equal(w.update(bar(12, 7, 7)), -100); // close at LL 7
    const flat = new WilliamsR(1);
    assert.equal(flat.update(bar(4, 4, 4)), -50);
  });

  test('Cci(3): (TP − SMA)/(0.015·mean deviation); flat window → 0', () => {
    const c = new Cci(3);
    // TPs 3, 6, 9 (H = L = C): mean 6, MD (3 + 0 + 3)/3 = 2 → (9 − 6)/(0.015·2) = 100
    c.update(bar(3, 3, 3));
    c.update(bar(6, 6, 6));
    assertNear(c.update(bar(9, 9, 9)), 100, 'cci', 1e-12);
    // TPs 6, 9, 3: mean 6, MD 2 → (3 − 6)/0.03 = −100
    assertNear(c.update(bar(3, 3, 3)), -100, 'cci', 1e-12);
    // TP of (H 7, L 1, C 4) = 4; TPs 9, 3, 4: mean 16/3, MD (11/3 + 7/3 + 4/3)/3 = 22/9
    //   → (4 − 16/3)/(0.015·22/9) = (−4/3)/(0.0366…) = −36.36…
    assertNear(c.update(bar(7, 1, 4)), (4 - 16 / 3) / ((0.015 * 22) / 9), 'cci', 1e-12);
    const flat = new Cci(3);
    for (let i = 0; i < 3; i++) flat.update(bar(0.1, 0.1, 0.1)); // mean of 0.1s is not exactly 0.1
    assert.equal(flat.value, 0);
  });

  test('Macd(2,3,2) on 1, 2, 4, 7, 11', () => {
    const m = new Macd(2, 3, 2);
    assert.equal(m.warmup, 4);
    // EMA2 (α = 2/3): seed (1 + 2)/2 = 3/2 at input 2; 3/2 + 2/3·(4 − 3/2) = 19/6;
    //   19/6 + 2/3·(7 − 19/6) = 103/18; 103/18 + 2/3·(11 − 103/18) = 499/54
    // EMA3 (α = 1/2): seed (1 + 2 + 4)/3 = 7/3 at input 3; (7/3 + 7)/2 = 14/3; (14/3 + 11)/2 = 47/6
    // macd: input 3: 19/6 − 7/3 = 5/6; input 4: 103/18 − 14/3 = 19/18; input 5: 499/54 − 47/6 = 38/27
    // signal = EMA2(macd): seed (5/6 + 19/18)/2 = 17/18 at input 4 (histogram 19/18 − 17/18 = 1/9);
    //   input 5: 17/18 + 2/3·(38/27 − 17/18) = 203/162 (histogram 38/27 − 203/162 = 25/162)
    const out = [1, 2, 4, 7, 11].map((x) => ({ ...m.update(x) }));
    assert.ok(Number.isNaN(out[1].macd));
    assertNear(out[2].macd, 5 / 6, 'macd 3', 1e-12);
    assert.ok(Number.isNaN(out[2].signal) && Number.isNaN(out[2].histogram));
    assert.equal(m.isReady, true);
    assertNear(out[3].macd, 19 / 18, 'macd 4', 1e-12);
    assertNear(out[3].signal, 17 / 18, 'signal 4', 1e-12);
    assertNear(out[3].histogram, 1 / 9, 'histogram 4', 1e-12);
    assertNear(out[4].macd, 38 / 27, 'macd 5', 1e-12);
    assertNear(out[4].signal, 203 / 162, 'signal 5', 1e-12);
    assertNear(out[4].histogram, 25 / 162, 'histogram 5', 1e-12);
  });

  test('Trix(1,1) is the plain 1-step % change; Kst with one component is 100·weight·SMA(log ROC)', () => {
    const t = new Trix(1, 1);
    assert.equal(t.warmup, 2);
    t.update(100);
    assert.deepEqual({ ...t.update(110) }, { trix: 100 * (110 / 100 - 1), signal: 100 * (110 / 100 - 1) });
    const k = new Kst([1], [2], 1, [3]);
    assert.equal(k.warmup, 3);
    k.update(1);
    k.update(Math.E);
    // log ROC(1): 1, then 2; SMA2 = 1.5; kst = 100·3·1.5 = 450
    assertNear(k.update(Math.E ** 3).kst, 450, 'kst', 1e-12);
  });
});

// ---------------------------------------------------------------------------------------------
// Streaming equals the naive recomputation (fast-check)
// ---------------------------------------------------------------------------------------------

describe('momentum: streaming equals a naive recomputation on random series', () => {
  test('Macd', () => {
    fc.assert(
      fc.property(prices, small(8), small(10), small(6), (xs, a, b, signal) => {
        const fast = Math.min(a, b);
        const slow = Math.max(a, b) + 1;
        assertStreamsLike(new Macd(fast, slow, signal), xs, naiveMacd(xs, fast, slow, signal));
      }),
    );
  });

  test('Stochastic', () => {
    fc.assert(
      fc.property(candles, small(10), small(4), small(4), (cs, k, d, s) => {
        assertStreamsLike(new Stochastic(k, d, s), cs, naiveStoch(cs, k, d, s));
      }),
    );
  });

  test('StochRsi', () => {
    fc.assert(
      fc.property(fc.oneof(prices, flatPrices), small(6), small(6), small(3), small(3), (xs, r, s, k, d) => {
        assertStreamsLike(new StochRsi(r, s, k, d), xs, naiveStochRsi(xs, r, s, k, d), 1e-7);
      }),
    );
  });

  test('WilliamsR', () => {
    fc.assert(
      fc.property(candles, small(10), (cs, period) => {
        assertStreamsLike(new WilliamsR(period), cs, { value: naiveWillr(cs, period) });
      }),
    );
  });

  test('Cci', () => {
    fc.assert(
      fc.property(candles, small(12), (cs, period) => {
        assertStreamsLike(new Cci(period), cs, { value: naiveCci(cs, period) }, 1e-8);
      }),
    );
  });

  test('Roc and Momentum', () => {
    fc.assert(
      fc.property(prices, small(12), (xs, period) => {
        const back = (i: number) => (i < period ? NaN : xs[i - period]);
        assertStreamsLike(new Roc(period), xs, { value: xs.map((x, i) => 100 * (x / back(i) - 1)) });
        assertStreamsLike(new Momentum(period), xs, { value: xs.map((x, i) => x - back(i)) });
      }),
    );
  });

  test('Trix', () => {
    fc.assert(
      fc.property(prices, small(6), small(5), (xs, period, signal) => {
        assertStreamsLike(new Trix(period, signal), xs, naiveTrix(xs, period, signal));
      }),
    );
  });

  test('Kst (4 components, weights 1..4)', () => {
    fc.assert(
      fc.property(
        prices,
        fc.array(small(8), { minLength: 4, maxLength: 4 }),
        fc.array(small(5), { minLength: 4, maxLength: 4 }),
        small(4),
        (xs, roc, sma, signal) => {
          assertStreamsLike(new Kst(roc, sma, signal), xs, naiveKst(xs, roc, sma, signal), 1e-8);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// replace(): update(x); replace(y) ≡ update(y)
// ---------------------------------------------------------------------------------------------

/** Feeds `inputs` to `direct`, and to `replaced` as update(wrong…) then replace(…right); compares after each. */
function assertReplaceEquivalent<T>(
  create: () => Indicator<T, unknown>,
  inputs: readonly T[],
  wrong: readonly T[],
): void {
  const direct = create();
  const replaced = create();
  inputs.forEach((input, i) => {
    if (i === 0)
      replaced.replace(wrong[0]); // before any update: acts like update
    else replaced.update(wrong[i]);
    replaced.replace(wrong[(i + 1) % wrong.length]);
    const got = fieldsOf(replaced.replace(input));
    const want = fieldsOf(direct.update(input));
    assert.equal(replaced.isReady, direct.isReady, `${direct.name} isReady at ${i + 1}`);
    for (const field of Object.keys(want)) {
      assertNear(got[field], want[field], `${direct.name}.${field} at input ${i + 1}`, 1e-8);
    }
  });
}

describe('momentum: replace() of a still-forming bar', () => {
  const pairs = <T>(arb: fc.Arbitrary<T>) =>
    fc
      .array(fc.tuple(arb, arb), { minLength: 1, maxLength: 90 })
      .map((ps) => [ps.map((p) => p[0]), ps.map((p) => p[1])]);
  const price = fc.integer({ min: 1, max: 20_000 }).map((n) => n / 100);
  const candle = fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }))
    .map(([low, range, at]): Candle => ({
      open: low,
      high: low + range,
      low,
      close: low + Math.min(at, range),
      volume: 1,
    }));

  test('scalar indicators (random series and periods)', () => {
    fc.assert(
      fc.property(pairs(price), small(5), small(4), small(3), ([xs, ys], a, b, c) => {
        assertReplaceEquivalent(() => new Macd(a, a + b, c), xs, ys);
        assertReplaceEquivalent(() => new StochRsi(a, b, c, a), xs, ys);
        assertReplaceEquivalent(() => new Roc(a), xs, ys);
        assertReplaceEquivalent(() => new Momentum(b), xs, ys);
        assertReplaceEquivalent(() => new Trix(b, c), xs, ys);
        assertReplaceEquivalent(() => new Kst([a, b, c, a + 1], [c, b, a, 2], b), xs, ys);
      }),
    );
  });

  test('candle indicators (random candles and periods)', () => {
    fc.assert(
      fc.property(pairs(candle), small(6), small(3), small(3), ([cs, ws], a, b, c) => {
        assertReplaceEquivalent(() => new Stochastic(a, b, c), cs, ws);
        assertReplaceEquivalent(() => new WilliamsR(a), cs, ws);
        assertReplaceEquivalent(() => new Cci(a), cs, ws);
      }),
    );
  });

  test('on ttrc with the default parameters', () => {
    const xs = TTRC_CLOSES.slice(0, 400);
    const ys = xs.map((x, i) => x * (i % 2 ? 1.05 : 0.97));
    for (const create of [
      () => new Macd(),
      () => new StochRsi(),
      () => new Roc(),
      () => new Trix(),
      () => new Kst(),
    ]) {
      assertReplaceEquivalent<number>(create, xs, ys);
    }
    const cs = TTRC_CANDLES.slice(0, 400);
    const ws = cs.map((c) => ({ ...c, high: c.high * 1.1, low: c.low * 0.9 }));
    for (const create of [() => new Stochastic(), () => new WilliamsR(), () => new Cci()]) {
      assertReplaceEquivalent<Candle>(create, cs, ws);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// reset, bad arguments, catalog
// ---------------------------------------------------------------------------------------------

describe('momentum: reset', () => {
  test('reset forgets everything: the same inputs give the same outputs again', () => {
    const xs = TTRC_CLOSES.slice(0, 120);
    const cs = TTRC_CANDLES.slice(0, 120);
    const scalar: Indicator<number, unknown>[] = [
      new Macd(),
      new StochRsi(),
      new Roc(),
      new Momentum(),
      new Trix(5, 3),
      new Kst(),
    ];
    for (const ind of scalar) {
      const first = stream(ind, xs);
      ind.reset();
      assert.equal(ind.isReady, false);
      for (const v of Object.values(fieldsOf(ind.value)))
        assert.ok(Number.isNaN(v), `${ind.name} NaN after reset`);
      assert.deepEqual(stream(ind, xs), first, ind.name);
    }
    const candle: Indicator<Candle, unknown>[] = [new Stochastic(), new WilliamsR(), new Cci()];
    for (const ind of candle) {
      const first = stream(ind, cs);
      ind.reset();
      assert.equal(ind.isReady, false);
      assert.deepEqual(stream(ind, cs), first, ind.name);
    }
  });
});

describe('momentum: bad arguments are rejected with the indicator and argument named', () => {
  test('periods: 0, negative, non-integer', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => new Macd(0), /macd\(fast\): must be an integer ≥ 1, got 0/],
      [() => new Macd(12, -26), /macd\(slow\): must be an integer ≥ 1, got -26/],
      [() => new Macd(12, 26, 2.5), /macd\(signal\): must be an integer ≥ 1, got 2.5/],
      [() => new Macd(26, 12), /macd\(fast\): must be less than slow \(12\), got 26/],
      [() => new Macd(12, 12), /macd\(fast\): must be less than slow \(12\), got 12/],
      [() => new Stochastic(0), /stoch\(k\): must be an integer ≥ 1, got 0/],
      [() => new Stochastic(14, -3), /stoch\(d\): must be an integer ≥ 1, got -3/],
      [() => new Stochastic(14, 3, 1.5), /stoch\(slowD\): must be an integer ≥ 1, got 1.5/],
      [() => new StochRsi(0), /stochrsi\(rsiPeriod\): must be an integer ≥ 1, got 0/],
      [() => new StochRsi(14, -1), /stochrsi\(stochPeriod\): must be an integer ≥ 1, got -1/],
      [() => new StochRsi(14, 14, 0.5), /stochrsi\(k\): must be an integer ≥ 1, got 0.5/],
      [() => new StochRsi(14, 14, 3, 0), /stochrsi\(d\): must be an integer ≥ 1, got 0/],
      [() => new WilliamsR(0), /willr\(period\): must be an integer ≥ 1, got 0/],
      [() => new WilliamsR(-14), /willr\(period\): must be an integer ≥ 1, got -14/],
      [() => new Cci(2.5), /cci\(period\): must be an integer ≥ 1, got 2.5/],
      [() => new Cci(0), /cci\(period\): must be an integer ≥ 1, got 0/],
      [() => new Roc(0), /roc\(period\): must be an integer ≥ 1, got 0/],
      [() => new Roc(NaN), /roc\(period\): must be an integer ≥ 1, got NaN/],
      [() => new Momentum(-1), /mom\(period\): must be an integer ≥ 1, got -1/],
      [() => new Momentum(1.1), /mom\(period\): must be an integer ≥ 1, got 1.1/],
      [() => new Trix(0), /trix\(period\): must be an integer ≥ 1, got 0/],
      [() => new Trix(15, -9), /trix\(signal\): must be an integer ≥ 1, got -9/],
      [() => new Kst([10, 15, 0, 30]), /kst\(roc3\): must be an integer ≥ 1, got 0/],
      [() => new Kst(undefined, [10, 10, 10, 1.5]), /kst\(sma4\): must be an integer ≥ 1, got 1.5/],
      [() => new Kst(undefined, undefined, -9), /kst\(signal\): must be an integer ≥ 1, got -9/],
      [() => new Kst([10, 15], [10, 10, 10]), /kst\(sma\): needs 2 periods/],
      [() => new Kst([10], [10], 9, [1, 2]), /kst\(weights\): needs 1 weights/],
      [() => new Kst([10], [10], 9, [NaN]), /kst\(weight1\): must be a finite number, got NaN/],
      [() => new Kst([], []), /kst\(roc\): needs at least one component/],
    ];
    for (const [create, message] of cases)
      assert.throws(
        create,
        (e: unknown) => e instanceof RangeError && message.test(e.message),
        String(message),
      );
  });

  test('NaN, infinite and (for relative changes) non-positive inputs; bad candles', () => {
    assert.throws(() => new Macd().update(NaN), /macd\(12,26,9\): input must be a finite number, got NaN/);
    assert.throws(() => new Macd().replace(Infinity), /macd\(12,26,9\): input must be a finite number/);
    assert.throws(() => new StochRsi().update(NaN), /stochrsi\(14,14,3,3\): input must be a finite number/);
    assert.throws(() => new Momentum().update(-Infinity), /mom\(10\): input must be a finite number/);
    for (const bad of [NaN, 0, -1, Infinity]) {
      assert.throws(
        () => new Roc().update(bad),
        new RegExp(`roc\\(10\\): input must be a positive finite number \\(a price\\), got ${bad}`),
      );
      assert.throws(() => new Trix().update(bad), /trix\(15,9\): input must be a positive finite number/);
      assert.throws(
        () => new Kst().update(bad),
        /kst\(10,15,20,30,10,10,10,15,9\): input must be a positive/,
      );
    }
    const inverted = { open: 1, high: 1, low: 2, close: 1, volume: 0 };
    const nan = { open: 1, high: NaN, low: 1, close: 1, volume: 0 };
    assert.throws(() => new Stochastic().update(inverted), /stoch\(14,3,3\): candle high 1 is below low 2/);
    assert.throws(() => new WilliamsR().update(nan), /willr\(14\): candle fields must be finite/);
    assert.throws(() => new Cci().replace(inverted), /cci\(20\): candle high 1 is below low 2/);
  });
});

describe('momentum: catalog', () => {
  test('every entry builds with its defaults; name, outputs and input kind match the indicator', () => {
    const names = MOMENTUM_ENTRIES.map((e) => e.name);
    assert.deepEqual(names, [
      'rsi',
      'macd',
      'stoch',
      'stochrsi',
      'willr',
      'cci',
      'roc',
      'mom',
      'trix',
      'kst',
    ]);
    for (const entry of MOMENTUM_ENTRIES) {
      const parsed = parseIndicatorSpec(entry.name);
      const label = `${entry.name}(${entry.params.map((p) => p.default).join(',')})`;
      assert.equal(parsed.indicator.name, label);
      assert.ok(entry.scale, `${entry.name} has a scale note`);
      const value =
        entry.input === 'candle'
          ? (parsed.indicator as Indicator<Candle, unknown>).update(TTRC_CANDLES[0])
          : (parsed.indicator as Indicator<number, unknown>).update(TTRC_CLOSES[0]);
      assert.deepEqual(Object.keys(fieldsOf(value)), [...entry.outputs], entry.name);
    }
  });

  test('specs with arguments, and bad ones', () => {
    assert.equal(parseIndicatorSpec('macd(5,35,5)').indicator.name, 'macd(5,35,5)');
    assert.equal(parseIndicatorSpec('kst(9,13,19,29)').indicator.name, 'kst(9,13,19,29,10,10,10,15,9)');
    assert.deepEqual(parseIndicatorSpec('stoch(5)').columns, [
      'stoch(5,3,3).k',
      'stoch(5,3,3).d',
      'stoch(5,3,3).slowD',
    ]);
    assert.throws(() => parseIndicatorSpec('macd(26,12)'), /macd\(fast\): must be less than slow/);
    assert.throws(() => parseIndicatorSpec('willr(0)'), /willr\(period\)/);
    assert.throws(() => parseIndicatorSpec('trix(20,9,1)'), /trix takes at most 2 argument/);
  });
});
