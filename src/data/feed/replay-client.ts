import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { DataKind, type DataSink } from './data-client.js';
import type { FeedEvent } from './feed-event.js';
import { parseReplayLine, restamp } from './replay-format.js';
import { TimelineClient, type TimelineClientOptions, type TimelineItem } from './timeline-client.js';

/** Settings of {@link ReplayClient}. */
export interface ReplayClientOptions extends TimelineClientOptions {
  /** The recording: the text of an `events.jsonl` file (see replay-format.ts). */
  readonly text: string;
  /** Venue name reported (default `REPLAY`). */
  readonly venue?: string;
}

interface ReplayItem extends TimelineItem {
  readonly event?: FeedEvent;
  /** A line that did not parse: reported as malformed when its turn comes. */
  readonly bad?: { readonly sample: string; readonly reason: string };
}

const KIND_OF = { trade: DataKind.TRADES, quote: DataKind.QUOTES, book: DataKind.BOOK, bar: DataKind.BARS } as const;

/**
 * Replays a recording at its original pace or `speed` times faster. Pacing follows the recorded
 * receipt times (`tsInit`), which are what the recording session saw; events keep their recorded
 * `tsEvent` and get a new `tsInit` from this client's clock. On a TestClock started at the first
 * recorded `tsInit` with speed 1, the replay reproduces the recording exactly.
 */
export class ReplayClient extends TimelineClient<ReplayItem> {
  readonly venue: string;
  protected readonly kinds = [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK, DataKind.BARS] as const;
  readonly #items: ReplayItem[] = [];
  readonly #instruments = new Set<InstrumentId>();

  constructor(options: ReplayClientOptions) {
    super(options);
    this.venue = options.venue ?? 'REPLAY';
    let first: number | undefined;
    let last = 0;
    for (const line of options.text.split('\n')) {
      if (line.trim() === '') continue;
      let event: FeedEvent;
      try {
        event = parseReplayLine(line);
      } catch (error) {
        const reason = String((error as Error).message);
        this.#items.push({ instrumentId: '' as InstrumentId, kind: DataKind.TRADES, deliverUs: last, bad: { sample: line, reason } });
        continue;
      }
      first ??= event.data.tsInit;
      // A recording is in receipt order; never schedule backwards even if a line is out of order.
      last = Math.max(last, event.data.tsInit - first);
      this.#instruments.add(event.data.instrumentId);
      this.#items.push({ instrumentId: event.data.instrumentId, kind: KIND_OF[event.type], deliverUs: last, event });
    }
  }

  /** Instruments found in the recording. */
  get instruments(): InstrumentId[] {
    return [...this.#instruments];
  }

  protected hasInstrument(id: InstrumentId): boolean {
    return this.#instruments.has(id);
  }

  protected timeline(): Iterator<ReplayItem> {
    return this.#items[Symbol.iterator]();
  }

  protected override emitUnfiltered(item: ReplayItem, sink: DataSink): boolean {
    if (item.bad === undefined) return false;
    sink.onMalformed('replay-line', item.bad.sample, item.bad.reason);
    return true;
  }

  protected emit(item: ReplayItem, sink: DataSink): void {
    const e = restamp(item.event!, this.clock.timestampUs());
    if (e.type === 'trade') sink.onTrade(e.data);
    else if (e.type === 'quote') sink.onQuote(e.data);
    else if (e.type === 'book') sink.onBookUpdate(e.data);
    else sink.onBar(e.data);
  }
}
