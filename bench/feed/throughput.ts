/**
 * Throughput of the whole path (path.ts) over pre-generated messages, and where the time goes:
 * the same messages through growing prefixes of the path, each timed alone, so the difference
 * between two prefixes is what the added stage costs per message.
 */
import { binanceTradeReader, binanceTradeReceiver } from '../../src/adapters/ccxt/binance-trade-message.js';
import { binanceTradeScanner } from '../../src/adapters/ccxt/binance-trade-scan.js';
import { LiveClock } from '../../src/core/clock.js';
import { createBarAggregator } from '../../src/data/aggregation/create-bar-aggregator.js';
import type { FeedEvent } from '../../src/data/feed/feed-event.js';
import { FeedPipeline } from '../../src/data/feed/feed-pipeline.js';
import { performance } from 'node:perf_hooks';
import { bestOf, collectGarbage, log, round, type Timing } from '../measure.js';
import { BTCUSDT } from './messages.js';
import { CountingStrategy, createFeedPath, type FeedPath } from './path.js';
import { CCXT_STAGE, ccxtBinanceTradeParser } from './ccxt-peer.js';

/** What one run of the full path delivered, checked against what the messages should give. */
export interface PathCounts {
  readonly trades: number;
  readonly bars: number;
  readonly duplicates: number;
  readonly malformed: number;
  readonly invalid: number;
  readonly queueHighWater: number;
}

/** Times the full path over `texts`: best of `repetitions` after `warmups`, each on a fresh path. */
export function timeFullPath(
  texts: readonly string[],
  repetitions: number,
  warmups: number,
): Timing<PathCounts> {
  return bestOf(
    {
      repetitions,
      warmups,
      label: 'feed full path',
      setup: (): { path: FeedPath; strategy: CountingStrategy } => {
        const strategy = new CountingStrategy();
        return { path: createFeedPath(strategy), strategy };
      },
    },
    ({ path, strategy }) => {
      const receive = path.receive;
      for (let i = 0; i < texts.length; i++) receive(texts[i]);
      const health = path.pipeline.health();
      return {
        trades: strategy.trades,
        bars: strategy.bars,
        duplicates: health.duplicates,
        malformed: health.malformed,
        invalid: Object.values(health.invalid).reduce((a, b) => a + (b ?? 0), 0),
        queueHighWater: health.queue.highWater,
      };
    },
  );
}

/** A prefix of the path: builds a fresh per-message function. */
interface Stage {
  readonly name: string;
  readonly create: () => (text: string) => unknown;
}

const noop = (): void => {};

/** The prefixes, shortest first (the full path, with the kernel and strategy, comes after them). */
const STAGES: readonly Stage[] = [
  {
    name: 'scanner → TradeTick (clock read, exact Price/Quantity)',
    create: () => {
      const clock = new LiveClock();
      const scan = binanceTradeScanner(BTCUSDT);
      return (text) => scan(text, clock.timestampUs());
    },
  },
  {
    name: '+ FeedPipeline and drain',
    create: () => {
      const clock = new LiveClock();
      const pipeline = new FeedPipeline({ clock });
      const deliver = binanceTradeReceiver(BTCUSDT, pipeline);
      return (text) => {
        deliver(text, clock.timestampUs());
        pipeline.drain(noop);
      };
    },
  },
  {
    name: '+ 1-minute bar aggregator',
    create: () => {
      const clock = new LiveClock();
      const pipeline = new FeedPipeline({ clock });
      const deliver = binanceTradeReceiver(BTCUSDT, pipeline);
      const aggregator = createBarAggregator(BTCUSDT.instrumentId, '1m', noop);
      const handle = (event: FeedEvent): void => {
        if (event.type === 'trade') aggregator.handleTrade(event.data);
      };
      return (text) => {
        deliver(text, clock.timestampUs());
        pipeline.drain(handle);
      };
    },
  },
];

/**
 * Not prefixes: the general way the receiver takes for messages the scanner leaves (the cost a
 * message in another form pays), and ccxt's own handling of the same text (`JSON.parse` and its
 * Binance `parseWsTrade`, floats and all): what ccxt spends on each message before a client
 * built on it sees a trade.
 */
const ALTERNATIVES: readonly Stage[] = [
  {
    name: 'general way: JSON.parse + shape check → TradeTick',
    create: () => {
      const clock = new LiveClock();
      const read = binanceTradeReader(BTCUSDT);
      return (text) => read(JSON.parse(text), clock.timestampUs());
    },
  },
  { name: CCXT_STAGE, create: ccxtBinanceTradeParser },
];

/** One row of the breakdown. */
export interface StageCost {
  readonly stage: string;
  /** Best time per message of the prefix ending with this stage. */
  readonly cumulativeNs: number;
  /** What this stage adds to the prefix before it; null for the alternatives (not prefixes). */
  readonly addedNs: number | null;
}

/**
 * Times each prefix and the full path over the first `count` messages, round-robin (one
 * untimed round, then `rounds` timed ones), and keeps each one's best. Taking turns spreads a
 * busy machine's noise over all of them instead of billing it to whichever ran during a burst.
 * Run after the full-path and latency measurements: the prefixes share functions with the path
 * (the queue's `drain` sees several handlers here), which would leave it different type feedback.
 */
export function breakdown(texts: readonly string[], count: number, rounds: number): StageCost[] {
  const stages: Stage[] = [
    ...STAGES,
    {
      name: '+ Kernel dispatch to the strategy (the full path)',
      create: () => createFeedPath(new CountingStrategy()).receive,
    },
    ...ALTERNATIVES,
  ];
  const best = stages.map(() => Infinity);
  for (let r = 0; r <= rounds; r++) {
    stages.forEach((stage, k) => {
      const step = stage.create();
      collectGarbage();
      const t0 = performance.now();
      for (let i = 0; i < count; i++) step(texts[i]);
      const ns = ((performance.now() - t0) * 1e6) / count;
      if (r > 0) best[k] = Math.min(best[k], ns);
    });
    log(`feed breakdown: round ${r}/${rounds}${r === 0 ? ' (warm-up)' : ''}`);
  }
  const prefixes = STAGES.length + 1;
  return stages.map((stage, k) => ({
    stage: stage.name,
    cumulativeNs: round(best[k], 3),
    addedNs: k >= prefixes ? null : round(k === 0 ? best[k] : best[k] - best[k - 1], 3),
  }));
}
