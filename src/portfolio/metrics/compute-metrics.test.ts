import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { InvariantError } from '../../core/assert.js';
import { SeededRandom } from '../../core/random.js';
import { assertClose } from './assert-close.js';
import { computeMetrics } from './compute-metrics.js';
import type { ClosedTrade, MetricsInput } from './metrics-input.js';
import type { PerformanceMetrics } from './performance-metrics.js';

/** 2024-01-01T00:00:00Z in µs. */
const T0 = 1_704_067_200 * US.SECOND;
const days = (...d: number[]): number[] => d.map((x) => T0 + x * US.DAY);

function trade(pnl: number): ClosedTrade {
  return {
    entryTimeUs: T0,
    exitTimeUs: T0 + US.DAY,
    instrumentId: 'BTCUSDT.BINANCE',
    side: 'LONG',
    quantity: 1,
    entryPrice: 100,
    exitPrice: 100 + pnl,
    pnl,
    fees: 0,
  };
}

/**
 * The reference case, six daily points:
 *   E = 100, 110, 99, 99, 118.8, 89.1
 *   r = +0.10, −0.10, 0, +0.20, −0.25           (n = 5)
 */
const reference: MetricsInput = {
  curve: { ts: days(0, 1, 2, 3, 4, 5), equity: [100, 110, 99, 99, 118.8, 89.1] },
  trades: [50, -20, 0, 30, -10].map(trade),
  exposed: [true, false, true, true, false],
  tradedNotional: 1026.5,
};

test('reference curve: every metric against a hand computation', () => {
  const m = computeMetrics(reference);

  assert.equal(m.startTime, '2024-01-01T00:00:00.000Z');
  assert.equal(m.endTime, '2024-01-06T00:00:00.000Z');
  assert.equal(m.startEquity, 100);
  assert.equal(m.endEquity, 89.1);

  // years = 5 days / 365.25 days; ppy = 5 returns / years = 365.25
  assert.equal(m.periodsPerYear, 365.25);

  // totalReturn = 89.1 / 100 − 1 = −0.109
  assertClose(m.totalReturn, -0.109, 'totalReturn');
  // cagr = 0.891^(1 / (5 / 365.25)) − 1 = 0.891^73.05 − 1 ≈ −0.99978
  assertClose(m.cagr, Math.pow(0.891, 73.05) - 1, 'cagr');

  // mean r = (0.1 − 0.1 + 0 + 0.2 − 0.25) / 5 = −0.01
  // deviations 0.11, −0.09, 0.01, 0.21, −0.24; squares sum to
  //   0.0121 + 0.0081 + 0.0001 + 0.0441 + 0.0576 = 0.122
  // sample variance = 0.122 / 4 = 0.0305
  // volatility = √0.0305 × √365.25 = √11.140125 ≈ 3.33768
  assertClose(m.annualizedVolatility, Math.sqrt(11.140125), 'annualizedVolatility');
  // sharpe = −0.01 / √0.0305 × √365.25 ≈ −1.09432
  assertClose(m.sharpe, (-0.01 / Math.sqrt(0.0305)) * Math.sqrt(365.25), 'sharpe');
  // downside: min(0, r) = 0, −0.1, 0, 0, −0.25 → (0.01 + 0.0625) / 5 = 0.0145
  // sortino = −0.01 / √0.0145 × √365.25 ≈ −1.58713
  assertClose(m.sortino, (-0.01 / Math.sqrt(0.0145)) * Math.sqrt(365.25), 'sortino');

  // running peak 100, 110, 110, 110, 118.8, 118.8
  // drawdowns    0,   0,  0.1, 0.1,   0,   (118.8 − 89.1) / 118.8 = 0.25
  assertClose(m.maxDrawdown, 0.25, 'maxDrawdown');
  // episodes: peak at day 1 (110) → back above at day 4 (118.8): 3 bars, 3 days;
  //           peak at day 4 → never recovers, end at day 5: 1 bar, 1 day
  assert.equal(m.maxDrawdownDurationBars, 3);
  assert.equal(m.maxDrawdownDurationDays, 3);
  // calmar = cagr / 0.25
  assertClose(m.calmar, (Math.pow(0.891, 73.05) - 1) / 0.25, 'calmar');

  // k = ⌈0.05 × 5⌉ = 1; smallest return −0.25 → VaR = CVaR = 0.25
  assertClose(m.var95, 0.25, 'var95');
  assertClose(m.cvar95, 0.25, 'cvar95');

  // pnl 50, −20, 0, 30, −10: wins {50, 30}, losses {−20, −10}, one scratch
  assert.equal(m.trades, 5);
  assertClose(m.winRate, 2 / 5, 'winRate'); // 0.4
  assertClose(m.profitFactor, 80 / 30, 'profitFactor'); // 2.667
  assertClose(m.averageWin, 40, 'averageWin'); // 80 / 2
  assertClose(m.averageLoss, -15, 'averageLoss'); // −30 / 2
  assertClose(m.expectancy, 10, 'expectancy'); // 50 / 5

  // exposed on day intervals 0, 2, 3 of 5 equal intervals → 3 / 5
  assertClose(m.exposure, 0.6, 'exposure');
  // mean equity = (100 + 110 + 99 + 99 + 118.8 + 89.1) / 6 = 615.9 / 6 = 102.65
  // turnover = 1026.5 / 102.65 = 10
  assertClose(m.turnover, 10, 'turnover');

  assert.equal(m.beta, null);
  assert.equal(m.alpha, null);
});

test('risk-free rate makes Sharpe and Sortino use excess returns', () => {
  // rf = 0.36525 a year → rf / ppy = 0.36525 / 365.25 = 0.001 a period
  const m = computeMetrics({ ...reference, riskFreeRate: 0.36525 });
  // mean excess = −0.01 − 0.001 = −0.011; stdev unchanged (√0.0305)
  assertClose(m.sharpe, (-0.011 / Math.sqrt(0.0305)) * Math.sqrt(365.25), 'sharpe');
  // r − 0.001 = 0.099, −0.101, −0.001, 0.199, −0.251
  // DD² = (0.010201 + 0.000001 + 0.063001) / 5 = 0.073203 / 5 = 0.0146406
  assertClose(m.sortino, (-0.011 / Math.sqrt(0.0146406)) * Math.sqrt(365.25), 'sortino');
  // Not risk-adjusted: volatility is the same as without rf.
  assertClose(m.annualizedVolatility, Math.sqrt(11.140125), 'annualizedVolatility');
});

test('benchmark: beta and alpha come through computeMetrics', () => {
  // Benchmark covers every curve point, r_b = r_s / 2 exactly in real arithmetic:
  //   prices 100, 105, 99.75, 99.75, 109.725, 96.009375
  //   beta = cov(rs, rs/2) / var(rs/2) = (var/2) / (var/4) = 2
  //   alpha = (mean(rs) − 2 · mean(rs)/2) × ppy = 0
  const m = computeMetrics({
    ...reference,
    benchmark: { ts: reference.curve.ts, price: [100, 105, 99.75, 99.75, 109.725, 96.009375] },
  });
  assertClose(m.beta, 2, 'beta');
  assertClose(m.alpha, 0, 'alpha');
});

test('typed-array columns give the same result as plain arrays', () => {
  const typed = computeMetrics({
    ...reference,
    curve: {
      ts: Float64Array.from(reference.curve.ts as number[]),
      equity: Float64Array.from(reference.curve.equity as number[]),
    },
    exposed: Uint8Array.from([1, 0, 1, 1, 0]),
  });
  assert.deepEqual(typed, computeMetrics(reference));
});

test('empty curve: only trade statistics are defined', () => {
  const m = computeMetrics({ curve: { ts: [], equity: [] }, trades: [], exposed: [], tradedNotional: 0 });
  assert.equal(m.trades, 0);
  for (const [key, value] of Object.entries(m)) {
    if (key !== 'trades') assert.equal(value, null, key);
  }
});

test('single point: no elapsed time, no returns', () => {
  const m = computeMetrics({
    curve: { ts: [T0], equity: [1000] },
    trades: [],
    exposed: [],
    tradedNotional: 500,
  });
  assert.equal(m.startTime, m.endTime);
  assert.equal(m.totalReturn, 0); // 1000 / 1000 − 1
  assert.equal(m.maxDrawdown, 0);
  assert.equal(m.maxDrawdownDurationBars, 0);
  assert.equal(m.maxDrawdownDurationDays, 0);
  assert.equal(m.turnover, 0.5); // 500 / 1000
  for (const key of [
    'cagr', // years = 0
    'periodsPerYear',
    'annualizedVolatility',
    'sharpe',
    'sortino',
    'calmar',
    'var95',
    'cvar95',
    'exposure', // zero-length span
  ] as const) {
    assert.equal(m[key], null, key);
  }
});

test('flat curve: zero risk, undefined ratios', () => {
  const m = computeMetrics({
    curve: { ts: days(0, 1, 2, 3), equity: [500, 500, 500, 500] },
    trades: [],
    exposed: [false, false, false],
    tradedNotional: 0,
  });
  assert.equal(m.totalReturn, 0);
  assert.equal(m.cagr, 0);
  assert.equal(m.annualizedVolatility, 0); // stdev 0 × √365.25
  assert.equal(m.sharpe, null); // 0 / 0
  assert.equal(m.sortino, null); // no downside
  assert.equal(m.maxDrawdown, 0);
  assert.equal(m.maxDrawdownDurationBars, 0); // never below the peak
  assert.equal(m.calmar, null); // divide by maxDrawdown = 0
  assert.equal(m.var95, 0); // k = 1, −0 reported as 0
  assert.equal(m.cvar95, 0);
  assert.equal(m.exposure, 0);
  assert.equal(m.turnover, 0);
});

test('constant growth: rounding noise in returns does not produce a huge Sharpe', () => {
  // 100, 110, 121, 133.1, 146.41: every return is 10 %, but computed returns differ in
  // the 16th digit, so their "stdev" is ~1e-17.
  const m = computeMetrics({
    curve: { ts: days(0, 1, 2, 3, 4), equity: [100, 110, 121, 133.1, 146.41] },
    trades: [],
    exposed: [1, 1, 1, 1],
    tradedNotional: 0,
  });
  assert.equal(m.sharpe, null);
  assert.equal(m.sortino, null);
  assert.ok(m.annualizedVolatility !== null && m.annualizedVolatility < 1e-12);
  assertClose(m.var95, -0.1, 'var95'); // the worst period was a 10 % gain
  assert.equal(m.exposure, 1);
});

test('no trades and no losses', () => {
  const none = computeMetrics({ ...reference, trades: [] });
  assert.equal(none.trades, 0);
  for (const key of ['winRate', 'profitFactor', 'averageWin', 'averageLoss', 'expectancy'] as const) {
    assert.equal(none[key], null, key);
  }

  // pnl 10, 30: winRate 2/2, profitFactor 40 / 0 → null, averageWin 20, expectancy 20
  const allWins = computeMetrics({ ...reference, trades: [trade(10), trade(30)] });
  assert.equal(allWins.winRate, 1);
  assert.equal(allWins.profitFactor, null);
  assert.equal(allWins.averageWin, 20);
  assert.equal(allWins.averageLoss, null);
  assert.equal(allWins.expectancy, 20);
});

test('equity reaching zero: return-based metrics are null, the rest still reported', () => {
  // 100 → 50 → 0 → 10: the return from 0 to 10 is a division by zero.
  const m = computeMetrics({
    curve: { ts: days(0, 1, 2, 3), equity: [100, 50, 0, 10] },
    trades: [],
    exposed: [1, 1, 1],
    tradedNotional: 0,
  });
  assertClose(m.totalReturn, -0.9, 'totalReturn'); // 10 / 100 − 1
  assert.equal(m.maxDrawdown, 1); // (100 − 0) / 100
  assert.equal(m.maxDrawdownDurationBars, 3);
  for (const key of ['annualizedVolatility', 'sharpe', 'sortino', 'var95', 'cvar95'] as const) {
    assert.equal(m[key], null, key);
  }
});

test('negative end equity: cagr and calmar are null', () => {
  const m = computeMetrics({
    curve: { ts: days(0, 1), equity: [100, -20] },
    trades: [],
    exposed: [1],
    tradedNotional: 0,
  });
  assertClose(m.totalReturn, -1.2, 'totalReturn'); // −20 / 100 − 1
  assert.equal(m.cagr, null);
  assert.equal(m.calmar, null);
  assertClose(m.maxDrawdown, 1.2, 'maxDrawdown'); // (100 − (−20)) / 100
});

test('malformed input throws InvariantError', () => {
  const base = reference;
  const bad: Array<[string, MetricsInput]> = [
    ['length mismatch', { ...base, curve: { ts: days(0, 1), equity: [1, 2, 3] } }],
    ['exposed length', { ...base, exposed: [true] }],
    ['ts not increasing', { ...base, curve: { ts: days(0, 2, 1, 3, 4, 5), equity: base.curve.equity } }],
    ['duplicate ts', { ...base, curve: { ts: days(0, 1, 1, 3, 4, 5), equity: base.curve.equity } }],
    ['NaN equity', { ...base, curve: { ts: base.curve.ts, equity: [100, NaN, 99, 99, 118.8, 89.1] } }],
    ['negative notional', { ...base, tradedNotional: -1 }],
    ['NaN pnl', { ...base, trades: [trade(NaN)] }],
    ['NaN rf', { ...base, riskFreeRate: NaN }],
    ['benchmark length', { ...base, benchmark: { ts: days(0, 1), price: [1] } }],
  ];
  for (const [what, input] of bad) {
    assert.throws(() => computeMetrics(input), InvariantError, what);
  }
});

test('exposed may carry one flag per point; the last is ignored', () => {
  const m = computeMetrics({ ...reference, exposed: [true, false, true, true, false, true] });
  assertClose(m.exposure, 0.6, 'exposure');
});

function assertJsonSafe(m: PerformanceMetrics): void {
  for (const [key, value] of Object.entries(m)) {
    assert.ok(value === null || typeof value === 'string' || Number.isFinite(value), `${key} = ${value}`);
  }
}

test('1,000,000-point curve computes in well under a second', () => {
  const n = 1_000_000;
  const rng = new SeededRandom(42);
  const ts = new Float64Array(n);
  const equity = new Float64Array(n);
  const exposed = new Uint8Array(n - 1);
  const benchTs = new Float64Array(n);
  const price = new Float64Array(n);
  let e = 100_000;
  let p = 4_000;
  for (let i = 0; i < n; i++) {
    ts[i] = T0 + i * US.MINUTE;
    benchTs[i] = ts[i];
    const market = rng.normal() * 1e-3;
    p *= 1 + market;
    e *= 1 + 0.8 * market + rng.normal() * 5e-4;
    equity[i] = e;
    price[i] = p;
    if (i < n - 1) exposed[i] = rng.next() < 0.7 ? 1 : 0;
  }
  const trades = Array.from({ length: 20_000 }, () => trade(rng.normal() * 100));

  const started = performance.now();
  const m = computeMetrics({
    curve: { ts, equity },
    trades,
    exposed,
    tradedNotional: 5e9,
    benchmark: { ts: benchTs, price },
  });
  const elapsedMs = performance.now() - started;

  assertJsonSafe(m);
  assertClose(m.periodsPerYear, 525_960, 'ppy', 1e-6); // one return a minute: 365.25 × 1440
  assertClose(m.beta, 0.8, 'beta', 0.01); // constructed with β = 0.8
  assert.ok(m.exposure !== null && Math.abs(m.exposure - 0.7) < 0.01, `exposure ${m.exposure}`);
  // Typically ~150 ms; the bound leaves room for a loaded CI machine.
  assert.ok(elapsedMs < 1000, `took ${elapsedMs.toFixed(0)} ms`);
});
