/**
 * Synthetic OHLCV bars from a seeded geometric random walk: reproducible test and demo data.
 */
import { US } from '../../core/clock.js';
import { InputError } from '../../core/input-error.js';
import { SeededRandom } from '../../core/random.js';
import { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { MAX_PRECISION, POW10 } from '../../model/types/fixed-point.js';

/** Parameters of {@link generateRandomWalkBars}. */
export interface RandomWalkBarsOptions {
  readonly instrumentId: InstrumentId;
  /** Number of bars. */
  readonly count: number;
  /** Timestamp of the first bar, µs since the epoch. */
  readonly startUs: number;
  /** Time between consecutive bars, µs (e.g. `US.DAY`). */
  readonly intervalUs: number;
  /** Open of the first bar. */
  readonly startPrice: number;
  /** Decimals of prices; every price is a multiple of the tick 10^-pricePrecision. */
  readonly pricePrecision: number;
  /** Standard deviation of the log return per bar (0.01 = 1%). */
  readonly volatility: number;
  /** Mean log return per bar (0.0003 ≈ +7.8% over 252 bars); may be negative. */
  readonly drift: number;
  /** Seed of the pseudo-random generator: the same seed gives the same bars. */
  readonly seed: number;
  /** Average volume per bar (whole units); default 1,000,000. */
  readonly meanVolume?: number;
  /** Skip timestamps falling on a Saturday or Sunday (UTC), for daily bars of stock-like data. */
  readonly weekdaysOnly?: boolean;
}

/**
 * Generates bars of a geometric random walk, deterministically from `seed`.
 *
 * Each bar: close = previous close × exp(drift + volatility × N(0,1)), rounded to the tick;
 * open = previous close (the first open is `startPrice`); high and low extend beyond
 * max/min(open, close) by a uniform random fraction of up to `volatility`; volume is a random
 * integer around `meanVolume`, larger on bigger moves. Every price is strictly positive (at least
 * one tick) and on the tick grid, and low ≤ open, close ≤ high.
 *
 * @throws InputError when an option is out of range
 */
export function generateRandomWalkBars(options: RandomWalkBarsOptions): Bar[] {
  validate(options);
  const { instrumentId, count, startUs, intervalUs, startPrice, pricePrecision, volatility, drift, seed } = options;
  const meanVolume = options.meanVolume ?? 1_000_000;
  const weekdaysOnly = options.weekdaysOnly ?? false;
  const scale = POW10[pricePrecision];
  const random = new SeededRandom(seed);

  const bars = new Array<Bar>(count);
  let level = startPrice;
  let prevClose = Math.max(1, Math.round(startPrice * scale));
  let ts = startUs;
  for (let i = 0; i < count; i++) {
    if (weekdaysOnly) {
      while (isWeekend(ts)) ts += intervalUs;
    }
    const z = random.normal();
    level *= Math.exp(drift + volatility * z);
    const open = prevClose;
    const close = Math.max(1, Math.round(level * scale));
    const top = open > close ? open : close;
    const bottom = open < close ? open : close;
    const high = Math.max(top, Math.round(top * (1 + volatility * random.next())));
    const low = Math.max(1, Math.min(bottom, Math.round(bottom * (1 - volatility * random.next()))));
    if (high > Number.MAX_SAFE_INTEGER) {
      throw new InputError(
        `the random walk grew past the largest exact price at ${pricePrecision} decimals after ${i} bars; lower count, volatility, drift or pricePrecision`,
      );
    }
    const volume = Math.round(meanVolume * (0.5 + random.next()) * (0.75 + 0.25 * Math.abs(z)));
    bars[i] = new Bar(instrumentId, open, high, low, close, pricePrecision, volume, 0, ts, ts);
    prevClose = close;
    ts += intervalUs;
  }
  return bars;
}

/** True when `us` falls on a Saturday or Sunday, UTC. */
function isWeekend(us: number): boolean {
  const weekday = (((Math.floor(us / US.DAY) + 4) % 7) + 7) % 7; // 0 = Sunday; 1970-01-01 was a Thursday
  return weekday === 0 || weekday === 6;
}

function validate(o: RandomWalkBarsOptions): void {
  const fail = (option: string, why: string): never => {
    throw new InputError(`${option} ${why}`);
  };
  if (!Number.isSafeInteger(o.count) || o.count < 0) fail('count', `must be a non-negative integer, got ${o.count}`);
  if (!Number.isSafeInteger(o.startUs)) fail('startUs', `must be an integer timestamp in µs, got ${o.startUs}`);
  if (!Number.isSafeInteger(o.intervalUs) || o.intervalUs <= 0) {
    fail('intervalUs', `must be a positive integer number of µs, got ${o.intervalUs}`);
  }
  if (!Number.isSafeInteger(o.startUs + o.intervalUs * o.count * (o.weekdaysOnly ? 2 : 1))) {
    fail('count', 'times intervalUs runs past the largest representable timestamp');
  }
  if (!Number.isInteger(o.pricePrecision) || o.pricePrecision < 0 || o.pricePrecision > MAX_PRECISION) {
    fail('pricePrecision', `must be an integer 0..${MAX_PRECISION}, got ${o.pricePrecision}`);
  }
  if (!Number.isFinite(o.startPrice) || o.startPrice <= 0) fail('startPrice', `must be positive, got ${o.startPrice}`);
  if (!Number.isSafeInteger(Math.round(o.startPrice * POW10[o.pricePrecision]))) {
    fail('startPrice', `is too large at ${o.pricePrecision} decimals`);
  }
  if (!Number.isFinite(o.volatility) || o.volatility < 0 || o.volatility >= 1) {
    fail('volatility', `must be a fraction in [0, 1), got ${o.volatility}`);
  }
  if (!Number.isFinite(o.drift)) fail('drift', `must be a finite number, got ${o.drift}`);
  if (!Number.isInteger(o.seed)) fail('seed', `must be an integer, got ${o.seed}`);
  const meanVolume = o.meanVolume ?? 1_000_000;
  if (!Number.isFinite(meanVolume) || meanVolume < 0 || meanVolume > 1e12) {
    fail('meanVolume', `must be between 0 and 1e12, got ${meanVolume}`);
  }
}
