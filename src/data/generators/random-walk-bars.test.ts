import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { InputError } from '../../core/input-error.js';
import { ohlcProblem, type Bar } from '../../model/data/bar.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { generateRandomWalkBars, type RandomWalkBarsOptions } from './random-walk-bars.js';

const BASE: RandomWalkBarsOptions = {
  instrumentId: instrumentId('WALK', 'SIM'),
  count: 5000,
  startUs: 1_704_153_600 * US.SECOND,
  intervalUs: US.MINUTE,
  startPrice: 100,
  pricePrecision: 2,
  volatility: 0.002,
  drift: 0,
  seed: 42,
};

const snapshot = (bars: readonly Bar[]): string[] =>
  bars.map((b) => `${b.tsEvent},${b.open},${b.high},${b.low},${b.close},${b.volume}`);

test('deterministic: the same seed gives identical bars, another seed different ones', () => {
  const a = generateRandomWalkBars(BASE);
  const b = generateRandomWalkBars(BASE);
  assert.deepEqual(snapshot(a), snapshot(b));
  const c = generateRandomWalkBars({ ...BASE, seed: 43 });
  assert.notDeepEqual(snapshot(a).slice(1), snapshot(c).slice(1));
  assert.ok(snapshot(a).filter((line, i) => line === snapshot(c)[i]).length < 10);
  // A prefix is stable: fewer bars are the start of more bars.
  assert.deepEqual(snapshot(generateRandomWalkBars({ ...BASE, count: 100 })), snapshot(a).slice(0, 100));
});

test('bars are valid: OHLC consistent, positive, on the tick, open = previous close, evenly spaced', () => {
  for (const options of [
    BASE,
    { ...BASE, pricePrecision: 0, startPrice: 3, volatility: 0.3, seed: 7 }, // hits the 1-tick floor
    { ...BASE, pricePrecision: 5, startPrice: 1.1, volatility: 0.0005, drift: -0.0001, seed: 8 },
    { ...BASE, volatility: 0, drift: 0.001, seed: 9 },
  ]) {
    const bars = generateRandomWalkBars(options);
    assert.equal(bars.length, options.count);
    assert.equal(bars[0].open.raw, Math.round(options.startPrice * 10 ** options.pricePrecision));
    bars.forEach((bar, i) => {
      assert.equal(bar.instrumentId, 'WALK.SIM');
      assert.equal(ohlcProblem(bar.open, bar.high, bar.low, bar.close), undefined, `bar ${i}`);
      for (const p of [bar.open, bar.high, bar.low, bar.close]) {
        assert.equal(p.precision, options.pricePrecision);
        assert.ok(Number.isSafeInteger(p.raw) && p.raw >= 1, `bar ${i}: ${p}`);
      }
      assert.equal(bar.volume.precision, 0);
      assert.ok(Number.isSafeInteger(bar.volume.raw) && bar.volume.raw >= 0);
      assert.equal(bar.tsEvent, options.startUs + i * options.intervalUs);
      assert.equal(bar.tsInit, bar.tsEvent);
      if (i > 0) assert.ok(bar.open.equals(bars[i - 1].close), `bar ${i} opens at the previous close`);
    });
  }
});

test('the walk has the requested volatility and drift, roughly', () => {
  const bars = generateRandomWalkBars({ ...BASE, count: 20_000, startPrice: 1000, pricePrecision: 4, volatility: 0.01, drift: 0.0005 });
  const returns = bars.map((b) => Math.log(b.close.asNumber() / b.open.asNumber()));
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / returns.length);
  assert.ok(Math.abs(sd - 0.01) < 0.0005, `sd ${sd}`);
  assert.ok(Math.abs(mean - 0.0005) < 0.0003, `mean ${mean}`);
  const volumes = bars.map((b) => b.volume.raw);
  const meanVolume = volumes.reduce((a, b) => a + b, 0) / volumes.length;
  assert.ok(meanVolume > 800_000 && meanVolume < 1_300_000, `mean volume ${meanVolume}`);
});

test('weekdaysOnly skips Saturdays and Sundays (UTC)', () => {
  const bars = generateRandomWalkBars({ ...BASE, count: 30, intervalUs: US.DAY, weekdaysOnly: true, startUs: 1_704_585_600 * US.SECOND }); // Sat 2024-01-06
  const weekdays = bars.map((b) => (Math.floor(b.tsEvent / US.DAY) + 4) % 7);
  assert.ok(weekdays.every((d) => d >= 1 && d <= 5));
  assert.equal(weekdays[0], 1); // first bar on Monday 2024-01-08
  assert.equal(bars[0].tsEvent, 1_704_672_000 * US.SECOND);
  assert.equal(bars[5].tsEvent - bars[4].tsEvent, 3 * US.DAY); // Friday → Monday
});

test('count 0 gives no bars; out-of-range options are InputErrors', () => {
  assert.deepEqual(generateRandomWalkBars({ ...BASE, count: 0 }), []);
  const bad: Array<[Partial<RandomWalkBarsOptions>, RegExp]> = [
    [{ count: -1 }, /count must be a non-negative integer/],
    [{ count: 1.5 }, /count must be/],
    [{ intervalUs: 0 }, /intervalUs must be a positive integer/],
    [{ startUs: 0.5 }, /startUs must be an integer/],
    [{ startPrice: 0 }, /startPrice must be positive/],
    [{ startPrice: Number.NaN }, /startPrice must be positive/],
    [{ startPrice: 1e15 }, /startPrice is too large/],
    [{ pricePrecision: 17 }, /pricePrecision must be an integer 0..16/],
    [{ volatility: -0.1 }, /volatility must be a fraction/],
    [{ volatility: 1 }, /volatility must be a fraction/],
    [{ drift: Number.POSITIVE_INFINITY }, /drift must be a finite number/],
    [{ seed: 1.5 }, /seed must be an integer/],
    [{ meanVolume: -1 }, /meanVolume must be between/],
    [{ count: 1e9, intervalUs: US.DAY }, /runs past the largest representable timestamp/],
  ];
  for (const [override, pattern] of bad) {
    assert.throws(() => generateRandomWalkBars({ ...BASE, ...override }), (e: unknown) => e instanceof InputError && pattern.test(e.message), JSON.stringify(override));
  }
  assert.throws(
    () => generateRandomWalkBars({ ...BASE, count: 100_000, startPrice: 1e9, pricePrecision: 6, drift: 0.01, volatility: 0 }),
    /grew past the largest exact price/,
  );
});

test('1,000,000 bars in about a second', () => {
  const start = performance.now();
  const bars = generateRandomWalkBars({ ...BASE, count: 1_000_000 });
  const ms = performance.now() - start;
  assert.equal(bars.length, 1_000_000);
  assert.ok(ms < 5000, `${ms} ms`); // generous bound for slow CI machines; typically ~0.5 s
});
