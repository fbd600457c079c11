import type { Clock } from '../../core/clock.js';
import type { Bar } from '../../model/data/bar.js';
import type { BookUpdate } from '../../model/data/book-update.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { FeedStatus, type DataClient, type DataSink } from './data-client.js';
import { DuplicateFilter } from './duplicate-filter.js';
import { EventValidator, type InvalidReason } from './event-validator.js';
import type { FeedEventHandler } from './feed-event.js';
import type { FeedHealth } from './feed-health.js';
import { FeedQueue } from './feed-queue.js';
import { LatencyStats } from './latency-stats.js';
import { MalformedLog } from './malformed-log.js';
import { RateMeter } from './rate-meter.js';
import { SequenceTracker, SequenceVerdict } from './sequence-tracker.js';
import { StalenessMonitor } from './staleness-monitor.js';

/** Settings of a {@link FeedPipeline}. */
export interface FeedPipelineOptions {
  readonly clock: Clock;
  /** Soft capacity of the queue (default 10,000). */
  readonly queueCapacity?: number;
  /** An instrument silent this long is stale (default 10 s). */
  readonly staleAfterUs?: number;
  /** Trade ids remembered per instrument for duplicate suppression (default 10,000). */
  readonly duplicateWindow?: number;
  /** How far ahead of receipt a venue timestamp may be (default 5 s). */
  readonly maxFutureUs?: number;
  /** Log lines (one per malformed kind, validation problems once per reason, status changes). */
  readonly log?: (line: string) => void;
}

/**
 * The sink every client pushes into: the resilience checks shared by all venues, then the bounded
 * queue the kernel drains. In order, per event: count it and its latency, mark the instrument
 * alive, validate (invalid events are counted, not passed on), drop duplicate trades, check book
 * sequences (a gap asks the client for a snapshot), then queue.
 *
 * Socket side: the client calls the {@link DataSink} methods. Kernel side: {@link drain}.
 */
export class FeedPipeline implements DataSink {
  readonly queue: FeedQueue;
  readonly staleness: StalenessMonitor;
  readonly malformedLog: MalformedLog;

  readonly #clock: Clock;
  readonly #validator: EventValidator;
  readonly #duplicates: DuplicateFilter;
  readonly #sequences = new SequenceTracker();
  readonly #latency = new LatencyStats();
  readonly #rate = new RateMeter();
  readonly #invalid: Partial<Record<InvalidReason, number>> = {};
  readonly #log: (line: string) => void;
  #client: DataClient | undefined;
  #status: FeedStatus = FeedStatus.DISCONNECTED;
  #messages = 0;
  #gaps = 0;
  #snapshotRequests = 0;
  #reconnects = 0;
  #duplicateCount = 0;
  #staleBook = 0;
  #everConnected = false;

  constructor(options: FeedPipelineOptions) {
    this.#clock = options.clock;
    this.queue = new FeedQueue(options.queueCapacity);
    this.staleness = new StalenessMonitor(options.clock, options.staleAfterUs ?? 10_000_000);
    this.#duplicates = new DuplicateFilter(options.duplicateWindow);
    this.#validator = new EventValidator(options.maxFutureUs);
    this.#log = options.log ?? (() => {});
    this.malformedLog = new MalformedLog(this.#log);
  }

  /** Connects `client` with this pipeline as its sink (gap recovery needs the client). */
  async attach(client: DataClient): Promise<void> {
    this.#client = client;
    await client.connect(this);
  }

  /** Starts watching an instrument for staleness (call when subscribing). */
  watch(id: InstrumentId): void {
    this.staleness.watch(id);
  }

  /** Hands queued events to the kernel side (see {@link FeedQueue.drain}). */
  drain(handler: FeedEventHandler, max?: number): number {
    return this.queue.drain(handler, max);
  }

  get status(): FeedStatus {
    return this.#status;
  }

  // ---- DataSink ------------------------------------------------------------------------------

  onTrade(trade: TradeTick): void {
    if (!this.#arrived(trade.instrumentId, trade.tsEvent, trade.tsInit, this.#validator.trade(trade))) return;
    if (!this.#duplicates.accept(trade.instrumentId, trade.tradeId)) {
      this.#duplicateCount++;
      return;
    }
    this.queue.push({ type: 'trade', data: trade });
  }

  onQuote(quote: QuoteTick): void {
    if (!this.#arrived(quote.instrumentId, quote.tsEvent, quote.tsInit, this.#validator.quote(quote))) return;
    this.queue.push({ type: 'quote', data: quote });
  }

  onBookUpdate(update: BookUpdate): void {
    const id = update.instrumentId;
    if (!this.#arrived(id, update.tsEvent, update.tsInit, this.#validator.book(update))) return;
    const verdict = this.#sequences.check(id, update.isSnapshot, update.firstSequence, update.sequence);
    if (verdict === SequenceVerdict.APPLY) {
      this.queue.push({ type: 'book', data: update });
      return;
    }
    this.#staleBook++;
    if (verdict === SequenceVerdict.GAP) {
      this.#gaps++;
      this.#requestSnapshot(id);
    }
  }

  onBar(bar: Bar): void {
    if (!this.#arrived(bar.instrumentId, bar.tsEvent, bar.tsInit, this.#validator.bar(bar))) return;
    this.queue.push({ type: 'bar', data: bar });
  }

  onStatus(status: FeedStatus, detail?: string): void {
    if (status === FeedStatus.CONNECTED) {
      if (this.#everConnected && this.#status === FeedStatus.RECONNECTING) this.#reconnects++;
      this.#everConnected = true;
    }
    if (status === FeedStatus.RECONNECTING) {
      // Deltas lost while disconnected cannot be detected across a new session's numbering:
      // every book starts again from a snapshot, which the client sends on resubscribing.
      this.#sequences.reset();
    }
    this.#status = status;
    this.#log(`feed ${this.#client?.venue ?? ''} ${status}${detail === undefined ? '' : `: ${detail}`}`);
  }

  onMalformed(kind: string, sample: string, reason: string): void {
    this.#messages++;
    this.#rate.mark(this.#clock.timestampUs());
    this.malformedLog.record(kind, sample, reason);
  }

  // ---- health --------------------------------------------------------------------------------

  /** Re-evaluates staleness (call periodically, e.g. once a second); logs changes. */
  checkStaleness(): void {
    for (const change of this.staleness.check())
      this.#log(
        change.stale
          ? `${change.instrumentId} stale: no message for ${(change.ageUs / 1e6).toFixed(1)}s`
          : `${change.instrumentId} fresh again`,
      );
  }

  health(): FeedHealth {
    this.staleness.check();
    return {
      venue: this.#client?.venue ?? '?',
      status: this.#status,
      messages: this.#messages,
      messagesPerSecond: this.#rate.perSecond(this.#clock.timestampUs()),
      latencyP50Us: this.#latency.quantile(0.5),
      latencyP99Us: this.#latency.quantile(0.99),
      gaps: this.#gaps,
      snapshotRequests: this.#snapshotRequests,
      reconnects: this.#reconnects,
      duplicates: this.#duplicateCount,
      staleBookUpdates: this.#staleBook,
      malformed: this.malformedLog.total,
      invalid: { ...this.#invalid },
      lastMessageAgeUs: this.staleness.ages(),
      staleInstruments: this.staleness.staleInstruments,
      queue: this.queue.stats(),
    };
  }

  /** Counts an arrival; false when validation held the event back. */
  #arrived(id: InstrumentId, tsEvent: number, tsInit: number, problem: InvalidReason | undefined): boolean {
    this.#messages++;
    this.#rate.mark(tsInit);
    if (problem !== undefined) {
      const seen = this.#invalid[problem] ?? 0;
      this.#invalid[problem] = seen + 1;
      if (seen === 0) this.#log(`${id}: invalid event held back (${problem}); further ones are only counted`);
      return false;
    }
    this.staleness.seen(id, tsInit);
    this.#latency.add(tsInit - tsEvent);
    return true;
  }

  #requestSnapshot(id: InstrumentId): void {
    this.#snapshotRequests++;
    this.#log(`${id}: book sequence gap, requesting a snapshot`);
    this.#client?.requestBookSnapshot(id);
  }
}
