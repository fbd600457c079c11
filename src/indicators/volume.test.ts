import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertMatchesTtr, readTtrCsv, TTRC } from '../../test/support/ttr.js';
import { runIndicator, type CandleColumns } from './batch.js';
import { VOLUME_ENTRIES } from './catalog/volume.js';
import type { Candle, CandleIndicator } from './indicator.js';
import { AccumulationDistribution } from './volume/accumulation-distribution.js';
import { Cmf } from './volume/cmf.js';
import { Mfi } from './volume/mfi.js';
import { Obv } from './volume/obv.js';
import { RollingVwap } from './volume/rolling-vwap.js';
import { SessionVwap } from './volume/session-vwap.js';
import { WilliamsAd } from './volume/williams-ad.js';

const MINUTE_US = 60_000_000;
const HOUR_US = 60 * MINUTE_US;
const DAY_US = 24 * HOUR_US;
/** 2024-01-02T00:00:00Z in µs. */
const DAY1 = 1_704_153_600_000_000;

/** A candle from high, low, close and volume (open = low), with an optional time. */
function bar(high: number, low: number, close: number, volume: number, time = 0): Candle {
  return { open: low, high, low, close, volume, time };
}

/** |a − b| ≤ tol·max(1, |b|). */
function near(a: number, b: number, tol = 1e-9): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

/** Feeds candles one by one: the value after each (NaN while not ready). */
function stream(indicator: CandleIndicator, candles: readonly Candle[]): number[] {
  return candles.map((c) => {
    const v = indicator.update(c);
    return indicator.isReady ? v : NaN;
  });
}

/** Asserts two series are identical, NaN rows included (Object.is, so bit for bit). */
function assertSame(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(actual[i], expected[i]), `${label}: row ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Every indicator of the group, with small parameters for the property tests. */
const FACTORIES: readonly (readonly [string, (period: number, sessionStart: number) => CandleIndicator])[] = [
  ['obv', () => new Obv()],
  ['mfi', (p) => new Mfi(p)],
  ['cmf', (p) => new Cmf(p)],
  ['ad', () => new AccumulationDistribution()],
  ['wad', () => new WilliamsAd()],
  ['vwap', (p) => new RollingVwap(p)],
  ['session-vwap', (_p, s) => new SessionVwap(s)],
];

// ---------------------------------------------------------------------------------------------
// Naive recomputations from the published definitions (whole window / whole history each time)
// ---------------------------------------------------------------------------------------------

const tp = (c: Candle): number => (c.high + c.low + c.close) / 3;
const clv = (c: Candle): number =>
  c.high === c.low ? 0 : (c.close - c.low - (c.high - c.close)) / (c.high - c.low);

function naiveObv(cs: readonly Candle[], i: number): number {
  let obv = cs[0].volume;
  for (let k = 1; k <= i; k++) {
    if (cs[k].close > cs[k - 1].close) obv += cs[k].volume;
    else if (cs[k].close < cs[k - 1].close) obv -= cs[k].volume;
  }
  return obv;
}

function naiveMfi(cs: readonly Candle[], i: number, n: number): number {
  if (i < n) return NaN;
  let pos = 0;
  let neg = 0;
  for (let k = i - n + 1; k <= i; k++) {
    const flow = tp(cs[k]) * cs[k].volume;
    if (tp(cs[k]) > tp(cs[k - 1])) pos += flow;
    else if (tp(cs[k]) < tp(cs[k - 1])) neg += flow;
  }
  if (neg === 0) return pos === 0 ? 50 : 100;
  return (100 * pos) / (pos + neg);
}

function naiveCmf(cs: readonly Candle[], i: number, n: number): number {
  if (i < n - 1) return NaN;
  let flow = 0;
  let volume = 0;
  for (let k = i - n + 1; k <= i; k++) {
    flow += clv(cs[k]) * cs[k].volume;
    volume += cs[k].volume;
  }
  return volume === 0 ? 0 : flow / volume;
}

function naiveAd(cs: readonly Candle[], i: number): number {
  let ad = 0;
  for (let k = 0; k <= i; k++) ad += clv(cs[k]) * cs[k].volume;
  return ad;
}

function naiveWad(cs: readonly Candle[], i: number): number {
  if (i < 1) return NaN;
  let ad = 0;
  for (let k = 1; k <= i; k++) {
    const c = cs[k].close;
    const prev = cs[k - 1].close;
    if (c > prev) ad += c - Math.min(cs[k].low, prev);
    else if (c < prev) ad += c - Math.max(cs[k].high, prev);
  }
  return ad;
}

function naiveVwap(cs: readonly Candle[], i: number, n: number): number {
  if (i < n - 1) return NaN;
  let pv = 0;
  let volume = 0;
  let closes = 0;
  for (let k = i - n + 1; k <= i; k++) {
    pv += cs[k].close * cs[k].volume;
    volume += cs[k].volume;
    closes += cs[k].close;
  }
  return volume === 0 ? closes / n : pv / volume;
}

function naiveSessionVwap(cs: readonly Candle[], i: number, startMinutes: number): number {
  const session = (c: Candle): number => Math.floor(((c.time ?? 0) - startMinutes * MINUTE_US) / DAY_US);
  let first = i;
  while (first > 0 && session(cs[first - 1]) === session(cs[i])) first--;
  let pv = 0;
  let volume = 0;
  let tps = 0;
  for (let k = first; k <= i; k++) {
    pv += tp(cs[k]) * cs[k].volume;
    volume += cs[k].volume;
    tps += tp(cs[k]);
  }
  return volume === 0 ? tps / (i - first + 1) : pv / volume;
}

// ---------------------------------------------------------------------------------------------
// Random valid candles: low ≤ open, close ≤ high; volume ≥ 0 (often 0); prices in cents, so
// typical prices tie now and then (MFI's no-flow class) and high == low happens (CLV = 0).
// ---------------------------------------------------------------------------------------------

const candleArb: fc.Arbitrary<Candle> = fc
  .record({
    low: fc.integer({ min: 1, max: 40 }),
    range: fc.integer({ min: 0, max: 6 }),
    open: fc.nat(),
    close: fc.nat(),
    volume: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 4_000_000 }).map((v) => v / 4),
    ),
    minutes: fc.integer({ min: 0, max: 1_600 }),
  })
  .map(({ low, range, open, close, volume, minutes }) => ({
    open: (low + (open % (range + 1))) / 100 + 100,
    high: (low + range) / 100 + 100,
    low: low / 100 + 100,
    close: (low + (close % (range + 1))) / 100 + 100,
    volume,
    // Minutes since the previous bar for now; turned into increasing times by `withTimes`.
    time: minutes,
  }));

/** Turns the per-bar minute gaps into increasing µs times from `start`. */
function withTimes(cs: readonly Candle[], start: number): Candle[] {
  let t = start;
  return cs.map((c) => {
    t += (c.time ?? 0) * MINUTE_US;
    return { ...c, time: t };
  });
}

const seriesArb = fc.tuple(
  fc.array(candleArb, { maxLength: 90 }),
  fc.integer({ min: 1, max: 12 }),
  fc.integer({ min: 0, max: 1439 }),
  fc.integer({ min: 0, max: 3 * 1440 }).map((m) => DAY1 + m * MINUTE_US),
);

// ---------------------------------------------------------------------------------------------

describe('volume indicators: TTR 0.24.3 reference (ttrc, 5,550 bars)', () => {
  test('obv = OBV(Cl, Vo): first value V₁, equal closes add nothing', () => {
    assertMatchesTtr(runIndicator(new Obv(), TTRC).value, readTtrCsv('obv.csv').obv, 'obv');
  });
  test('mfi(14) = MFI(TP3, Vo, 14) with TP = (H+L+C)/3 in double (mfi_tp3.csv)', () => {
    assertMatchesTtr(runIndicator(new Mfi(14), TTRC).value, readTtrCsv('mfi_tp3.csv').mfi, 'mfi');
  });
  test('cmf(20) = CMF(HLC, Vo, 20)', () => {
    assertMatchesTtr(runIndicator(new Cmf(20), TTRC).value, readTtrCsv('cmf.csv').cmf, 'cmf');
  });
  test('wad = williamsAD(HLC): row 1 NA, cumulative from row 2', () => {
    assertMatchesTtr(
      runIndicator(new WilliamsAd(), TTRC).value,
      readTtrCsv('williamsad.csv').williamsad,
      'wad',
    );
  });
  test('vwap(20) = VWAP(Cl, Vo, 20)', () => {
    assertMatchesTtr(runIndicator(new RollingVwap(20), TTRC).value, readTtrCsv('vwap.csv').vwap, 'vwap');
  });
});

describe('hand examples from the published definitions', () => {
  test('obv: +V on a higher close, −V on a lower one, nothing on an equal one', () => {
    const obv = new Obv();
    assert.equal(obv.warmup, 1);
    assert.equal(obv.isReady, false);
    assert.ok(Number.isNaN(obv.value));
    const closes = [10, 11, 11, 9, 12];
    const volumes = [100, 200, 300, 400, 500];
    const out = closes.map((c, i) => obv.update(bar(c, c, c, volumes[i])));
    // 100 (= V₁); +200 (11 > 10) = 300; +0 (11 = 11) = 300; −400 (9 < 11) = −100; +500 = 400.
    assert.deepEqual(out, [100, 300, 300, -100, 400]);
  });

  test('mfi(2): flows by the direction of TP; 100 with no negative flow, 50 with none at all', () => {
    const mfi = new Mfi(2);
    assert.equal(mfi.name, 'mfi(2)');
    assert.equal(mfi.warmup, 3);
    // TP = (12 + 9 + 9)/3 = 10: no previous TP, no flow.
    assert.ok(Number.isNaN(mfi.update(bar(12, 9, 9, 100))));
    // TP = (12 + 10 + 11)/3 = 11 > 10: positive flow 11·100 = 1100. One flow only: not ready.
    assert.ok(Number.isNaN(mfi.update(bar(12, 10, 11, 100))));
    assert.equal(mfi.isReady, false);
    // TP = (11 + 9 + 10)/3 = 10 < 11: negative flow 10·200 = 2000.
    // P = 1100, N = 2000: 100 − 100/(1 + 0.55) = 100·1100/3100 = 35.4838709677...
    assert.ok(near(mfi.update(bar(11, 9, 10, 200)), (100 * 1100) / 3100, 1e-12));
    assert.equal(mfi.isReady, true);
    // TP = 10 = 10: no flow. Window {−2000, none}: P = 0 → 0.
    assert.equal(mfi.update(bar(11, 9, 10, 50)), 0);
    // TP = 10 again: window {none, none}: P = N = 0 → 50.
    assert.equal(mfi.update(bar(11, 9, 10, 70)), 50);
    // TP = (13 + 11 + 12)/3 = 12 > 10: +120. Window {none, +120}: N = 0 → 100.
    assert.equal(mfi.update(bar(13, 11, 12, 10)), 100);
  });

  test('cmf(2): Σ(CLV·V)/ΣV; CLV = 0 when H == L; 0 when the window has no volume', () => {
    const cmf = new Cmf(2);
    assert.equal(cmf.warmup, 2);
    // CLV = ((10 − 8) − (10 − 10))/2 = 1: flow 100.
    assert.ok(Number.isNaN(cmf.update(bar(10, 8, 10, 100))));
    // CLV = ((8 − 8) − (10 − 8))/2 = −1: flow −300. (100 − 300)/(100 + 300) = −0.5.
    assert.equal(cmf.update(bar(10, 8, 8, 300)), -0.5);
    // H == L: CLV 0, flow 0. (−300 + 0)/(300 + 200) = −0.6.
    assert.equal(cmf.update(bar(10, 10, 10, 200)), -0.6);
    // CLV = ((11 − 8) − (12 − 11))/4 = 0.5 but V = 0: (0 + 0)/(200 + 0) = 0.
    assert.equal(cmf.update(bar(12, 8, 11, 0)), 0);
    // Window of two zero-volume bars: ΣV = 0 → 0 by definition.
    assert.equal(cmf.update(bar(12, 8, 9, 0)), 0);
    // CLV 0.5, V = 100: (0 + 50)/(0 + 100) = 0.5.
    assert.equal(cmf.update(bar(12, 8, 11, 100)), 0.5);
  });

  test('ad: running total of CLV·V from the first bar (Chaikin A/D line)', () => {
    const ad = new AccumulationDistribution();
    assert.equal(ad.name, 'ad');
    assert.equal(ad.warmup, 1);
    const out = stream(ad, [
      bar(10, 8, 10, 100), // CLV 1: +100 → 100
      bar(10, 8, 8, 300), // CLV −1: −300 → −200
      bar(10, 10, 10, 200), // H == L: CLV 0 → −200
      bar(12, 8, 11, 0), // V = 0 → −200
      bar(12, 8, 9, 40), // CLV ((9 − 8) − (12 − 9))/4 = −0.5: −20 → −220
      bar(12, 8, 11, 100), // CLV 0.5: +50 → −170
    ]);
    assert.deepEqual(out, [100, -200, -200, -200, -220, -170]);
  });

  test('wad: C − trueLow up, C − trueHigh down, 0 on equal closes; first bar not ready', () => {
    const wad = new WilliamsAd();
    assert.equal(wad.warmup, 2);
    const out = stream(wad, [
      bar(11, 9, 10, 1), // no previous close: NaN
      bar(12, 10.5, 11, 1), // 11 > 10: trueLow = min(10.5, 10) = 10 → +1 → 1
      bar(11.5, 9, 9.5, 1), // 9.5 < 11: trueHigh = max(11.5, 11) = 11.5 → −2 → −1
      bar(10, 9, 9.5, 1), // equal: +0 → −1
      bar(12, 10, 11.5, 1), // 11.5 > 9.5: trueLow = min(10, 9.5) = 9.5 → +2 → 1
    ]);
    assertSame(out, [NaN, 1, -1, -1, 1], 'wad');
  });

  test('vwap(2): Σ(C·V)/ΣV over the window; the mean close when the window has no volume', () => {
    const vwap = new RollingVwap(2);
    assert.equal(vwap.name, 'vwap(2)');
    const out = stream(vwap, [
      bar(10, 10, 10, 100), // not ready
      bar(12, 12, 12, 300), // (10·100 + 12·300)/400 = 4600/400 = 11.5
      bar(11, 11, 11, 0), // (3600 + 0)/300 = 12
      bar(13, 13, 13, 0), // ΣV = 0: (11 + 13)/2 = 12
      bar(14, 14, 14, 100), // (0 + 1400)/100 = 14
    ]);
    assertSame(out, [NaN, 11.5, 12, 12, 14], 'vwap');
  });

  test('session-vwap: resets at each UTC day (default) or at 14:30 UTC (870)', () => {
    const h = HOUR_US;
    const bars = [
      bar(11, 9, 10, 100, DAY1 + 10 * h), // a: day 1 10:00, TP 10
      bar(13, 11, 12, 300, DAY1 + 15 * h), // b: day 1 15:00, TP 12
      bar(12, 12, 12, 0, DAY1 + 23 * h + 59 * MINUTE_US), // c: day 1 23:59, TP 12, no volume
      bar(20, 18, 19, 50, DAY1 + DAY_US), // d: day 2 00:00, TP 19
      bar(22, 20, 21, 150, DAY1 + DAY_US + 14 * h + 30 * MINUTE_US), // e: day 2 14:30, TP 21
      bar(31, 29, 30, 0, DAY1 + 2 * DAY_US + 9 * h), // f: day 3 09:00, TP 30, no volume
      bar(34, 32, 33, 0, DAY1 + 2 * DAY_US + 10 * h), // g: day 3 10:00, TP 33, no volume
      bar(37, 35, 36, 10, DAY1 + 2 * DAY_US + 11 * h), // h: day 3 11:00, TP 36
    ];
    // UTC days: {a, b, c}, {d, e}, {f, g, h}.
    // a: 10. b: (1000 + 3600)/400 = 11.5. c: (4600 + 0)/400 = 11.5.
    // d: new day → 19. e: (950 + 3150)/200 = 20.5.
    // f: new day, ΣV = 0 → mean TP 30. g: (30 + 33)/2 = 31.5. h: 360/10 = 36.
    const utc = new SessionVwap();
    assert.equal(utc.name, 'session-vwap(0)');
    assert.equal(utc.warmup, 1);
    assertSame(stream(utc, bars), [10, 11.5, 11.5, 19, 20.5, 30, 31.5, 36], 'session-vwap(0)');
    // Sessions from 14:30 UTC: {a} (from day 0 14:30), {b, c, d}, {e, f, g, h}.
    // a: 10. b: 12. c: (3600 + 0)/300 = 12. d: (3600 + 950)/350 = 13.
    // e: 21. f: (3150 + 0)/150 = 21. g: 21. h: (3150 + 360)/160 = 21.9375.
    const us = new SessionVwap(870);
    assertSame(stream(us, bars), [10, 12, 12, 13, 21, 21, 21, 21.9375], 'session-vwap(870)');
    // Without times (0 = unknown) the whole series is one session:
    // Σ(TP·V) = 1000 + 3600 + 0 + 950 + 3150 + 0 + 0 + 360 = 9060, ΣV = 610.
    const untimed = new SessionVwap();
    for (const b of bars) untimed.update({ ...b, time: 0 });
    assert.ok(near(untimed.value, 9060 / 610, 1e-15));
  });

  test('session-vwap replace: within a session and on the boundary bar', () => {
    const h = HOUR_US;
    const sv = new SessionVwap();
    sv.update(bar(11, 9, 10, 100, DAY1 + 10 * h)); // TP 10
    sv.update(bar(13, 11, 12, 300, DAY1 + 15 * h)); // TP 12: 11.5
    // Within the session: the forming bar becomes TP 14, V 100: (1000 + 1400)/200 = 12.
    assert.equal(sv.replace(bar(15, 13, 14, 100, DAY1 + 15 * h)), 12);
    assert.equal(sv.replace(bar(13, 11, 12, 300, DAY1 + 15 * h)), 11.5);
    // Boundary bar: first bar of day 2, TP 19 → 19.
    assert.equal(sv.update(bar(20, 18, 19, 50, DAY1 + DAY_US)), 19);
    // Replaced by a zero-volume bar H = L = C = 16 of the new session: mean TP 16.
    assert.equal(sv.replace(bar(16, 16, 16, 0, DAY1 + DAY_US)), 16);
    // Replaced by a bar that is still in day 1 (23:59): (4600 + 19·50)/(400 + 50) = 5550/450.
    assert.ok(near(sv.replace(bar(20, 18, 19, 50, DAY1 + DAY_US - MINUTE_US)), 5550 / 450, 1e-15));
    // And back to the day-2 bar: the new session again.
    assert.equal(sv.replace(bar(20, 18, 19, 50, DAY1 + DAY_US)), 19);
    // The next day-2 bar continues that session: (950 + 21·150)/200 = 20.5.
    assert.equal(sv.update(bar(22, 20, 21, 150, DAY1 + DAY_US + 2 * h)), 20.5);
  });

  test('no residue from a huge bar that has left the window (compensated running sums)', () => {
    // vwap(3): after the 10^17-volume bar leaves, the window is closes 1, 2, 3 with volume 1
    // each: (1 + 2 + 3)/3 = 2 exactly. A plain running sum would have lost the small terms.
    const vwap = new RollingVwap(3);
    const bars = [
      bar(100, 100, 100, 1e17),
      bar(1, 1, 1, 1),
      bar(2, 2, 2, 1),
      bar(3, 3, 3, 1),
      bar(4, 4, 4, 1),
    ];
    assertSame(stream(vwap, bars), [NaN, NaN, naiveVwap(bars, 2, 3), 2, 3], 'vwap');
    // cmf(2): CLV 1 with volume 10^17, then two bars of CLV −1, volume 1: (−1 − 1)/2 = −1.
    const cmf = new Cmf(2);
    stream(cmf, [bar(2, 1, 2, 1e17), bar(2, 1, 2, 1)]);
    cmf.update(bar(2, 1, 1, 1));
    assert.equal(cmf.update(bar(2, 1, 1, 1)), -1);
  });
});

describe('streaming == batch (runIndicator over CandleColumns)', () => {
  // ttrc with hourly times: sessions of 24 bars for session-vwap.
  const time = Float64Array.from(TTRC.close, (_c, i) => DAY1 + i * HOUR_US);
  const columns: CandleColumns = { ...TTRC, time };
  const candles: Candle[] = Array.from(TTRC.close, (_c, i) => ({
    open: TTRC.open[i],
    high: TTRC.high[i],
    low: TTRC.low[i],
    close: TTRC.close[i],
    volume: TTRC.volume[i],
    time: time[i],
  }));
  for (const [name, make] of FACTORIES) {
    test(`${name}: identical values, NaN rows included`, () => {
      for (const [period, start] of [
        [14, 0],
        [3, 870],
      ]) {
        const batch = runIndicator(make(period, start), columns).value;
        assertSame(batch, stream(make(period, start), candles), `${name}(${period}, ${start})`);
      }
    });
  }
  test('session-vwap over ttrc from 14:30 matches the naive per-session recomputation', () => {
    const out = runIndicator(new SessionVwap(870), columns).value;
    for (let i = 0; i < candles.length; i += 7) {
      assert.ok(near(out[i], naiveSessionVwap(candles, i, 870), 1e-12), `row ${i}`);
    }
  });
});

describe('properties on random valid candles (vs naive windowed recomputation)', () => {
  const check = (
    make: (period: number, start: number) => CandleIndicator,
    naive: (cs: readonly Candle[], i: number, period: number, start: number) => number,
    range?: (v: number, window: readonly Candle[]) => boolean,
  ) =>
    fc.assert(
      fc.property(seriesArb, ([raw, period, start, t0]) => {
        const cs = withTimes(raw, t0);
        const ind = make(period, start);
        cs.forEach((c, i) => {
          const v = ind.update(c);
          const expected = naive(cs, i, period, start);
          if (Number.isNaN(expected)) {
            assert.equal(ind.isReady, false, `i=${i}`);
            assert.ok(Number.isNaN(v));
            return;
          }
          assert.equal(ind.isReady, true, `i=${i}`);
          assert.ok(near(v, expected), `i=${i}: ${v} vs ${expected}`);
          assert.equal(ind.value, v);
          if (range)
            assert.ok(range(v, cs.slice(Math.max(0, i - period + 1), i + 1)), `i=${i}: ${v} out of range`);
        });
      }),
      { numRuns: 300 },
    );

  test('obv', () =>
    check(
      () => new Obv(),
      (cs, i) => naiveObv(cs, i),
    ));
  test('mfi: in [0, 100]', () =>
    check(
      (p) => new Mfi(p),
      (cs, i, p) => naiveMfi(cs, i, p),
      (v) => v >= 0 && v <= 100,
    ));
  test('cmf: in [−1, 1]', () =>
    check(
      (p) => new Cmf(p),
      (cs, i, p) => naiveCmf(cs, i, p),
      (v) => v >= -1 && v <= 1,
    ));
  test('ad', () =>
    check(
      () => new AccumulationDistribution(),
      (cs, i) => naiveAd(cs, i),
    ));
  test('wad', () =>
    check(
      () => new WilliamsAd(),
      (cs, i) => naiveWad(cs, i),
    ));
  test('vwap: between the lowest and highest close of the window', () =>
    check(
      (p) => new RollingVwap(p),
      (cs, i, p) => naiveVwap(cs, i, p),
      (v, w) =>
        v >= Math.min(...w.map((c) => c.close)) - 1e-9 && v <= Math.max(...w.map((c) => c.close)) + 1e-9,
    ));
  test('session-vwap (random gaps of 0–1600 minutes, random session start)', () =>
    check(
      (_p, s) => new SessionVwap(s),
      (cs, i, _p, s) => naiveSessionVwap(cs, i, s),
    ));
});

describe('replace(): a still-forming bar', () => {
  // Each step: the bar that finally closes, a provisional bar (its own time: it may fall in
  // another session), and whether to replace twice.
  const stepsArb = fc.array(fc.tuple(candleArb, candleArb, fc.boolean()), { maxLength: 60 });
  for (const [name, make] of FACTORIES) {
    test(`${name}: update(x); replace(y) ≡ update(y), bit for bit`, () => {
      fc.assert(
        fc.property(
          stepsArb,
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 0, max: 1439 }),
          (steps, p, s) => {
            const finals = withTimes(
              steps.map(([c]) => c),
              DAY1,
            );
            const direct = make(p, s);
            const replaced = make(p, s);
            steps.forEach(([, provisional, twice], i) => {
              const y = finals[i];
              const x = {
                ...provisional,
                time: (y.time ?? 0) + (provisional.time ?? 0) * MINUTE_US - 800 * MINUTE_US,
              };
              // Before any update, replace acts like update.
              if (i === 0 && twice) replaced.replace(x);
              else replaced.update(x);
              if (twice) replaced.replace({ ...x, close: x.low, volume: x.volume * 2 + 1 });
              const v = replaced.replace(y);
              const w = direct.update(y);
              assert.equal(replaced.isReady, direct.isReady, `i=${i}`);
              assert.ok(Object.is(v, w), `i=${i}: ${v} vs ${w}`);
            });
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  test('a rejected replace leaves the state untouched', () => {
    for (const [name, make] of FACTORIES) {
      const a = make(2, 0);
      const b = make(2, 0);
      const bars = [
        bar(11, 9, 10, 100, DAY1),
        bar(12, 10, 11, 200, DAY1 + HOUR_US),
        bar(13, 9, 12, 50, DAY1 + 2 * HOUR_US),
      ];
      for (const c of bars) {
        a.update(c);
        b.update(c);
      }
      assert.throws(() => a.replace(bar(1, 2, 1, 1, DAY1 + 2 * HOUR_US)), RangeError);
      assert.throws(() => a.replace(bar(13, 9, 12, -5, DAY1 + 2 * HOUR_US)), RangeError);
      a.update(bar(14, 12, 13, 70, DAY1 + 3 * HOUR_US));
      b.update(bar(14, 12, 13, 70, DAY1 + 3 * HOUR_US));
      assert.ok(Object.is(a.value, b.value), name);
    }
  });
});

describe('reset', () => {
  test('every indicator forgets everything', () => {
    const bars = Array.from({ length: 30 }, (_, i) =>
      bar(10 + (i % 7), 9 - (i % 3) / 2, 9.5 + (i % 5) / 3, 100 * ((i * 7) % 11), DAY1 + i * 5 * HOUR_US),
    );
    for (const [name, make] of FACTORIES) {
      const fresh = stream(make(4, 870), bars);
      const reused = make(4, 870);
      stream(reused, bars.map((b) => ({ ...b, close: b.high, volume: b.volume + 3 })).reverse());
      reused.reset();
      assert.equal(reused.isReady, false, name);
      assert.ok(Number.isNaN(reused.value), name);
      assertSame(stream(reused, bars), fresh, name);
    }
  });
});

describe('bad arguments and inputs are rejected with the indicator and argument named', () => {
  test('periods', () => {
    assert.throws(() => new Mfi(0), /mfi\(period\): must be an integer ≥ 1, got 0/);
    assert.throws(() => new Mfi(-3), /mfi\(period\): must be an integer ≥ 1, got -3/);
    assert.throws(() => new Mfi(2.5), /mfi\(period\): must be an integer ≥ 1, got 2.5/);
    assert.throws(() => new Cmf(0), /cmf\(period\): must be an integer ≥ 1, got 0/);
    assert.throws(() => new Cmf(-1), /cmf\(period\): must be an integer ≥ 1, got -1/);
    assert.throws(() => new Cmf(1.5), /cmf\(period\): must be an integer ≥ 1, got 1.5/);
    assert.throws(() => new RollingVwap(0), /vwap\(period\): must be an integer ≥ 1, got 0/);
    assert.throws(() => new RollingVwap(-20), /vwap\(period\): must be an integer ≥ 1, got -20/);
    assert.throws(() => new RollingVwap(NaN), /vwap\(period\): must be an integer ≥ 1, got NaN/);
    assert.throws(
      () => new SessionVwap(-1),
      /session-vwap\(sessionStartUtcMinutes\): must be an integer ≥ 0, got -1/,
    );
    assert.throws(() => new SessionVwap(870.5), /session-vwap\(sessionStartUtcMinutes\): .*got 870.5/);
    assert.throws(
      () => new SessionVwap(1440),
      /session-vwap\(sessionStartUtcMinutes\): must be a number in \[0, 1439\]/,
    );
    assert.equal(new SessionVwap(1439).name, 'session-vwap(1439)');
  });

  test('candles: NaN field, high below low, negative volume (update and replace)', () => {
    for (const [, make] of FACTORIES) {
      const ind = make(3, 0);
      const name = ind.name.replace(/[()]/g, '\\$&');
      assert.throws(
        () => ind.update({ ...bar(2, 1, 1.5, 10), close: NaN }),
        new RegExp(`^RangeError: ${name}: candle fields must be finite`),
      );
      assert.throws(
        () => ind.update({ ...bar(2, 1, 1.5, 10), volume: Infinity }),
        new RegExp(`${name}: candle fields`),
      );
      assert.throws(
        () => ind.update(bar(1, 2, 1.5, 10)),
        new RegExp(`${name}: candle high 1 is below low 2`),
      );
      assert.throws(
        () => ind.update(bar(2, 1, 1.5, -1)),
        new RegExp(`${name}: candle volume -1 is negative`),
      );
      assert.throws(
        () => ind.replace(bar(2, 1, 1.5, -1)),
        new RegExp(`${name}: candle volume -1 is negative`),
      );
      assert.equal(ind.isReady, false);
      ind.update(bar(2, 1, 1.5, 10));
      assert.throws(
        () => ind.replace({ ...bar(2, 1, 1.5, 10), high: NaN }),
        new RegExp(`${name}: candle fields`),
      );
    }
    assert.throws(
      () => new SessionVwap(0).update(bar(2, 1, 1.5, 10, NaN)),
      /session-vwap\(0\): candle time must be a finite number of µs, got NaN/,
    );
  });
});

describe('catalog', () => {
  test('volume entries: names, candle input, defaults and the indicators they build', () => {
    const byName = new Map(VOLUME_ENTRIES.map((e) => [e.name, e]));
    assert.deepEqual([...byName.keys()], ['obv', 'mfi', 'cmf', 'ad', 'wad', 'vwap', 'session-vwap']);
    const expected: Record<string, string> = {
      obv: 'obv',
      mfi: 'mfi(14)',
      cmf: 'cmf(20)',
      ad: 'ad',
      wad: 'wad',
      vwap: 'vwap(20)',
      'session-vwap': 'session-vwap(0)',
    };
    for (const entry of VOLUME_ENTRIES) {
      assert.equal(entry.input, 'candle');
      assert.deepEqual(entry.outputs, ['value']);
      assert.ok(entry.description.length > 0 && entry.scale !== undefined);
      const indicator = entry.create(entry.params.map((p) => p.default));
      assert.equal(indicator.name, expected[entry.name]);
      const v = (indicator as CandleIndicator).update(bar(2, 1, 1.5, 10, DAY1));
      assert.equal(typeof v, 'number');
    }
    assert.equal(byName.get('mfi')?.scale, '0–100');
    assert.equal(byName.get('session-vwap')?.create([870]).name, 'session-vwap(870)');
  });
});
