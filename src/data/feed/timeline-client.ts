import type { Clock } from '../../core/clock.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { FeedStatus, subscriptionKey, type DataClient, type DataKind, type DataSink, type Subscription } from './data-client.js';
import { Pacer, type Timers } from './pacer.js';

/** One item of a client's timeline: an event of `kind` for `instrumentId`, due at `deliverUs`. */
export interface TimelineItem {
  readonly instrumentId: InstrumentId;
  readonly kind: DataKind;
  /** When to hand it to the sink, µs from the start of the run (non-decreasing along the timeline). */
  readonly deliverUs: number;
}

/** Settings shared by the clients built on {@link TimelineClient}. */
export interface TimelineClientOptions {
  /** Stamps `tsInit`; a TestClock runs the timeline as fast as possible, any other in real time. */
  readonly clock: Clock;
  /** Divides the timeline's offsets (default 1). */
  readonly speed?: number;
  readonly timers?: Timers;
}

/**
 * A {@link DataClient} that plays a precomputed, time-ordered timeline instead of reading a
 * socket: the simulated feeds and the replay. The timeline does not depend on what is
 * subscribed (so a run is the same whatever the subscriptions); subscriptions only filter what
 * reaches the sink.
 */
export abstract class TimelineClient<T extends TimelineItem> implements DataClient {
  abstract readonly venue: string;
  /** The kinds this client can stream. */
  protected abstract readonly kinds: readonly DataKind[];

  readonly #clock: Clock;
  readonly #speed: number;
  readonly #timers: Timers | undefined;
  readonly #subscribed = new Set<string>();
  #status: FeedStatus = FeedStatus.DISCONNECTED;
  #pacer: Pacer | undefined;
  #run: Promise<void> | undefined;
  #sink: DataSink | undefined;
  #startUs = 0;

  constructor(options: TimelineClientOptions) {
    this.#clock = options.clock;
    this.#speed = options.speed ?? 1;
    this.#timers = options.timers;
  }

  get status(): FeedStatus {
    return this.#status;
  }

  /** Clock time at which the run started (the timeline's offset 0). */
  protected get startUs(): number {
    return this.#startUs;
  }

  protected get clock(): Clock {
    return this.#clock;
  }

  /** Resolves when the timeline has been played to its end (or the client disconnected). */
  get finished(): Promise<void> {
    return this.#run ?? Promise.resolve();
  }

  async connect(sink: DataSink): Promise<void> {
    if (this.#run !== undefined) throw new Error(`${this.venue} client is already connected`);
    this.#sink = sink;
    this.#setStatus(FeedStatus.CONNECTING);
    const pacer = new Pacer(this.#clock, this.#speed, this.#timers);
    this.#pacer = pacer;
    this.#startUs = this.#clock.timestampUs();
    const items = this.timeline();
    this.#setStatus(FeedStatus.CONNECTED);
    // Start on the next turn, so the caller can subscribe before the first event is due.
    this.#run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() =>
        pacer.run(
          items,
          (item) => item.deliverUs,
          (item) => {
            if (this.emitUnfiltered(item, sink)) return;
            if (this.#subscribed.has(`${item.instrumentId}|${item.kind}`)) this.emit(item, sink);
          },
        ),
      )
      .then(() => {
        if (this.#status === FeedStatus.CONNECTED) this.#setStatus(FeedStatus.CLOSED, 'end of data');
      });
  }

  async disconnect(): Promise<void> {
    if (this.#status === FeedStatus.CONNECTED) this.#setStatus(FeedStatus.DISCONNECTED);
    this.#pacer?.stop();
    await this.#run;
    if (this.#status !== FeedStatus.DISCONNECTED) this.#setStatus(FeedStatus.DISCONNECTED);
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (!this.kinds.includes(subscription.kind))
      throw new RangeError(`${this.venue} does not stream ${subscription.kind} (it has ${this.kinds.join(', ')})`);
    if (!this.hasInstrument(subscription.instrumentId))
      throw new RangeError(`${this.venue} has no instrument ${subscription.instrumentId}`);
    const key = subscriptionKey({ ...subscription, interval: undefined });
    if (this.#subscribed.has(key)) return;
    this.#subscribed.add(key);
    this.onSubscribed(subscription);
  }

  async unsubscribe(subscription: Subscription): Promise<void> {
    this.#subscribed.delete(subscriptionKey({ ...subscription, interval: undefined }));
  }

  requestBookSnapshot(_instrumentId: InstrumentId): void {}

  /** The items to play, in delivery order. Called once per connection. */
  protected abstract timeline(): Iterator<T>;
  /** Converts a due item into events for the sink (stamping `tsInit` from the clock). */
  protected abstract emit(item: T, sink: DataSink): void;
  protected abstract hasInstrument(id: InstrumentId): boolean;
  /** Hook: handles an item regardless of subscriptions (a malformed line); true when done. */
  protected emitUnfiltered(_item: T, _sink: DataSink): boolean {
    return false;
  }
  /** Hook: a stream was added (a book client sends a snapshot first). */
  protected onSubscribed(_subscription: Subscription): void {}

  #setStatus(status: FeedStatus, detail?: string): void {
    this.#status = status;
    this.#sink?.onStatus(status, detail);
  }
}
