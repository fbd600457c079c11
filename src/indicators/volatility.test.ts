import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertMatchesTtr, readTtrCsv, TTRC } from '../../test/support/ttr.js';
import { runIndicator } from './batch.js';
import { parseIndicatorSpec } from './catalog/indicator-spec.js';
import { VOLATILITY_ENTRIES } from './catalog/volatility.js';
import type { Candle, Indicator } from './indicator.js';
import { Adx } from './volatility/adx.js';
import { Aroon } from './volatility/aroon.js';
import { Atr, Natr } from './volatility/atr.js';
import { Bollinger } from './volatility/bollinger.js';
import { Ichimoku } from './volatility/ichimoku.js';
import { Keltner } from './volatility/keltner.js';
import { ParabolicSar } from './volatility/parabolic-sar.js';
import { StdDev } from './volatility/std-dev.js';
import { SuperTrend } from './volatility/supertrend.js';
import { TrueRange } from './volatility/true-range.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type AnyIndicator = Indicator<number, unknown> | Indicator<Candle, unknown>;

/** The value as a record of fields (`value` for scalar indicators), copied. */
function fieldsOf(value: unknown): Record<string, number> {
  return typeof value === 'number' ? { value } : { ...(value as Record<string, number>) };
}

/** A candle from high, low, close (open = close, volume 1). */
function hlc(high: number, low: number, close: number): Candle {
  return { open: close, high, low, close, volume: 1 };
}

const TTRC_CANDLES: Candle[] = Array.from(TTRC.close, (close, i) => ({
  open: TTRC.open[i],
  high: TTRC.high[i],
  low: TTRC.low[i],
  close,
  volume: TTRC.volume[i],
}));

/**
 * Streams `inputs` and records every output field after each update, without masking by
 * `isReady`: fields that fill in before the others (ADX's DIs) show from their own first row,
 * as in TTR's columns.
 */
function stream<T>(indicator: Indicator<T, unknown>, inputs: readonly T[]): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  inputs.forEach((input, i) => {
    for (const [name, v] of Object.entries(fieldsOf(indicator.update(input)))) {
      (out[name] ??= new Float64Array(inputs.length).fill(NaN))[i] = v;
    }
  });
  return out;
}

/** Feeds one input of the right kind. */
function feed(indicator: AnyIndicator, candle: boolean, c: Candle, replace = false): unknown {
  if (candle) {
    const ind = indicator as Indicator<Candle, unknown>;
    return replace ? ind.replace(c) : ind.update(c);
  }
  const ind = indicator as Indicator<number, unknown>;
  return replace ? ind.replace(c.close) : ind.update(c.close);
}

const near = (a: number, b: number, tol = 1e-9): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function assertNear(actual: number, expected: number, label: string, tol = 1e-12): void {
  assert.ok(near(actual, expected, tol), `${label}: ${actual} vs ${expected}`);
}

function assertFieldsNear(
  actual: unknown,
  expected: Record<string, number>,
  label: string,
  tol = 1e-12,
): void {
  const got = fieldsOf(actual);
  for (const [name, v] of Object.entries(expected)) assertNear(got[name], v, `${label}.${name}`, tol);
}

/** Random valid candles: low ≤ open, close ≤ high; narrow ranges make ties (equal highs/lows) common. */
const candleArb = (base: number, spread: number): fc.Arbitrary<Candle> =>
  fc
    .tuple(
      fc.integer({ min: 0, max: spread }),
      fc.integer({ min: 0, max: spread }),
      fc.integer({ min: 0, max: spread }),
      fc.integer({ min: 0, max: spread }),
    )
    .map(([o, c, up, down]) => ({
      open: (base + o) / 100,
      close: (base + c) / 100,
      high: (base + Math.max(o, c) + up) / 100,
      low: (base + Math.min(o, c) - down) / 100,
      volume: 1,
    }));
const candles = fc.oneof(
  fc.array(candleArb(10_000, 400), { maxLength: 90 }),
  fc.array(candleArb(500, 3), { maxLength: 90 }),
);
const small = (max: number, min = 1): fc.Arbitrary<number> => fc.integer({ min, max });

// ---------------------------------------------------------------------------------------------
// Naive recomputations (from the definitions, over whole arrays or windows)
// ---------------------------------------------------------------------------------------------

/** True ranges; NaN for the first candle. */
function naiveTr(cs: readonly Candle[]): number[] {
  return cs.map((c, i) =>
    i === 0 ? NaN : Math.max(c.high, cs[i - 1].close) - Math.min(c.low, cs[i - 1].close),
  );
}

/** EMA over xs from its first non-NaN value: seed = mean of the first n, then α = 2/(n+1) or 1/n. */
function naiveEma(xs: readonly number[], n: number, wilder: boolean): number[] {
  const alpha = wilder ? 1 / n : 2 / (n + 1);
  const out: number[] = [];
  const seen: number[] = [];
  let value = NaN;
  for (const x of xs) {
    if (Number.isNaN(x)) {
      out.push(NaN);
      continue;
    }
    seen.push(x);
    if (seen.length === n) value = seen.reduce((a, b) => a + b, 0) / n;
    else if (seen.length > n) value = alpha * x + (1 - alpha) * value;
    out.push(value);
  }
  return out;
}

/** Standard deviation of xs[i−n+1..i], two-pass. */
function naiveSd(xs: readonly number[], i: number, n: number, sample: boolean): number {
  const w = xs.slice(i - n + 1, i + 1);
  const mean = w.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(w.reduce((a, x) => a + (x - mean) ** 2, 0) / (sample ? n - 1 : n));
}

/** TTR's wilderSum over values that start at index `first`. */
function naiveWilderSum(xs: readonly number[], n: number, first: number): number[] {
  const out = xs.map(() => NaN);
  const b = first + n - 1;
  if (b >= xs.length) return out;
  let earlier = 0;
  for (let i = first; i < b; i++) earlier += xs[i];
  out[b] = xs[b] + (earlier * (n - 1)) / n;
  for (let t = b + 1; t < xs.length; t++) out[t] = xs[t] + (out[t - 1] * (n - 1)) / n;
  return out;
}

function naiveAdx(
  cs: readonly Candle[],
  n: number,
): { plusDi: number; minusDi: number; dx: number; adx: number }[] {
  const plus = cs.map((c, i) => {
    if (i === 0) return NaN;
    const up = c.high - cs[i - 1].high;
    const down = cs[i - 1].low - c.low;
    return up > down && up > 0 ? up : 0;
  });
  const minus = cs.map((c, i) => {
    if (i === 0) return NaN;
    const up = c.high - cs[i - 1].high;
    const down = cs[i - 1].low - c.low;
    return down > up && down > 0 ? down : 0;
  });
  const sp = naiveWilderSum(plus, n, 1);
  const sm = naiveWilderSum(minus, n, 1);
  const st = naiveWilderSum(naiveTr(cs), n, 1);
  const rows = cs.map((_, i) => {
    const plusDi = st[i] === 0 ? 0 : (100 * sp[i]) / st[i];
    const minusDi = st[i] === 0 ? 0 : (100 * sm[i]) / st[i];
    const dx = plusDi + minusDi === 0 ? 0 : (100 * Math.abs(plusDi - minusDi)) / (plusDi + minusDi);
    return { plusDi, minusDi, dx, adx: NaN };
  });
  const adx = naiveEma(
    rows.map((r) => r.dx),
    n,
    true,
  );
  rows.forEach((r, i) => (r.adx = adx[i]));
  return rows;
}

/** Highest high and lowest low of cs[from..to] with the index of the latest extreme. */
function extremes(cs: readonly Candle[], from: number, to: number) {
  let hi = -Infinity;
  let lo = Infinity;
  let hiAt = -1;
  let loAt = -1;
  for (let k = Math.max(0, from); k <= to; k++) {
    if (cs[k].high >= hi) [hi, hiAt] = [cs[k].high, k];
    if (cs[k].low <= lo) [lo, loAt] = [cs[k].low, k];
  }
  return { hi, lo, hiAt, loAt };
}

/** SuperTrend recomputed over the whole array from the published rules. */
function naiveSuperTrend(
  cs: readonly Candle[],
  n: number,
  m: number,
): { value: number; direction: number }[] {
  const atr = naiveEma(naiveTr(cs), n, true);
  const out: { value: number; direction: number }[] = [];
  let fu = NaN;
  let fl = NaN;
  let dir = 0;
  cs.forEach((c, i) => {
    if (Number.isNaN(atr[i])) {
      out.push({ value: NaN, direction: NaN });
      return;
    }
    const mid = (c.high + c.low) / 2;
    const bu = mid + m * atr[i];
    const bl = mid - m * atr[i];
    if (dir === 0) {
      [fu, fl, dir] = [bu, bl, c.close >= mid ? 1 : -1];
    } else {
      const pc = cs[i - 1].close;
      fu = bu < fu || pc > fu ? bu : fu;
      fl = bl > fl || pc < fl ? bl : fl;
      if (dir === 1 && c.close < fl) dir = -1;
      else if (dir === -1 && c.close > fu) dir = 1;
    }
    out.push({ value: dir === 1 ? fl : fu, direction: dir });
  });
  return out;
}

/** Textbook parabolic SAR over the whole array (the rules stated in parabolic-sar.ts). */
function naiveSarTextbook(cs: readonly Candle[], step: number, max: number): number[] {
  const out: number[] = [];
  let long = true;
  let ep = NaN;
  let af = step;
  let sar = NaN;
  cs.forEach((c, i) => {
    if (i === 0) {
      [long, ep, af, sar] = [true, c.high, step, c.low];
    } else if (long && c.low <= sar) {
      [long, sar, ep, af] = [false, Math.max(ep, c.high), c.low, step];
    } else if (!long && c.high >= sar) {
      [long, sar, ep, af] = [true, Math.min(ep, c.low), c.high, step];
    } else if (long) {
      if (c.high > ep) [ep, af] = [c.high, Math.min(af + step, max)];
      sar = Math.min(sar + af * (ep - sar), c.low, cs[i - 1].low);
    } else {
      if (c.low < ep) [ep, af] = [c.low, Math.min(af + step, max)];
      sar = Math.max(sar + af * (ep - sar), c.high, cs[i - 1].high);
    }
    out.push(sar);
  });
  return out;
}

/** TTR 0.24.3's SAR over the whole array (REFERENCE.md §4 pseudocode). */
function naiveSarTtr(cs: readonly Candle[], step: number, max: number, gap: number): number[] {
  const out: number[] = [];
  let sig = 1;
  let ep = NaN;
  let af = step;
  cs.forEach((c, t) => {
    if (t === 0) {
      [sig, ep, af] = [1, c.high, step];
      out.push(c.low - gap);
      return;
    }
    const [sig0, ep0, af0, prev] = [sig, ep, af, out[t - 1]];
    const lmin = Math.min(cs[t - 1].low, c.low);
    const lmax = Math.max(cs[t - 1].high, c.high);
    if (sig0 === 1) [sig, ep] = [c.low > prev ? 1 : -1, Math.max(lmax, ep0)];
    else [sig, ep] = [c.high < prev ? -1 : 1, Math.min(lmin, ep0)];
    let sar: number;
    if (sig === sig0) {
      sar = prev + (ep0 - prev) * af0;
      af = af0 === max ? max : af0 + step;
      if (sig === 1) {
        if (!(ep > ep0)) af = af0;
        sar = Math.min(sar, lmin);
      } else {
        if (!(ep < ep0)) af = af0;
        sar = Math.max(sar, lmax);
      }
    } else {
      af = step;
      sar = ep;
    }
    out.push(sar);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// TTR 0.24.3 reference (REFERENCE.md §4–5)
// ---------------------------------------------------------------------------------------------

describe('volatility: TTR 0.24.3 reference (ttrc, 5,550 bars)', () => {
  test('tr = ATR(HLC)[, c("tr", "trueHigh", "trueLow")]: NA on row 1, like TTR', () => {
    const ttr = readTtrCsv('atr.csv');
    assertMatchesTtr(runIndicator(new TrueRange(), TTRC).value, ttr.tr, 'tr');
    const tr = new TrueRange();
    const trueHigh = new Float64Array(TTRC_CANDLES.length);
    const trueLow = new Float64Array(TTRC_CANDLES.length);
    TTRC_CANDLES.forEach((c, i) => {
      tr.update(c);
      trueHigh[i] = tr.trueHigh;
      trueLow[i] = tr.trueLow;
    });
    assertMatchesTtr(trueHigh, ttr.trueHigh, 'trueHigh');
    assertMatchesTtr(trueLow, ttr.trueLow, 'trueLow');
  });

  test('atr(14) = ATR(HLC, 14)[, "atr"]: seeded with mean(tr[2..15]), first value on row 15', () => {
    assertMatchesTtr(runIndicator(new Atr(14), TTRC).value, readTtrCsv('atr.csv').atr, 'atr');
  });

  test('stddev(20) = runSD(Cl, 20) (sample); stddev(20, population) = runSD(Cl, 20, sample = FALSE)', () => {
    assertMatchesTtr(runIndicator(new StdDev(20), TTRC.close).value, readTtrCsv('runsd.csv').runsd, 'runsd');
    assertMatchesTtr(
      runIndicator(new StdDev(20, false), TTRC.close).value,
      readTtrCsv('runsd_pop.csv').runsd,
      'runsd pop',
    );
  });

  test('bbands(20,2) = BBands(Cl, 20, 2): dn, mavg, up, pctB (population σ)', () => {
    const ours = runIndicator(new Bollinger(20, 2), TTRC.close);
    const ttr = readTtrCsv('bbands.csv');
    assertMatchesTtr(ours.lower, ttr.dn, 'bbands lower');
    assertMatchesTtr(ours.middle, ttr.mavg, 'bbands middle');
    assertMatchesTtr(ours.upper, ttr.up, 'bbands upper');
    assertMatchesTtr(ours.percentB, ttr.pctB, 'bbands percentB');
    // bandwidth (not in TTR) from TTR's own columns.
    const bandwidth = ttr.up.map((up, i) => (up - ttr.dn[i]) / ttr.mavg[i]);
    assertMatchesTtr(ours.bandwidth, bandwidth, 'bbands bandwidth');
  });

  test('adx(14) = ADX(HLC, 14): DIs and DX from row 15 (wilderSum seed), ADX from row 28', () => {
    const ours = stream(new Adx(14), TTRC_CANDLES);
    const ttr = readTtrCsv('adx.csv');
    assertMatchesTtr(ours.plusDi, ttr.DIp, 'adx plusDi');
    assertMatchesTtr(ours.minusDi, ttr.DIn, 'adx minusDi');
    assertMatchesTtr(ours.dx, ttr.DX, 'adx dx');
    assertMatchesTtr(ours.adx, ttr.ADX, 'adx adx');
    // §5.3: with the same double subtractions the dH == dL ties agree, so DX is identical bit
    // for bit (the wilderSum rounding (S·(n−1))/n is TTR's too). ADX itself goes through the
    // shared Ema, whose rounding differs from TTR's in the last bits.
    let exact = 0;
    for (let i = 14; i < ttr.DX.length; i++) if (ours.dx[i] === ttr.DX[i]) exact++;
    assert.equal(exact, ttr.DX.length - 14, 'DX bit for bit');
    // Batch masks everything until the ADX is ready (row 28).
    const batch = runIndicator(new Adx(14), TTRC);
    assert.ok(Number.isNaN(batch.plusDi[26]) && !Number.isNaN(batch.plusDi[27]));
  });

  test('aroon(20) = aroon(HL, 20): up, down, oscillator (n + 1 bars, ties to the latest)', () => {
    const ours = runIndicator(new Aroon(20), TTRC);
    const ttr = readTtrCsv('aroon.csv');
    assertMatchesTtr(ours.up, ttr.aroonUp, 'aroon up');
    assertMatchesTtr(ours.down, ttr.aroonDn, 'aroon down');
    assertMatchesTtr(ours.oscillator, ttr.oscillator, 'aroon oscillator');
  });

  test("sar(0.02,0.2) in TTR mode with TTR's look-ahead initial gap = SAR(HL) on every row", () => {
    const sar = new ParabolicSar(0.02, 0.2, { mode: 'ttr', initialGap: 0.40040966897245239 });
    const ours = runIndicator(sar, TTRC).value;
    const ttr = readTtrCsv('sar.csv').sar;
    assertMatchesTtr(ours, ttr, 'sar ttr');
    assert.equal(ours[0], TTRC.low[0] - 0.40040966897245239);
    // The AF quirk is what the file needs: the factor ran past 0.2 somewhere on ttrc.
    let maxFactor = 0;
    const probe = new ParabolicSar(0.02, 0.2, { mode: 'ttr', initialGap: 0.40040966897245239 });
    for (const c of TTRC_CANDLES)
      maxFactor = Math.max(maxFactor, (probe.update(c), probe.accelerationFactor));
    assert.ok(maxFactor > 0.3, `max AF ${maxFactor}`);
  });

  test('sar in TTR mode without the look-ahead gap: only the rows before the first common reversal differ', () => {
    const ours = runIndicator(new ParabolicSar(0.02, 0.2, { mode: 'ttr' }), TTRC).value;
    const ttr = readTtrCsv('sar.csv').sar;
    let lastDiff = -1;
    for (let i = 0; i < ttr.length; i++) if (!near(ours[i], ttr[i], 1e-8)) lastDiff = i;
    assert.ok(lastDiff >= 0 && lastDiff < 40, `last differing row ${lastDiff + 1}`);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand examples (arithmetic in the comments)
// ---------------------------------------------------------------------------------------------

/** (high, low, close) of five candles used by the TR, ATR, NATR and Keltner examples. */
const FIVE = [hlc(10, 8, 9), hlc(11, 9.5, 10), hlc(10.5, 10.25, 10.5), hlc(9, 8, 8.5), hlc(9.5, 8.5, 9)];

describe('volatility: hand examples', () => {
  test('TrueRange: none for the first candle, then max(H, C₋₁) − min(L, C₋₁)', () => {
    const tr = new TrueRange();
    assert.equal(tr.warmup, 2);
    assert.ok(Number.isNaN(tr.update(FIVE[0]))); // no previous close (TTR: NA)
    assert.equal(tr.isReady, false);
    assert.equal(tr.update(FIVE[1]), 2); // max(11, 9) − min(9.5, 9) = 11 − 9
    assert.equal(tr.isReady, true);
    assert.equal(tr.update(FIVE[2]), 0.5); // max(10.5, 10) − min(10.25, 10) = 10.5 − 10
    assert.equal(tr.update(FIVE[3]), 2.5); // gap down: max(9, 10.5) − min(8, 10.5) = 10.5 − 8
    assert.equal(tr.update(FIVE[4]), 1); // max(9.5, 8.5) − min(8.5, 8.5)
  });

  test('Atr(3) and Natr(3): Wilder average of TR 2, 0.5, 2.5, 1', () => {
    const atr = new Atr(3);
    const natr = new Natr(3);
    assert.equal(atr.warmup, 4);
    const a = FIVE.map((c) => atr.update(c));
    const n = FIVE.map((c) => natr.update(c));
    assert.ok(a.slice(0, 3).every(Number.isNaN) && n.slice(0, 3).every(Number.isNaN));
    assertNear(a[3], 5 / 3, 'atr seed'); // (2 + 0.5 + 2.5)/3
    assertNear(a[4], 13 / 9, 'atr'); // 5/3 + (1 − 5/3)/3 = 13/9
    assertNear(n[3], (100 * (5 / 3)) / 8.5, 'natr seed'); // 19.6078…% of the close 8.5
    assertNear(n[4], 1300 / 81, 'natr'); // 100 · (13/9) / 9 = 16.049…
    assert.equal(atr.trueRange, 1);
  });

  test('StdDev: sample and population on a rolling window', () => {
    // [2,4,4,4,5,5,7,9]: mean 5, Σ(x − 5)² = 32 → population √(32/8) = 2, sample √(32/7).
    const pop = new StdDev(8, false);
    const sample = new StdDev(8);
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) {
      pop.update(x);
      sample.update(x);
    }
    assert.equal(pop.value, 2);
    assertNear(sample.value, Math.sqrt(32 / 7), 'sample');
    assert.equal(pop.mean, 5);
    // Period 3 over 1, 2, 3, 4, 10: windows [1,2,3] and [2,3,4] → sample σ 1;
    // [3,4,10]: mean 17/3, deviations −8/3, −5/3, 13/3 → Σ² = 258/9 → sample √(129/9).
    const sd = new StdDev(3);
    const out = [1, 2, 3, 4, 10].map((x) => sd.update(x));
    assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]));
    assertNear(out[2], 1, 'w1');
    assertNear(out[3], 1, 'w2');
    assertNear(out[4], Math.sqrt(258 / 9 / 2), 'w3');
    // A flat window is exactly 0.
    const flat = new StdDev(4, false);
    for (let i = 0; i < 20; i++) flat.update(i < 10 ? i * 1.37 : 42.1);
    assert.equal(flat.value, 0);
  });

  test('Bollinger(8, 2): mean 5, σ 2 → bands 1 and 9, %B and bandwidth', () => {
    const bb = new Bollinger(8, 2);
    let v = bb.update(2);
    for (const x of [4, 4, 4, 5, 5, 7]) v = bb.update(x);
    assert.equal(bb.isReady, false);
    v = bb.update(9);
    // lower 5 − 2·2 = 1, upper 5 + 2·2 = 9; %B (9 − 1)/(9 − 1) = 1; bandwidth (9 − 1)/5 = 1.6.
    assert.deepEqual({ ...v }, { lower: 1, middle: 5, upper: 9, percentB: 1, bandwidth: 1.6 });
    // Flat window: σ = 0 → bands on the mean, %B 0.5 (TTR: 0/0), bandwidth 0.
    const flat = new Bollinger(3, 2);
    for (let i = 0; i < 3; i++) v = flat.update(7);
    assert.deepEqual({ ...v }, { lower: 7, middle: 7, upper: 7, percentB: 0.5, bandwidth: 0 });
  });

  test('Keltner(3, 2, 2): EMA(3) of closes ± 2·ATR(2)', () => {
    const k = new Keltner(3, 2, 2);
    assert.equal(k.warmup, 3); // max(3, 2 + 1)
    const out = FIVE.map((c) => ({ ...k.update(c) }));
    assert.ok(Number.isNaN(out[1].middle) && Number.isNaN(out[1].upper));
    // Candle 3: EMA seed (9 + 10 + 10.5)/3 = 59/6; ATR seed (2 + 0.5)/2 = 1.25 → ±2.5.
    assertFieldsNear(out[2], { middle: 59 / 6, upper: 59 / 6 + 2.5, lower: 59 / 6 - 2.5 }, 'k3');
    // Candle 4: EMA 59/6 + ½(8.5 − 59/6) = 55/6; ATR 1.25 + ½(2.5 − 1.25) = 1.875 → ±3.75.
    assertFieldsNear(out[3], { middle: 55 / 6, upper: 55 / 6 + 3.75, lower: 55 / 6 - 3.75 }, 'k4');
    // Candle 5: EMA ½(55/6 + 9) = 109/12; ATR 1.875 + ½(1 − 1.875) = 1.4375 → ±2.875.
    assertFieldsNear(out[4], { middle: 109 / 12, upper: 109 / 12 + 2.875, lower: 109 / 12 - 2.875 }, 'k5');
  });

  test('Adx(2): wilderSum seeding, DIs, DX and ADX', () => {
    const adx = new Adx(2);
    assert.equal(adx.warmup, 4);
    const cs = [hlc(10, 8, 9), hlc(11, 9, 10), hlc(12, 10, 11), hlc(11, 8, 9), hlc(11.5, 8.5, 11)];
    const out = cs.map((c) => ({ ...adx.update(c) }));
    // Candle 2: dH 1, dL −1 → +DM 1, −DM 0, TR 2: the raw seed sums (n − 1 = 1 value).
    assert.ok(Number.isNaN(out[1].plusDi));
    // Candle 3: +DM 1, TR 2 → S+ = 1 + 1·½ = 1.5, S− = 0, Str = 2 + 2·½ = 3: +DI 50, −DI 0, DX 100.
    assertFieldsNear(out[2], { plusDi: 50, minusDi: 0, dx: 100 }, 'c3');
    assert.ok(Number.isNaN(out[2].adx));
    // Candle 4: dH −1, dL 2 → −DM 2, TR max(11,11) − min(8,11) = 3. S+ = 0.75, S− = 2, Str = 4.5:
    // +DI 50/3, −DI 400/9, DX 100·(250/9)/(550/9) = 500/11; ADX seed (100 + 500/11)/2 = 800/11.
    assertFieldsNear(out[3], { plusDi: 50 / 3, minusDi: 400 / 9, dx: 500 / 11, adx: 800 / 11 }, 'c4');
    assert.equal(adx.isReady, true);
    // Candle 5: +DM 0.5, TR 3 → S+ = 0.875, S− = 1, Str = 5.25: +DI 50/3, −DI 400/21,
    // DX 100·(50/21)/(750/21) = 20/3; ADX 800/11 + (20/3 − 800/11)/2 = 2620/66.
    assertFieldsNear(out[4], { plusDi: 50 / 3, minusDi: 400 / 21, dx: 20 / 3, adx: 2620 / 66 }, 'c5');
  });

  test('Aroon(3): window of 4 bars, ties to the latest, first value on bar 3', () => {
    const aroon = new Aroon(3);
    const cs = [hlc(5, 4, 4), hlc(7, 3, 3), hlc(6, 5, 5), hlc(7, 2, 2), hlc(4, 2, 2), hlc(3, 1, 1)];
    const out = cs.map((c) => ({ ...aroon.update(c) }));
    assert.ok(Number.isNaN(out[1].up));
    // Bar 3 (only 3 bars): high 7 and low 3 on bar 2, 1 bar ago → 100·(3 − 1)/3.
    assertFieldsNear(out[2], { up: 200 / 3, down: 200 / 3, oscillator: 0 }, 'b3');
    // Bar 4: highs 5,7,6,7 → the latest 7 is this bar; low 2 this bar → 100, 100.
    assertFieldsNear(out[3], { up: 100, down: 100, oscillator: 0 }, 'b4');
    // Bar 5 (bars 2..5): high 7 on bar 4 (1 ago) → 200/3; lows 3,5,2,2 → latest 2 is now → 100.
    assertFieldsNear(out[4], { up: 200 / 3, down: 100, oscillator: -100 / 3 }, 'b5');
    // Bar 6 (bars 3..6): high 7 on bar 4 (2 ago) → 100/3; low 1 now → 100.
    assertFieldsNear(out[5], { up: 100 / 3, down: 100, oscillator: -200 / 3 }, 'b6');
  });

  test('ParabolicSar textbook (step 0.1, max 0.3): acceleration, clamps, both reversals', () => {
    const sar = new ParabolicSar(0.1, 0.3);
    const expect = (c: Candle, value: number, trend: number, ep: number, af: number, label: string) => {
      assertNear(sar.update(c), value, label);
      assert.equal(sar.trend, trend, `${label} trend`);
      assert.equal(sar.extremePoint, ep, `${label} EP`);
      assertNear(sar.accelerationFactor, af, `${label} AF`);
    };
    expect(hlc(10, 9, 9.5), 9, 1, 10, 0.1, 'b1'); // start long: SAR = first low, EP = first high
    // New high 11: EP 11, AF 0.2; 9 + 0.2·(11 − 9) = 9.4, clamped to the prior lows min(9, 10) = 9.
    expect(hlc(11, 10, 10.5), 9, 1, 11, 0.2, 'b2');
    // New high 12: EP 12, AF min(0.3, 0.3); 9 + 0.3·3 = 9.9 (below lows 10 and 11).
    expect(hlc(12, 11, 11.5), 9.9, 1, 12, 0.3, 'b3');
    // No new high: 9.9 + 0.3·(12 − 9.9) = 10.53, clamped to min(11, 10.5) = 10.5.
    expect(hlc(11.5, 10.5, 11), 10.5, 1, 12, 0.3, 'b4');
    // Low 10.4 ≤ 10.5: reverse to short at the old EP max(12, 11) = 12; EP = 10.4, AF 0.1.
    expect(hlc(11, 10.4, 10.5), 12, -1, 10.4, 0.1, 'b5');
    // New low 10: EP 10, AF 0.2; 12 + 0.2·(10 − 12) = 11.6 (above the highs 11 and 10.8).
    expect(hlc(10.8, 10, 10.2), 11.6, -1, 10, 0.2, 'b6');
    // High 11.7 ≥ 11.6: reverse to long at the old EP min(10, 11) = 10; EP 11.7, AF 0.1.
    expect(hlc(11.7, 11, 11.5), 10, 1, 11.7, 0.1, 'b7');
  });

  test('ParabolicSar: textbook caps the factor at max; TTR mode keeps growing past 0.2 (§5.1)', () => {
    const textbook = new ParabolicSar();
    const ttr = new ParabolicSar(0.02, 0.2, { mode: 'ttr' });
    for (let i = 0; i < 30; i++) {
      const c = hlc(100 + i, 99.5 + i, 100 + i); // a new high every bar, never touching the stop
      textbook.update(c);
      ttr.update(c);
    }
    assert.equal(textbook.trend, 1);
    assert.equal(textbook.accelerationFactor, 0.2);
    assert.equal(ttr.trend, 1);
    // 0.02 + 9·0.02 = 0.19999999999999998 ≠ 0.2, so TTR adds 0.02 again: 0.22, 0.24, ...
    assert.ok(ttr.accelerationFactor > 0.4, `TTR AF ${ttr.accelerationFactor}`);
  });

  test('SuperTrend(2, 1): final-band rules and both flips', () => {
    const st = new SuperTrend(2, 1);
    const cs = [
      hlc(10, 8, 9),
      hlc(11, 9, 10),
      hlc(12, 10, 11.5),
      hlc(13, 11, 12.5),
      hlc(12, 9, 9.5),
      hlc(10, 8, 8.5),
      hlc(12.5, 10, 12),
    ];
    const out = cs.map((c) => ({ ...st.update(c) }));
    assert.ok(Number.isNaN(out[1].value) && Number.isNaN(out[1].direction));
    // Candle 3: ATR (2 + 2)/2 = 2, mid 11 → basic 13 / 9 = final; close 11.5 ≥ 11 → up at 9.
    assert.deepEqual(out[2], { value: 9, direction: 1 });
    // Candle 4: TR 2, ATR 2; mid 12 → basic 14 / 10. Upper stays 13 (14 ≥ 13, close 11.5 ≤ 13);
    // lower rises to 10. Close 12.5 ≥ 10 → still up at 10.
    assert.deepEqual(out[3], { value: 10, direction: 1 });
    // Candle 5: TR max(12,12.5) − min(9,12.5) = 3.5, ATR 2 + 1.5/2 = 2.75; mid 10.5 → 13.25 / 7.75.
    // Upper stays 13, lower stays 10 (7.75 < 10, previous close 12.5 ≥ 10). Close 9.5 < 10 → down at 13.
    assert.deepEqual(out[4], { value: 13, direction: -1 });
    // Candle 6: TR 2, ATR 2.75 − 0.75/2 = 2.375; mid 9 → 11.375 / 6.625. Upper falls to 11.375;
    // lower resets to 6.625 (previous close 9.5 < 10). Close 8.5 ≤ 11.375 → down at 11.375.
    assert.deepEqual(out[5], { value: 11.375, direction: -1 });
    // Candle 7: TR 12.5 − 8.5 = 4, ATR 2.375 + 1.625/2 = 3.1875; mid 11.25 → 14.4375 / 8.0625.
    // Upper stays 11.375; lower rises to 8.0625. Close 12 > 11.375 → up at 8.0625.
    assert.deepEqual(out[6], { value: 8.0625, direction: 1 });
    assert.equal(st.upper, 11.375);
    assert.equal(st.lower, 8.0625);
  });

  test('Ichimoku(2, 3, 4): unshifted lines, each filled once its window is full', () => {
    const ich = new Ichimoku(2, 3, 4);
    assert.equal(ich.warmup, 4);
    assert.equal(ich.displacement, 3);
    const cs = [
      hlc(10, 8, 9),
      hlc(12, 9, 11),
      hlc(11, 7, 8),
      hlc(13, 10, 12),
      hlc(9, 8.5, 8.8),
      hlc(9.5, 9, 9.2),
    ];
    const out = cs.map((c, i) => {
      const v = { ...ich.update(c) };
      assert.equal(ich.isReady, i >= 3); // bar 4 = max(2, 3, 4)
      return v;
    });
    const N = NaN;
    // Bar 1: only the chikou (the close, meant for 3 bars back).
    assert.deepEqual(out[0], { tenkan: N, kijun: N, senkouA: N, senkouB: N, chikou: 9 });
    // Bar 2: tenkan (max(10,12) + min(8,9))/2 = 10.
    assert.deepEqual(out[1], { tenkan: 10, kijun: N, senkouA: N, senkouB: N, chikou: 11 });
    // Bar 3: tenkan (12 + 7)/2 = 9.5; kijun (12 + 7)/2 = 9.5; senkou A (9.5 + 9.5)/2.
    assert.deepEqual(out[2], { tenkan: 9.5, kijun: 9.5, senkouA: 9.5, senkouB: N, chikou: 8 });
    // Bar 4: tenkan (13 + 7)/2 = 10; kijun bars 2..4 (13 + 7)/2 = 10; senkou B bars 1..4 (13 + 7)/2.
    assert.deepEqual(out[3], { tenkan: 10, kijun: 10, senkouA: 10, senkouB: 10, chikou: 12 });
    // Bar 5: tenkan (13 + 8.5)/2 = 10.75; kijun bars 3..5 (13 + 7)/2 = 10; A = 10.375; B bars 2..5 = 10.
    assert.deepEqual(out[4], { tenkan: 10.75, kijun: 10, senkouA: 10.375, senkouB: 10, chikou: 8.8 });
    // Bar 6: tenkan (9.5 + 8.5)/2 = 9; kijun bars 4..6 (13 + 8.5)/2 = 10.75; A 9.875; B bars 3..6 = 10.
    assert.deepEqual(out[5], { tenkan: 9, kijun: 10.75, senkouA: 9.875, senkouB: 10, chikou: 9.2 });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: naive recomputation, streaming = batch, replace, reset
// ---------------------------------------------------------------------------------------------

describe('volatility: properties on random OHLC series', () => {
  test('TrueRange, Atr, Natr equal the naive definitions', () => {
    fc.assert(
      fc.property(candles, small(10), (cs, n) => {
        const tr = new TrueRange();
        const atr = new Atr(n);
        const natr = new Natr(n);
        const trs = naiveTr(cs);
        const atrs = naiveEma(trs, n, true);
        cs.forEach((c, i) => {
          assertNear(tr.update(c), trs[i], `tr ${i}`, 1e-12);
          assertNear(atr.update(c), atrs[i], `atr ${i}`, 1e-9);
          assertNear(natr.update(c), (100 * atrs[i]) / c.close, `natr ${i}`, 1e-9);
          assert.equal(atr.isReady, i >= n);
          assert.equal(natr.isReady, i >= n);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('StdDev and Bollinger equal the naive two-pass window', () => {
    fc.assert(
      fc.property(candles, small(12, 2), fc.boolean(), (cs, n, sample) => {
        const xs = cs.map((c) => c.close);
        const sd = new StdDev(n, sample);
        const bb = new Bollinger(n, 2.5);
        xs.forEach((x, i) => {
          const v = sd.update(x);
          const b = bb.update(x);
          assert.equal(sd.isReady, i + 1 >= n);
          if (i + 1 < n) {
            assert.ok(Number.isNaN(v) && Number.isNaN(b.middle));
            return;
          }
          assertNear(v, naiveSd(xs, i, n, sample), `sd ${i}`, 1e-9);
          const mean = xs.slice(i - n + 1, i + 1).reduce((a, y) => a + y, 0) / n;
          const sigma = naiveSd(xs, i, n, false);
          assertNear(b.middle, mean, `bb middle ${i}`, 1e-12);
          assertNear(b.upper, mean + 2.5 * sigma, `bb upper ${i}`, 1e-9);
          assertNear(b.lower, mean - 2.5 * sigma, `bb lower ${i}`, 1e-9);
          if (sigma > 1e-9) assertNear(b.percentB, (x - b.lower) / (b.upper - b.lower), `%B ${i}`, 1e-9);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('Keltner equals the naive EMA ± multiplier·ATR', () => {
    fc.assert(
      fc.property(candles, small(8), small(8), (cs, n, atrN) => {
        const k = new Keltner(n, 1.5, atrN);
        const ema = naiveEma(
          cs.map((c) => c.close),
          n,
          false,
        );
        const atr = naiveEma(naiveTr(cs), atrN, true);
        cs.forEach((c, i) => {
          const v = k.update(c);
          assertNear(v.middle, ema[i], `middle ${i}`, 1e-9);
          const ready = !Number.isNaN(ema[i]) && !Number.isNaN(atr[i]);
          assert.equal(k.isReady, ready);
          if (ready) {
            assertNear(v.upper, ema[i] + 1.5 * atr[i], `upper ${i}`, 1e-9);
            assertNear(v.lower, ema[i] - 1.5 * atr[i], `lower ${i}`, 1e-9);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  test('Adx equals the naive whole-series computation', () => {
    fc.assert(
      fc.property(candles, small(8), (cs, n) => {
        const adx = new Adx(n);
        const expected = naiveAdx(cs, n);
        cs.forEach((c, i) => {
          const v = adx.update(c);
          assertFieldsNear(v, expected[i], `adx(${n}) ${i}`, 1e-9);
          assert.equal(adx.isReady, i >= 2 * n - 1);
          if (adx.isReady) assert.ok(v.adx >= 0 && v.adx <= 100 + 1e-9);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('Aroon equals a naive scan of the last n + 1 bars', () => {
    fc.assert(
      fc.property(candles, small(10), (cs, n) => {
        const aroon = new Aroon(n);
        cs.forEach((c, i) => {
          const v = aroon.update(c);
          if (i + 1 < n) {
            assert.ok(Number.isNaN(v.up) && !aroon.isReady);
            return;
          }
          const { hiAt, loAt } = extremes(cs, i - n, i);
          const up = (100 * (n - (i - hiAt))) / n;
          const down = (100 * (n - (i - loAt))) / n;
          assertFieldsNear(v, { up, down, oscillator: up - down }, `aroon ${i}`);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('Ichimoku equals naive window scans', () => {
    fc.assert(
      fc.property(candles, small(5), small(8), small(12), (cs, t, k, s) => {
        const ich = new Ichimoku(t, k, s);
        const mid = (i: number, p: number) => {
          const e = extremes(cs, i - p + 1, i);
          return i + 1 >= p ? (e.hi + e.lo) / 2 : NaN;
        };
        cs.forEach((c, i) => {
          const v = ich.update(c);
          const tenkan = mid(i, t);
          const kijun = mid(i, k);
          assertFieldsNear(
            v,
            { tenkan, kijun, senkouA: (tenkan + kijun) / 2, senkouB: mid(i, s), chikou: c.close },
            `ichimoku ${i}`,
          );
          assert.equal(ich.isReady, i + 1 >= Math.max(t, k, s));
        });
      }),
      { numRuns: 200 },
    );
  });

  test('SuperTrend equals the naive whole-series rules', () => {
    fc.assert(
      fc.property(candles, small(8), fc.constantFrom(0.5, 1, 3), (cs, n, m) => {
        const st = new SuperTrend(n, m);
        const expected = naiveSuperTrend(cs, n, m);
        cs.forEach((c, i) => {
          const v = st.update(c);
          assertFieldsNear(v, expected[i], `supertrend ${i}`, 1e-9);
          assert.equal(st.isReady, i >= n);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('ParabolicSar (both modes) equals the naive whole-series rules', () => {
    fc.assert(
      fc.property(candles, fc.constantFrom(0.02, 0.05, 0.1), fc.constantFrom(0.2, 0.3), (cs, step, max) => {
        const textbook = new ParabolicSar(step, max);
        const ttr = new ParabolicSar(step, max, { mode: 'ttr', initialGap: 0.05 });
        const a = naiveSarTextbook(cs, step, max);
        const b = naiveSarTtr(cs, step, max, 0.05);
        cs.forEach((c, i) => {
          assertNear(textbook.update(c), a[i], `textbook ${i}`, 1e-9);
          assertNear(ttr.update(c), b[i], `ttr ${i}`, 1e-9);
          assert.ok(textbook.accelerationFactor <= max);
        });
      }),
      { numRuns: 200 },
    );
  });
});

/** Every indicator of the group, with random-ish parameters, and its input kind. */
function makers(p: number, q: number): { label: string; candle: boolean; create: () => AnyIndicator }[] {
  return [
    { label: 'tr', candle: true, create: () => new TrueRange() },
    { label: 'atr', candle: true, create: () => new Atr(p) },
    { label: 'natr', candle: true, create: () => new Natr(p) },
    { label: 'stddev', candle: false, create: () => new StdDev(p + 1) },
    { label: 'stddev pop', candle: false, create: () => new StdDev(p, false) },
    { label: 'bbands', candle: false, create: () => new Bollinger(p, 2) },
    { label: 'keltner', candle: true, create: () => new Keltner(p, 2, q) },
    { label: 'adx', candle: true, create: () => new Adx(p) },
    { label: 'aroon', candle: true, create: () => new Aroon(p) },
    { label: 'sar', candle: true, create: () => new ParabolicSar(0.05, 0.3) },
    {
      label: 'sar ttr',
      candle: true,
      create: () => new ParabolicSar(0.02, 0.2, { mode: 'ttr', initialGap: 0.1 }),
    },
    { label: 'supertrend', candle: true, create: () => new SuperTrend(p, 2) },
    { label: 'ichimoku', candle: true, create: () => new Ichimoku(q, p + 1, p + q + 1) },
  ];
}

/** Another valid candle near `c` (a different still-forming state of the same bar). */
function wiggle(c: Candle, k: number): Candle {
  const high = c.high + 0.37 * k;
  const low = c.low - 0.21 * k;
  return { open: c.open, high, low, close: low + (high - low) * (k % 2 === 0 ? 0.9 : 0.1), volume: 1 };
}

describe('volatility: streaming, batch, replace and reset', () => {
  test('streaming = batch (runIndicator) on ttrc, for every indicator of the group', () => {
    const cs = TTRC_CANDLES.slice(0, 700);
    const columns = {
      open: TTRC.open.subarray(0, 700),
      high: TTRC.high.subarray(0, 700),
      low: TTRC.low.subarray(0, 700),
      close: TTRC.close.subarray(0, 700),
      volume: TTRC.volume.subarray(0, 700),
    };
    for (const { label, candle, create } of [...makers(14, 9), ...makers(3, 2)]) {
      const batch = runIndicator(create(), candle ? columns : columns.close);
      const ind = create();
      cs.forEach((c, i) => {
        const v = fieldsOf(feed(ind, candle, c));
        for (const [name, column] of Object.entries(batch)) {
          const expected = ind.isReady ? v[name] : NaN;
          assert.ok(Object.is(column[i], expected), `${label}.${name} row ${i}: ${column[i]} vs ${expected}`);
        }
        if (i + 1 >= ind.warmup) assert.ok(ind.isReady, `${label} ready after warmup ${ind.warmup}`);
        else assert.ok(!ind.isReady, `${label} not ready before warmup ${ind.warmup}`);
      });
    }
  });

  test('property: update(x); replace(y) ≡ update(y), also with several replaces', () => {
    fc.assert(
      fc.property(candles, small(6), small(4), (cs, p, q) => {
        for (const { label, candle, create } of makers(p, q)) {
          const direct = create();
          const replaced = create();
          cs.forEach((c, i) => {
            const expected = fieldsOf(feed(direct, candle, c));
            feed(replaced, candle, wiggle(c, 1));
            feed(replaced, candle, wiggle(c, 2), true);
            const got = fieldsOf(feed(replaced, candle, c, true));
            assert.equal(replaced.isReady, direct.isReady, `${label} ready ${i}`);
            for (const [name, v] of Object.entries(expected)) {
              assert.ok(near(got[name], v, 1e-9), `${label}.${name} at ${i}: ${got[name]} vs ${v}`);
            }
          });
        }
      }),
      { numRuns: 100 },
    );
  });

  test('replace before any update behaves like update; reset forgets everything', () => {
    const cs = TTRC_CANDLES.slice(0, 120);
    for (const { label, candle, create } of makers(5, 3)) {
      const a = create();
      const b = create();
      feed(a, candle, cs[0], true);
      feed(b, candle, cs[0]);
      for (const c of cs.slice(1)) {
        feed(a, candle, c);
        feed(b, candle, c);
      }
      assert.deepEqual(fieldsOf(a.value), fieldsOf(b.value), `${label} replace-first`);
      a.reset();
      assert.equal(a.isReady, false, `${label} reset`);
      assert.ok(Object.values(fieldsOf(a.value)).every(Number.isNaN), `${label} reset value`);
      const fresh = create();
      for (const c of cs.slice(60)) {
        feed(a, candle, c);
        feed(fresh, candle, c);
      }
      assert.deepEqual(fieldsOf(a.value), fieldsOf(fresh.value), `${label} after reset`);
    }
  });

  test('StdDev stays accurate over 10^6 updates of large, then small values', () => {
    // Around 10^9 the naive Σx² − (Σx)²/n would lose everything (x² ≈ 10^18, variance ≈ 0.08).
    // The level then drops to 50 ± 0.005 at a bar that is not a multiple of the period, so the
    // windows of small values start between two scheduled recomputes: the running M2 (≈ 10^18
    // in the mixed windows) must be recomputed when it collapses, or σ is off by orders of magnitude.
    let seed = 12345;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const n = 1_000_000;
    const period = 20;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = i < n - 1013 ? 1e9 + rand() : 50 + rand() * 0.01;
    const sd = new StdDev(period);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const v = sd.update(xs[i]);
      if (i >= period && (i % 997 === 0 || i >= n - 1013)) {
        // Reference: two-pass on the window shifted by its first value (exact by Sterbenz).
        const w = xs.subarray(i - period + 1, i + 1);
        const exact = naiveSd(
          Array.from(w, (x) => x - w[0]),
          period - 1,
          period,
          true,
        );
        worst = Math.max(worst, Math.abs(v - exact) / exact);
      }
    }
    assert.ok(worst < 1e-12, `max relative error ${worst}`);
  });
});

// ---------------------------------------------------------------------------------------------
// Arguments, inputs, catalog
// ---------------------------------------------------------------------------------------------

describe('volatility: bad arguments name the indicator and the argument', () => {
  test('periods: 0, negative, non-integer, NaN', () => {
    const cases: [string, (v: number) => unknown][] = [
      ['atr\\(period\\)', (v) => new Atr(v)],
      ['natr\\(period\\)', (v) => new Natr(v)],
      ['stddev\\(period\\)', (v) => new StdDev(v, false)],
      ['bbands\\(period\\)', (v) => new Bollinger(v)],
      ['keltner\\(period\\)', (v) => new Keltner(v)],
      ['keltner\\(atrPeriod\\)', (v) => new Keltner(20, 2, v)],
      ['adx\\(period\\)', (v) => new Adx(v)],
      ['aroon\\(period\\)', (v) => new Aroon(v)],
      ['supertrend\\(period\\)', (v) => new SuperTrend(v)],
      ['ichimoku\\(tenkan\\)', (v) => new Ichimoku(v)],
      ['ichimoku\\(kijun\\)', (v) => new Ichimoku(9, v)],
      ['ichimoku\\(senkouB\\)', (v) => new Ichimoku(9, 26, v)],
    ];
    for (const [name, create] of cases) {
      for (const bad of [0, -3, 2.5, NaN]) {
        assert.throws(
          () => create(bad),
          new RegExp(`^RangeError: ${name}: must be an integer ≥ 1, got ${bad}`),
        );
      }
    }
    assert.throws(() => new StdDev(1), /stddev\(period\): must be an integer ≥ 2, got 1/); // sample needs n ≥ 2
    assert.doesNotThrow(() => new StdDev(1, false));
  });

  test('multipliers and SAR factors', () => {
    for (const bad of [0, -1, NaN, Infinity]) {
      assert.throws(() => new Bollinger(20, bad), /bbands\(multiplier\): must be a finite number > 0/);
      assert.throws(() => new Keltner(20, bad), /keltner\(multiplier\): must be a finite number > 0/);
      assert.throws(() => new SuperTrend(10, bad), /supertrend\(multiplier\): must be a finite number > 0/);
      assert.throws(() => new ParabolicSar(bad), /sar\(step\): must be a finite number > 0/);
    }
    assert.throws(() => new ParabolicSar(0.02, 0.01), /sar\(max\): must be a finite number ≥ step/);
    assert.throws(() => new ParabolicSar(0.02, NaN), /sar\(max\)/);
    assert.throws(() => new ParabolicSar(0.02, 0.2, { initialGap: -1 }), /sar\(initialGap\)/);
    assert.throws(
      () => new ParabolicSar(0.02, 0.2, { mode: 'wilder' as 'ttr' }),
      /sar\(mode\): must be 'textbook' or 'ttr'/,
    );
  });

  test('inputs: high < low and non-finite values are rejected by update and replace', () => {
    const badCandle = { open: 1, high: 1, low: 2, close: 1, volume: 0 };
    for (const { label, candle, create } of makers(3, 2)) {
      const ind = create();
      if (candle) {
        const c = ind as Indicator<Candle, unknown>;
        const name = ind.name.replace(/[()]/g, '\\$&');
        assert.throws(() => c.update(badCandle), new RegExp(`${name}: candle high 1 is below low 2`), label);
        c.update(hlc(2, 1, 1.5));
        assert.throws(() => c.replace(badCandle), /is below low/, label);
        assert.throws(() => c.update({ ...hlc(2, 1, 1.5), close: NaN }), /finite/, label);
      } else {
        const x = ind as Indicator<number, unknown>;
        assert.throws(
          () => x.update(NaN),
          new RegExp(`${ind.name.replace(/[()]/g, '\\$&')}: input must be a finite`),
        );
        x.update(1);
        assert.throws(() => x.replace(Infinity), /finite/, label);
      }
    }
  });
});

describe('volatility: catalog', () => {
  const names = [
    'donchian',
    'tr',
    'atr',
    'natr',
    'stddev',
    'bbands',
    'keltner',
    'adx',
    'aroon',
    'sar',
    'supertrend',
    'ichimoku',
  ];

  test('every entry builds with its defaults; outputs and input kind match the indicator', () => {
    assert.deepEqual(
      VOLATILITY_ENTRIES.map((e) => e.name),
      names,
    );
    for (const entry of VOLATILITY_ENTRIES) {
      const indicator = entry.create(entry.params.map((p) => p.default));
      assert.ok(indicator.name.startsWith(entry.name), `${entry.name}: ${indicator.name}`);
      const c = TTRC_CANDLES[0];
      const value =
        entry.input === 'candle'
          ? (indicator as Indicator<Candle, unknown>).update(c)
          : (indicator as Indicator<number, unknown>).update(c.close);
      assert.deepEqual(Object.keys(fieldsOf(value)), [...entry.outputs], entry.name);
      for (const p of entry.params)
        assert.ok(p.description.length > 0 && (!p.integer || Number.isInteger(p.default)));
    }
  });

  test('specs: defaults, explicit arguments, bad switches', () => {
    const bb = parseIndicatorSpec('bbands(20,2)');
    assert.deepEqual(bb.columns, [
      'bbands(20,2).lower',
      'bbands(20,2).middle',
      'bbands(20,2).upper',
      'bbands(20,2).percentB',
      'bbands(20,2).bandwidth',
    ]);
    assert.equal(parseIndicatorSpec('atr').indicator.name, 'atr(14)');
    assert.equal(parseIndicatorSpec('stddev(10,0)').indicator.name, 'stddev(10,0)');
    assert.equal(parseIndicatorSpec('sar(0.02,0.2,1)').indicator.name, 'sar(0.02,0.2,ttr)');
    assert.equal(parseIndicatorSpec('ichimoku').indicator.name, 'ichimoku(9,26,52)');
    assert.throws(() => parseIndicatorSpec('stddev(20,2)'), /stddev\(sample\): must be 0 or 1, got 2/);
    assert.throws(() => parseIndicatorSpec('sar(0.02,0.2,5)'), /sar\(ttr\): must be 0 or 1/);
    assert.throws(() => parseIndicatorSpec('adx(0)'), /adx\(period\)/);
  });
});
