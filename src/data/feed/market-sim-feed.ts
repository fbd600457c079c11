import { BookUpdate, BookUpdateAction, type BookLevelUpdate } from '../../model/data/book-update.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { BookLevel } from '../../matching/book/book-types.js';
import { defaultSimulationConfig } from '../../matching/simulator/config.js';
import { runSimulation } from '../../matching/simulator/market-simulator.js';
import { createOrderBook } from '../../matching/simulator/order-book-factory.js';
import { buildPopulationAgents, historyNeededUs } from '../../matching/simulator/population-agents.js';
import type { L2Snapshot, SimTrade } from '../../matching/simulator/sim-types.js';
import { DataKind, type DataSink, type Subscription } from './data-client.js';
import { hashSeed, SimLatency } from './sim-latency.js';
import { TimelineClient, type TimelineClientOptions, type TimelineItem } from './timeline-client.js';

/** Settings of {@link MarketSimFeed}. */
export interface MarketSimFeedOptions extends TimelineClientOptions {
  readonly instruments: readonly InstrumentId[];
  readonly seed?: number;
  readonly venue?: string;
  /** Length of the simulated session in µs (the simulator runs it up front; default 10 min). */
  readonly durationUs?: number;
  /** Seconds between L2 pictures (default 0.25). */
  readonly snapshotIntervalSeconds?: number;
  /** Levels per side (default 5). */
  readonly levels?: number;
}

interface SimItem extends TimelineItem {
  readonly sentUs: number;
  readonly trade?: SimTrade;
  readonly snapshot?: L2Snapshot;
}

/** Tick size of the simulator's default instrument (0.01): prices are ticks at precision 2. */
const PRICE_PRECISION = 2;

/**
 * A simulated venue driven by the agent-based exchange simulator (docs/simulator.md): its trades
 * become trade ticks, its periodic L2 pictures become quotes (top of book) and order book
 * updates — a snapshot first (and after {@link requestBookSnapshot}), then deltas computed
 * between consecutive pictures, with sequence numbers, as a real depth stream sends them.
 *
 * Each instrument is its own market, seeded from the seed and its name. The simulator runs the
 * whole session when the client connects (ten minutes take well under a second); the events are
 * then played by the clock like any timeline.
 */
export class MarketSimFeed extends TimelineClient<SimItem> {
  readonly venue: string;
  protected readonly kinds = [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK] as const;
  readonly #options: MarketSimFeedOptions;
  /** Per instrument: last picture sent on the book stream, its sequence, and whether a snapshot is owed. */
  readonly #books = new Map<InstrumentId, { last?: L2Snapshot; sequence: number; needSnapshot: boolean }>();

  constructor(options: MarketSimFeedOptions) {
    super(options);
    this.venue = options.venue ?? 'SIM';
    this.#options = options;
  }

  override requestBookSnapshot(id: InstrumentId): void {
    const book = this.#books.get(id);
    if (book !== undefined) book.needSnapshot = true;
  }

  protected override onSubscribed(s: Subscription): void {
    if (s.kind === DataKind.BOOK) this.#books.set(s.instrumentId, { sequence: 0, needSnapshot: true });
  }

  protected hasInstrument(id: InstrumentId): boolean {
    return this.#options.instruments.includes(id);
  }

  protected *timeline(): Iterator<SimItem> {
    const o = this.#options;
    const seed = o.seed ?? 1;
    const items: Omit<SimItem, 'deliverUs'>[] = [];
    for (const id of o.instruments) {
      const base = defaultSimulationConfig();
      const config = {
        ...base,
        seed: hashSeed(seed, id) & 0x7fffffff,
        snapshots: { interval: o.snapshotIntervalSeconds ?? 0.25, levels: o.levels ?? 5 },
      };
      const start = config.startTime;
      runSimulation({
        config,
        bookFactory: createOrderBook,
        durationUs: o.durationUs ?? 600_000_000,
        agents: buildPopulationAgents(config),
        historyUs: historyNeededUs(config),
        recorder: {
          trade: (trade) => items.push({ instrumentId: id, kind: DataKind.TRADES, sentUs: trade.time - start, trade }),
          snapshot: (snapshot) => {
            const sentUs = snapshot.time - start;
            items.push({ instrumentId: id, kind: DataKind.BOOK, sentUs, snapshot });
            if (snapshot.bids.length > 0 && snapshot.asks.length > 0)
              items.push({ instrumentId: id, kind: DataKind.QUOTES, sentUs, snapshot });
          },
        },
      });
    }
    // Stable sort: simultaneous events keep instrument order, then the simulator's own order.
    items.sort((a, b) => a.sentUs - b.sentUs);
    const latency = new SimLatency(seed);
    for (const item of items) yield { ...item, deliverUs: latency.deliverAt(item.sentUs) };
  }

  protected emit(item: SimItem, sink: DataSink): void {
    const tsEvent = this.startUs + item.sentUs;
    const tsInit = this.clock.timestampUs();
    const id = item.instrumentId;
    if (item.trade !== undefined) {
      const t = item.trade;
      sink.onTrade(
        new TradeTick(
          id,
          Price.fromRaw(t.price, PRICE_PRECISION),
          Quantity.fromRaw(t.quantity, 0),
          t.aggressor === 'BUY' ? AggressorSide.BUYER : AggressorSide.SELLER,
          String(t.tradeId) as TradeId,
          tsEvent,
          tsInit,
        ),
      );
      return;
    }
    const snap = item.snapshot!;
    if (item.kind === DataKind.QUOTES) {
      const bid = snap.bids[0];
      const ask = snap.asks[0];
      sink.onQuote(new QuoteTick(id, price(bid), price(ask), size(bid), size(ask), tsEvent, tsInit));
      return;
    }
    const book = this.#books.get(id);
    if (book === undefined) return;
    const sequence = ++book.sequence;
    if (book.needSnapshot || book.last === undefined) {
      book.needSnapshot = false;
      sink.onBookUpdate(
        new BookUpdate(id, BookUpdateAction.SNAPSHOT, levels(snap.bids), levels(snap.asks), sequence, sequence, tsEvent, tsInit),
      );
    } else {
      sink.onBookUpdate(
        new BookUpdate(
          id,
          BookUpdateAction.DELTA,
          diff(book.last.bids, snap.bids),
          diff(book.last.asks, snap.asks),
          sequence,
          sequence,
          tsEvent,
          tsInit,
        ),
      );
    }
    book.last = snap;
  }
}

const price = (l: BookLevel): Price => Price.fromRaw(l.price, PRICE_PRECISION);
const size = (l: BookLevel): Quantity => Quantity.fromRaw(l.quantity, 0);
const levels = (side: readonly BookLevel[]): BookLevelUpdate[] => side.map((l) => ({ price: price(l), size: size(l) }));

/** The level changes turning `before` into `after`: new sizes, and size 0 for levels gone. */
function diff(before: readonly BookLevel[], after: readonly BookLevel[]): BookLevelUpdate[] {
  const now = new Map(after.map((l) => [l.price, l.quantity]));
  const changes: BookLevelUpdate[] = [];
  for (const l of before) if (!now.has(l.price)) changes.push({ price: price(l), size: Quantity.fromRaw(0, 0) });
  const was = new Map(before.map((l) => [l.price, l.quantity]));
  for (const l of after) if (was.get(l.price) !== l.quantity) changes.push({ price: price(l), size: size(l) });
  return changes;
}
