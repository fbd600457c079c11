import { SeededRandom } from '../../core/random.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { DataKind, type DataSink } from './data-client.js';
import { hashSeed, SimLatency } from './sim-latency.js';
import { TimelineClient, type TimelineClientOptions, type TimelineItem } from './timeline-client.js';

/** Settings of {@link RandomWalkFeed}. Prices in ticks of 10^-pricePrecision. */
export interface RandomWalkFeedOptions extends TimelineClientOptions {
  readonly instruments: readonly InstrumentId[];
  readonly seed?: number;
  /** Venue name reported (default `SIM`). */
  readonly venue?: string;
  /** Starting mid in ticks (default 10,000: 100.00 at precision 2). */
  readonly startTicks?: number;
  readonly pricePrecision?: number;
  /** Events (trades + quotes) per second per instrument (default 20). */
  readonly eventsPerSecond?: number;
  /** Share of events that are trades (default 0.3). */
  readonly tradeShare?: number;
  /** Volatility of the mid, ticks per √second (default 5). */
  readonly volatility?: number;
  /** Length of the timeline in µs (default: endless). */
  readonly durationUs?: number;
}

interface WalkItem extends TimelineItem {
  readonly sentUs: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  /** Trades only. */
  readonly price?: number;
  readonly size?: number;
  readonly aggressor?: AggressorSide;
  readonly tradeId?: number;
}

interface Walk {
  readonly id: InstrumentId;
  readonly random: SeededRandom;
  mid: number;
  nextUs: number;
  trades: number;
}

/**
 * A simulated venue with a random walk per instrument: quotes (two to four ticks wide) and
 * trades at the touch. Each instrument draws from its own stream, derived from the seed and its
 * name, so adding an instrument does not change the others. Seeded and deterministic; run it on a
 * TestClock for as-fast-as-possible playback, on a LiveClock in real time.
 */
export class RandomWalkFeed extends TimelineClient<WalkItem> {
  readonly venue: string;
  protected readonly kinds = [DataKind.TRADES, DataKind.QUOTES] as const;
  readonly #o: Required<Omit<RandomWalkFeedOptions, keyof TimelineClientOptions | 'durationUs'>> & {
    durationUs: number;
  };

  constructor(options: RandomWalkFeedOptions) {
    super(options);
    this.venue = options.venue ?? 'SIM';
    this.#o = {
      instruments: options.instruments,
      seed: options.seed ?? 1,
      venue: this.venue,
      startTicks: options.startTicks ?? 10_000,
      pricePrecision: options.pricePrecision ?? 2,
      eventsPerSecond: options.eventsPerSecond ?? 20,
      tradeShare: options.tradeShare ?? 0.3,
      volatility: options.volatility ?? 5,
      durationUs: options.durationUs ?? Infinity,
    };
  }

  protected hasInstrument(id: InstrumentId): boolean {
    return this.#o.instruments.includes(id);
  }

  protected *timeline(): Iterator<WalkItem> {
    const o = this.#o;
    const latency = new SimLatency(o.seed);
    const meanGapUs = 1e6 / o.eventsPerSecond;
    const walks: Walk[] = o.instruments.map((id) => {
      const random = new SeededRandom(hashSeed(o.seed, id));
      return { id, random, mid: o.startTicks, nextUs: Math.round(-Math.log(1 - random.next()) * meanGapUs), trades: 0 };
    });
    for (;;) {
      let walk: Walk | undefined;
      for (const w of walks) if (walk === undefined || w.nextUs < walk.nextUs) walk = w;
      if (walk === undefined || walk.nextUs > o.durationUs) return;
      const sentUs = walk.nextUs;
      const r = walk.random;
      const gapUs = Math.max(1, Math.round(-Math.log(1 - r.next()) * meanGapUs));
      walk.nextUs = sentUs + gapUs;
      walk.mid = Math.max(2, walk.mid + r.normal() * o.volatility * Math.sqrt(gapUs / 1e6));
      const half = 1 + Math.floor(r.next() * 2); // half-spread of 1–2 ticks
      const bid = Math.round(walk.mid) - half;
      const ask = Math.round(walk.mid) + half;
      const bidSize = 1 + Math.floor(r.next() * 50);
      const askSize = 1 + Math.floor(r.next() * 50);
      const base = { instrumentId: walk.id, sentUs, deliverUs: latency.deliverAt(sentUs), bid, ask, bidSize, askSize };
      if (r.next() < o.tradeShare) {
        const buy = r.next() < 0.5;
        yield {
          ...base,
          kind: DataKind.TRADES,
          price: buy ? ask : bid,
          size: 1 + Math.floor(r.next() * 10),
          aggressor: buy ? AggressorSide.BUYER : AggressorSide.SELLER,
          tradeId: ++walk.trades,
        };
      } else yield { ...base, kind: DataKind.QUOTES };
    }
  }

  protected emit(item: WalkItem, sink: DataSink): void {
    const p = this.#o.pricePrecision;
    const tsEvent = this.startUs + item.sentUs;
    const tsInit = this.clock.timestampUs();
    if (item.kind === DataKind.TRADES)
      sink.onTrade(
        new TradeTick(
          item.instrumentId,
          Price.fromRaw(item.price!, p),
          Quantity.fromRaw(item.size!, 0),
          item.aggressor!,
          String(item.tradeId) as TradeId,
          tsEvent,
          tsInit,
        ),
      );
    else
      sink.onQuote(
        new QuoteTick(
          item.instrumentId,
          Price.fromRaw(item.bid, p),
          Price.fromRaw(item.ask, p),
          Quantity.fromRaw(item.bidSize, 0),
          Quantity.fromRaw(item.askSize, 0),
          tsEvent,
          tsInit,
        ),
      );
  }
}
