/**
 * The server side of the WebSocket stream, independent of Fastify: topics, each connection's
 * subscriptions, sequence numbers and a replay ring for the durable topics, per-client
 * backpressure (see stream-subscriber.ts) and the heartbeat.
 *
 * Publishing never blocks and never writes: each message is serialized once, offered to the
 * subscribers of its topic, and the subscribers with something to send are flushed together
 * once per turn of the event loop (frames corked into one write per client). A client that
 * cannot keep up only ever costs its own bounded backlog.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { L2Book } from '../../model/book/l2-book.js';
import type { Bar } from '../../model/data/bar.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import type { RiskStateChanged } from '../../risk/risk-codes.js';
import { bookView } from '../views.js';
import { DurableRing } from './durable-ring.js';
import { barData, fillData, orderEventData, quoteData, riskData, tradeData } from './stream-data.js';
import {
  CLOSE_DEAD,
  CLOSE_GOING_AWAY,
  CLOSE_TOO_SLOW,
  DURABLE_TOPICS,
  parseClientOp,
  StreamErrorCode,
  type ClientOp,
  type StreamReply,
  type StreamTopic,
} from '../../client/stream-protocol.js';
import { Kind, StreamSubscriber, type StreamSocket, type SubscriberLimits } from './stream-subscriber.js';

export type { StreamSocket } from './stream-subscriber.js';

export interface StreamHubOptions {
  /** Stamps `ts` on every event. */
  readonly clock: Clock;
  /** Durable events kept for resuming (default 10,000). */
  readonly ringSize?: number;
  /** Socket send buffer past which a client counts as behind and its quotes are conflated (default 64 KiB). */
  readonly behindBytes?: number;
  /** Backlog (queued in the hub + socket send buffer) past which a client is dropped with 4008 (default 4 MiB). */
  readonly maxBufferedBytes?: number;
  /** Durable events queued for one client past which it is dropped with 4008 (default 20,000). */
  readonly maxDurableQueued?: number;
  /** Trades, bars, quotes and log lines queued for one client; later ones are conflated or dropped (default 1,000). */
  readonly maxMarketQueued?: number;
  /** How long a dropped client's socket gets to take its close frame before it is destroyed, ms (default 1,000). */
  readonly closeGraceMs?: number;
  /** Identifies this run in `subscribed` replies (default: a random UUID). */
  readonly epoch?: string;
}

/** The per-connection handle the transport feeds (see stream.ts). */
export interface StreamConnection {
  readonly id: number;
  /** A text frame from the client. */
  receive(text: string): void;
  /** The client answered a ping. */
  pong(): void;
  /** The socket closed (by either side): forget the client. */
  closed(): void;
}

export interface StreamHubStats {
  readonly clients: number;
  /** Messages published (one per topic event, before fan-out). */
  readonly published: number;
  /** Messages handed to sockets, summed over clients. */
  readonly sent: number;
  readonly conflated: number;
  /** Trades, bars and log lines dropped for clients that were behind. */
  readonly droppedMessages: number;
  /** Clients dropped with 4008 (too slow). */
  readonly droppedSlow: number;
  /** Clients terminated for not answering pings. */
  readonly droppedDead: number;
  readonly lastSeq: number;
}

/** Levels per side in `book:` events. */
export const BOOK_STREAM_DEPTH = 20;

/** A snapshot topic, pushed periodically and conflated. */
export type SnapshotTopic = 'positions' | 'pnl' | 'health';

interface InstrumentTopics {
  readonly quotes: StreamTopic;
  readonly trades: StreamTopic;
  readonly bars: StreamTopic;
  readonly book: StreamTopic;
}

export class StreamHub {
  readonly epoch: string;
  readonly #clock: Clock;
  readonly #ring: DurableRing;
  readonly #limits: SubscriberLimits;
  readonly #closeGraceMs: number;
  readonly #subscribers = new Map<StreamTopic, Set<StreamSubscriber>>();
  readonly #clients = new Set<StreamSubscriber>();
  readonly #instrumentTopics = new Map<string, InstrumentTopics>();
  #instruments: ReadonlySet<string> | undefined;
  #dirty = new Set<StreamSubscriber>();
  #flushScheduled = false;
  #nextId = 1;
  #published = 0;
  /** Counters of clients already gone, so stats() keep them. */
  #retired = { sent: 0, conflated: 0, dropped: 0 };
  #droppedSlow = 0;
  #droppedDead = 0;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: StreamHubOptions) {
    this.#clock = options.clock;
    this.#ring = new DurableRing(options.ringSize ?? 10_000);
    this.#limits = {
      behindBytes: options.behindBytes ?? 64 * 1024,
      maxBacklogBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
      maxDurableQueued: options.maxDurableQueued ?? 20_000,
      maxMarketQueued: options.maxMarketQueued ?? 1_000,
    };
    this.#closeGraceMs = options.closeGraceMs ?? 1_000;
    this.epoch = options.epoch ?? randomUUID();
  }

  /** The latest seq assigned to a durable event (0 before the first). */
  get lastSeq(): number {
    return this.#ring.lastSeq;
  }

  /**
   * Limits instrument topics to these instruments (subscribing to another is UNKNOWN_TOPIC);
   * undefined accepts any well-formed instrument id.
   */
  setInstruments(ids: Iterable<string> | undefined): void {
    this.#instruments = ids === undefined ? undefined : new Set(ids);
  }

  /**
   * Registers a connection; `maxBufferedBytes` overrides the hub's backlog limit for it, `batch`
   * sends it JSON arrays of messages when several are pending (see {@link StreamSubscriber}).
   */
  connect(
    socket: StreamSocket,
    options: { maxBufferedBytes?: number; batch?: boolean } = {},
  ): StreamConnection {
    const limits =
      options.maxBufferedBytes === undefined
        ? this.#limits
        : { ...this.#limits, maxBacklogBytes: options.maxBufferedBytes };
    const sub = new StreamSubscriber(this.#nextId++, socket, limits, this.#wake, options.batch ?? false);
    this.#clients.add(sub);
    return {
      id: sub.id,
      receive: (text) => this.#receive(sub, text),
      pong: () => {
        sub.alive = true;
      },
      closed: () => this.#remove(sub),
    };
  }

  /** Whether any client listens to `topic` (lets a source skip building what nobody reads). */
  hasSubscribers(topic: StreamTopic): boolean {
    return (this.#subscribers.get(topic)?.size ?? 0) > 0;
  }

  /**
   * Publishes an event on `topic`; returns its seq (0 for a topic that is not durable). A
   * durable event is kept for resuming even when nobody listens.
   */
  publish(topic: StreamTopic, type: string, data: unknown): number {
    const durable = DURABLE_TOPICS.has(topic);
    const subs = this.#subscribers.get(topic);
    if (!durable && (subs === undefined || subs.size === 0)) return 0;
    const seq = durable ? this.#ring.nextSeq : 0;
    const text = JSON.stringify({ seq, topic, type, ts: this.#clock.timestampUs(), data });
    if (durable) this.#ring.append(topic, text);
    this.#fanOut(subs, text, durable ? Kind.DURABLE : kindOf(topic), topic);
    return seq;
  }

  publishQuote(quote: QuoteTick): void {
    const topic = this.#topicsOf(quote.instrumentId).quotes;
    if (this.hasSubscribers(topic)) this.publish(topic, 'QuoteTick', quoteData(quote));
  }

  publishTrade(trade: TradeTick): void {
    const topic = this.#topicsOf(trade.instrumentId).trades;
    if (this.hasSubscribers(topic)) this.publish(topic, 'TradeTick', tradeData(trade));
  }

  /** The top {@link BOOK_STREAM_DEPTH} levels of a book that changed; conflated like quotes. */
  publishBook(book: L2Book): void {
    const topic = this.#topicsOf(book.instrumentId).book;
    if (this.hasSubscribers(topic))
      this.publish(topic, 'OrderBook', bookView(book.instrumentId, book, BOOK_STREAM_DEPTH));
  }

  publishBar(bar: Bar): void {
    const topic = this.#topicsOf(bar.instrumentId).bars;
    if (this.hasSubscribers(topic)) this.publish(topic, 'Bar', barData(bar));
  }

  /** An order event on `orders`; a fill also on `fills`. Call once the event is durable. */
  publishOrderEvent(event: OrderEvent): void {
    this.publish('orders', event.type, orderEventData(event));
    if (event.type === 'OrderFilled') this.publish('fills', 'OrderFilled', fillData(event));
  }

  publishRisk(change: RiskStateChanged): void {
    this.publish('risk', change.type, riskData(change));
  }

  /** A line of the node's log on `logs`. */
  log(line: string): void {
    this.publish('logs', 'Log', { line });
  }

  /** Pings every client; terminates those that did not answer the previous ping. */
  heartbeat(): void {
    for (const sub of [...this.#clients]) {
      if (!sub.alive) {
        this.#droppedDead++;
        this.#drop(sub, CLOSE_DEAD, 'no pong', true);
        continue;
      }
      sub.alive = false;
      try {
        sub.socket.ping();
      } catch {
        // A socket that is closing answers nothing: the next round drops it.
      }
    }
  }

  /** Runs {@link heartbeat} every `intervalMs` until {@link stop}. */
  startHeartbeat(intervalMs: number): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => this.heartbeat(), intervalMs);
    this.#heartbeat.unref();
  }

  /** Stops the heartbeat and closes every connection (code 1001). */
  stop(): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const sub of [...this.#clients]) this.#drop(sub, CLOSE_GOING_AWAY, 'server shutting down', false);
  }

  stats(): StreamHubStats {
    let sent = this.#retired.sent;
    let conflated = this.#retired.conflated;
    let dropped = this.#retired.dropped;
    for (const sub of this.#clients) {
      sent += sub.counters.sent;
      conflated += sub.counters.conflated;
      dropped += sub.counters.dropped;
    }
    return {
      clients: this.#clients.size,
      published: this.#published,
      sent,
      conflated,
      droppedMessages: dropped,
      droppedSlow: this.#droppedSlow,
      droppedDead: this.#droppedDead,
      lastSeq: this.#ring.lastSeq,
    };
  }

  #fanOut(subs: Set<StreamSubscriber> | undefined, text: string, kind: Kind, topic: string): void {
    this.#published++;
    if (subs === undefined) return;
    for (const sub of subs) {
      if (sub.offer(text, kind, topic)) this.#wake(sub);
      else this.#tooSlow(sub);
    }
  }

  #receive(sub: StreamSubscriber, text: string): void {
    sub.alive = true;
    const parsed = parseClientOp(text, this.#instruments === undefined ? undefined : this.#knownInstrument);
    if (!parsed.ok) {
      this.#reply(sub, { type: 'error', code: parsed.code, message: parsed.message });
      return;
    }
    const op: ClientOp = parsed.value;
    switch (op.op) {
      case 'ping':
        this.#reply(sub, { type: 'pong' });
        return;
      case 'unsubscribe':
        for (const topic of op.topics) {
          sub.topics.delete(topic);
          this.#subscribers.get(topic)?.delete(sub);
        }
        this.#reply(sub, { type: 'unsubscribed', topics: op.topics });
        return;
      case 'subscribe': {
        let replayed = 0;
        if (op.resumeFrom !== undefined) {
          // Replay before joining the topics: everything after resumeFrom arrives once, in seq order.
          const wanted = new Set<string>(op.topics.filter((t) => DURABLE_TOPICS.has(t)));
          const otherRun = op.epoch !== undefined && op.epoch !== this.epoch;
          const { entries, gap } = otherRun ? { entries: [], gap: true } : this.#ring.after(op.resumeFrom);
          if (gap && wanted.size > 0)
            this.#reply(sub, {
              type: 'error',
              code: StreamErrorCode.RESUME_GAP,
              message: `events after seq ${op.resumeFrom} are no longer all kept (kept: ${this.#ring.oldestSeq}–${this.#ring.lastSeq}); fetch state over REST`,
            });
          for (const entry of entries) {
            if (!wanted.has(entry.topic) || sub.topics.has(entry.topic as StreamTopic)) continue;
            if (!sub.offer(entry.text, Kind.DURABLE, entry.topic)) {
              this.#tooSlow(sub);
              return;
            }
            replayed++;
          }
        }
        for (const topic of op.topics) {
          sub.topics.add(topic);
          let set = this.#subscribers.get(topic);
          if (set === undefined) this.#subscribers.set(topic, (set = new Set()));
          set.add(sub);
        }
        this.#reply(sub, {
          type: 'subscribed',
          topics: [...sub.topics],
          epoch: this.epoch,
          lastSeq: this.#ring.lastSeq,
          replayed,
        });
        return;
      }
    }
  }

  readonly #knownInstrument = (id: string): boolean => this.#instruments?.has(id) ?? true;

  #reply(sub: StreamSubscriber, reply: StreamReply): void {
    if (sub.offer(JSON.stringify(reply), Kind.DURABLE, '')) this.#wake(sub);
    else this.#tooSlow(sub);
  }

  readonly #wake = (sub: StreamSubscriber): void => {
    this.#dirty.add(sub);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(this.#flushAll);
  };

  readonly #flushAll = (): void => {
    this.#flushScheduled = false;
    const dirty = this.#dirty;
    this.#dirty = new Set();
    for (const sub of dirty) if (!sub.flush()) this.#tooSlow(sub);
  };

  #tooSlow(sub: StreamSubscriber): void {
    this.#droppedSlow++;
    this.#drop(sub, CLOSE_TOO_SLOW, 'too slow', false);
  }

  /**
   * Forgets the client at once (its backlog is freed) and closes its socket: with a close frame
   * and a grace period for it to get through, or destroyed outright when the peer is dead.
   */
  #drop(sub: StreamSubscriber, code: number, reason: string, terminate: boolean): void {
    if (sub.closed) return;
    this.#remove(sub);
    const socket = sub.socket;
    try {
      if (terminate) {
        socket.terminate();
        return;
      }
      socket.close(code, reason);
    } catch {
      socket.terminate();
      return;
    }
    setTimeout(() => socket.terminate(), this.#closeGraceMs).unref();
  }

  #remove(sub: StreamSubscriber): void {
    if (sub.closed) return;
    for (const topic of sub.topics) {
      const set = this.#subscribers.get(topic);
      set?.delete(sub);
      if (set?.size === 0) this.#subscribers.delete(topic);
    }
    this.#retired.sent += sub.counters.sent;
    this.#retired.conflated += sub.counters.conflated;
    this.#retired.dropped += sub.counters.dropped;
    sub.dispose();
    this.#clients.delete(sub);
    this.#dirty.delete(sub);
  }

  #topicsOf(id: string): InstrumentTopics {
    let topics = this.#instrumentTopics.get(id);
    if (topics === undefined) {
      topics = {
        quotes: `quotes:${id}` as StreamTopic,
        trades: `trades:${id}` as StreamTopic,
        bars: `bars:${id}` as StreamTopic,
        book: `book:${id}` as StreamTopic,
      };
      this.#instrumentTopics.set(id, topics);
    }
    return topics;
  }
}

/** How a non-durable topic's messages are kept for a client that is behind. */
function kindOf(topic: string): Kind {
  return topic.startsWith('quotes:') ||
    topic.startsWith('book:') ||
    topic === 'positions' ||
    topic === 'pnl' ||
    topic === 'health'
    ? Kind.CONFLATED
    : Kind.MARKET;
}
