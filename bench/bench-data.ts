/**
 * The synthetic data every backtest benchmark uses: seeded random-walk one-minute bars,
 * so each run of the suite (and every peer) sees exactly the same prices.
 */
import { US } from '../src/core/clock.js';
import { generateRandomWalkBars } from '../src/data/generators/random-walk-bars.js';
import type { Bar } from '../src/model/data/bar.js';
import { instrumentId, type InstrumentId } from '../src/model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../src/model/instruments/instrument.js';
import { currency } from '../src/model/types/currency.js';

/** Account and quote currency of every benchmark instrument. */
export const BENCH_CURRENCY = currency('USD');
/** Starting cash: ample for qty 10 at any price the walks reach, so no order is refused for cash. */
export const BENCH_STARTING_CASH = 1_000_000;
export const BENCH_PRICE_PRECISION = 2;

/** A SmaCross parameter set: each throughput benchmark and its peers run once per profile, on the same data. */
export interface SmaProfile {
  readonly name: string;
  /** Appended to the names of the profile's entries ('' for the headline profile). */
  readonly suffix: string;
  readonly fast: number;
  readonly slow: number;
  readonly qty: number;
}

/**
 * The turnover profiles of the suite. `classic` is the 50/200 "golden cross": a few thousand
 * fills per 1,000,000 random-walk bars, so the cost per bar dominates. `high-turnover` (10/30)
 * fills about 39,000 times per 1,000,000 bars, which exposes the cost of every order and fill.
 */
export const SMA_PROFILES = {
  classic: { name: 'classic', suffix: '', fast: 50, slow: 200, qty: 10 },
  'high-turnover': { name: 'high-turnover', suffix: '-high-turnover', fast: 10, slow: 30, qty: 10 },
} as const satisfies Record<string, SmaProfile>;

export type SmaProfileName = keyof typeof SMA_PROFILES;

/** Every profile, headline (`classic`) first. */
export const ALL_SMA_PROFILES: readonly SmaProfile[] = Object.values(SMA_PROFILES);

/** The entry name of benchmark `base` run with `profile`, e.g. `sma-cross-1m-high-turnover`. */
export function profileEntryName(base: string, profile: SmaProfile): string {
  return `${base}${profile.suffix}`;
}

/** `SmaCross(fast 50, slow 200, qty 10)`, for the `measures` sentences. */
export function smaCrossLabel(profile: SmaProfile): string {
  return `SmaCross(fast ${profile.fast}, slow ${profile.slow}, qty ${profile.qty})`;
}

/** What every throughput entry's `details` says about its profile. */
export function profileDetails(profile: SmaProfile): Record<string, unknown> {
  return { profile: profile.name, sma: { fast: profile.fast, slow: profile.slow, qty: profile.qty } };
}

const START_US = Date.UTC(2024, 0, 1) * 1000;
const VOLATILITY = 0.001;
const START_PRICE = 100;

/** A benchmark instrument `SYM.SIM`: tick 0.01, lot 1, quoted in USD. */
export function benchInstrument(symbol: string): Instrument {
  return simpleInstrument(instrumentId(symbol, 'SIM'), BENCH_CURRENCY, BENCH_PRICE_PRECISION);
}

/** `count` one-minute bars of a random walk from 100 with volatility 0.001 per bar, starting 2024-01-01 UTC. */
export function benchBars(id: InstrumentId, count: number, seed: number): Bar[] {
  return generateRandomWalkBars({
    instrumentId: id,
    count,
    startUs: START_US,
    intervalUs: US.MINUTE,
    startPrice: START_PRICE,
    pricePrecision: BENCH_PRICE_PRECISION,
    volatility: VOLATILITY,
    drift: 0,
    seed,
  });
}

/** One instrument and its bars. */
export interface BenchStream {
  readonly instrument: Instrument;
  readonly bars: Bar[];
}

/** `instruments` instruments (`SYN0.SIM`, `SYN1.SIM`, ...) of `count` bars each: seeds `firstSeed`, `firstSeed + 1`, ..., same timestamps. */
export function benchStreams(instruments: number, count: number, firstSeed: number): BenchStream[] {
  return Array.from({ length: instruments }, (_, i) => {
    const instrument = benchInstrument(`SYN${i}`);
    return { instrument, bars: benchBars(instrument.id, count, firstSeed + i) };
  });
}
