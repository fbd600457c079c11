/**
 * The synthetic sample dataset shipped in `data/sample/` for the quick start: daily bars of three
 * made-up index-fund-like instruments, two years of weekdays each, with a few clear up and down
 * trends so that a moving-average crossover has something to trade.
 *
 * The data is generated, not recorded: it resembles no real market. `data/sample/` is written from
 * these definitions (see `src/adapters/csv/write-sample-dataset.ts`) and a test checks that the
 * files still match them.
 */
import { US } from '../../core/clock.js';
import type { Bar } from '../../model/data/bar.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { generateRandomWalkBars } from './random-walk-bars.js';

/** A stretch of bars with one drift. */
export interface TrendRegime {
  /** Number of bars. */
  readonly bars: number;
  /** Mean log return per bar. */
  readonly drift: number;
}

/** One instrument of the sample dataset. */
export interface SampleSeries {
  /** Symbol; the file is `<symbol lowercased>.csv` and the instrument `<SYMBOL>.SIM`. */
  readonly symbol: string;
  readonly startPrice: number;
  /** Daily volatility (standard deviation of the log return). */
  readonly volatility: number;
  readonly meanVolume: number;
  readonly seed: number;
  /** Consecutive trend regimes; their bar counts add up to {@link SAMPLE_BAR_COUNT}. */
  readonly regimes: readonly TrendRegime[];
}

/** Venue of the sample instruments. */
export const SAMPLE_VENUE = 'SIM';
/** First bar: Monday 2023-01-02, midnight UTC. */
export const SAMPLE_START_US = 1_672_617_600 * US.SECOND;
/** Bars per series: about two years of weekdays. */
export const SAMPLE_BAR_COUNT = 504;
/** Decimals of sample prices (tick 0.01). */
export const SAMPLE_PRICE_PRECISION = 2;

/**
 * The sample series. Regimes alternate up and down trends; seeds were picked so that an
 * SMA(10, 30) crossover changes direction 7 or 8 times per series over the two years.
 */
export const SAMPLE_SERIES: readonly SampleSeries[] = [
  {
    symbol: 'SPY',
    startPrice: 384.5,
    volatility: 0.009,
    meanVolume: 80_000_000,
    seed: 203,
    regimes: [
      { bars: 90, drift: 0.0016 },
      { bars: 60, drift: -0.002 },
      { bars: 120, drift: 0.0012 },
      { bars: 70, drift: -0.0016 },
      { bars: 164, drift: 0.001 },
    ],
  },
  {
    symbol: 'QQQ',
    startPrice: 268.25,
    volatility: 0.013,
    meanVolume: 45_000_000,
    seed: 287,
    regimes: [
      { bars: 110, drift: 0.002 },
      { bars: 75, drift: -0.0026 },
      { bars: 95, drift: 0.0018 },
      { bars: 60, drift: -0.0026 },
      { bars: 164, drift: 0.0014 },
    ],
  },
  {
    symbol: 'IWM',
    startPrice: 171.8,
    volatility: 0.014,
    meanVolume: 30_000_000,
    seed: 1764,
    regimes: [
      { bars: 70, drift: -0.0018 },
      { bars: 100, drift: 0.002 },
      { bars: 80, drift: -0.0022 },
      { bars: 130, drift: 0.0018 },
      { bars: 124, drift: -0.001 },
    ],
  },
];

/**
 * The bars of one sample series: its regimes chained, each a seeded random walk starting at the
 * previous regime's last close, on weekdays only.
 */
export function generateSampleBars(series: SampleSeries): Bar[] {
  const id = instrumentId(series.symbol, SAMPLE_VENUE);
  const bars: Bar[] = [];
  let startPrice = series.startPrice;
  let startUs = SAMPLE_START_US;
  series.regimes.forEach((regime, index) => {
    const segment = generateRandomWalkBars({
      instrumentId: id,
      count: regime.bars,
      startUs,
      intervalUs: US.DAY,
      startPrice,
      pricePrecision: SAMPLE_PRICE_PRECISION,
      volatility: series.volatility,
      drift: regime.drift,
      seed: series.seed + index,
      meanVolume: series.meanVolume,
      weekdaysOnly: true,
    });
    if (segment.length === 0) return;
    const last = segment[segment.length - 1];
    startPrice = last.close.asNumber();
    startUs = last.tsEvent + US.DAY;
    bars.push(...segment);
  });
  return bars;
}
