/**
 * One stream connection as the hub sees it: its topics and its backlog. While the socket keeps
 * up, every message goes out in publication order. When the socket is behind (its send buffer
 * past `behindBytes`), the backlog is bounded by kind:
 *
 * - durable messages (orders, fills, risk) and replies queue in order, never dropped; past
 *   `maxBacklogBytes` (queued + socket buffer) or `maxDurableQueued` the client is dropped;
 * - quotes and the once-a-second snapshots (positions, pnl, health) are conflated: only the
 *   latest per topic is kept, sent when the socket drains;
 * - trades, bars and log lines queue up to `maxMarketQueued`, later ones are dropped (counted).
 *
 * A client that asked for batched frames gets what is pending at a flush as JSON arrays of
 * messages (up to {@link BATCH_MAX_BYTES} a frame) instead of one frame per message: the per-frame
 * costs (framing, the socket write, the peer's message event) then count once per batch.
 */
import type { StreamTopic } from '../../client/stream-protocol.js';

/** What the hub needs of a WebSocket (the `ws` package's WebSocket has it all but cork). */
export interface StreamSocket {
  /** Bytes accepted by `send` and not yet handed to the operating system. */
  readonly bufferedAmount: number;
  /** `cb` runs once the data is handed to the operating system (or failed). */
  send(data: string, cb: (err?: Error | null) => void): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
  /** Batches the frames sent until {@link uncork} into one write (optional). */
  cork?(): void;
  uncork?(): void;
}

/** How a message is kept while the client is behind. */
export const Kind = { DURABLE: 0, CONFLATED: 1, MARKET: 2 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Most bytes of messages put in one batched frame. */
export const BATCH_MAX_BYTES = 32 * 1024;

export interface SubscriberLimits {
  readonly behindBytes: number;
  readonly maxBacklogBytes: number;
  readonly maxDurableQueued: number;
  readonly maxMarketQueued: number;
}

export interface SubscriberCounters {
  /** Messages handed to the socket. */
  sent: number;
  /** Quotes and snapshots replaced by a later one before being sent. */
  conflated: number;
  /** Trades, bars and log lines dropped while behind. */
  dropped: number;
}

interface Queued {
  readonly text: string;
  readonly kind: Kind;
}

export class StreamSubscriber {
  readonly id: number;
  readonly socket: StreamSocket;
  readonly topics = new Set<StreamTopic>();
  readonly counters: SubscriberCounters = { sent: 0, conflated: 0, dropped: 0 };
  /** Set by a pong or any client message; cleared by each heartbeat ping. */
  alive = true;
  readonly #limits: SubscriberLimits;
  /** Called when the backlog should be flushed soon (the hub batches flushes). */
  readonly #wake: (s: StreamSubscriber) => void;
  readonly #batch: boolean;
  #queue: Queued[] = [];
  #head = 0;
  #queuedBytes = 0;
  #durableQueued = 0;
  #marketQueued = 0;
  /** Latest conflated message per topic, always newer than any queued message of that topic. */
  readonly #latest = new Map<string, string>();
  #latestBytes = 0;
  #behind = false;
  #closed = false;

  constructor(
    id: number,
    socket: StreamSocket,
    limits: SubscriberLimits,
    wake: (s: StreamSubscriber) => void,
    /** Send what is pending as arrays of messages (see the class comment). */
    batch = false,
  ) {
    this.id = id;
    this.socket = socket;
    this.#limits = limits;
    this.#wake = wake;
    this.#batch = batch;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether the client is behind (its backlog is being conflated). */
  get behind(): boolean {
    return this.#behind;
  }

  /** Bytes waiting in the hub for this client. */
  get backlogBytes(): number {
    return this.#queuedBytes + this.#latestBytes;
  }

  /**
   * Takes a message for this client; false when the client must be dropped (backlog over its
   * limit). Nothing is written here: the hub flushes once per turn of the event loop.
   */
  offer(text: string, kind: Kind, topic: string): boolean {
    if (this.#closed) return true;
    if (kind === Kind.CONFLATED) {
      if (this.#behind || this.#marketQueued >= this.#limits.maxMarketQueued || this.#latest.has(topic)) {
        const previous = this.#latest.get(topic);
        if (previous !== undefined) {
          this.counters.conflated++;
          this.#latestBytes -= previous.length;
        }
        this.#latest.set(topic, text);
        this.#latestBytes += text.length;
        return true;
      }
      this.#marketQueued++;
    } else if (kind === Kind.MARKET) {
      if (this.#marketQueued >= this.#limits.maxMarketQueued) {
        this.counters.dropped++;
        return true;
      }
      this.#marketQueued++;
    } else {
      this.#durableQueued++;
    }
    this.#queue.push({ text, kind });
    this.#queuedBytes += text.length;
    return kind !== Kind.DURABLE || this.#withinLimits();
  }

  /**
   * Writes the backlog while the socket keeps up; returns false when the client must be
   * dropped. Leaves the client behind when the socket's buffer passes `behindBytes`: the send
   * callback of a written frame wakes it again once the buffer drains.
   */
  flush(): boolean {
    if (this.#closed) return true;
    const socket = this.socket;
    const limit = this.#limits.behindBytes;
    // Corked, the frames of one flush leave in one write; uncorking hands them to the OS, after
    // which bufferedAmount says whether the peer keeps up. A few rounds at most per flush.
    for (let round = 0; round < 4 && socket.bufferedAmount < limit && this.#pending(); round++) {
      socket.cork?.();
      try {
        while (socket.bufferedAmount < limit && this.#pending()) {
          if (this.#batch) this.#sendBatch();
          else this.#send(this.#takeNext());
        }
      } finally {
        socket.uncork?.();
      }
    }
    this.#behind = this.#pending();
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return !this.#behind || this.#withinLimits();
  }

  /** Forgets the backlog (the connection is gone). */
  dispose(): void {
    this.#closed = true;
    this.topics.clear();
    this.#queue = [];
    this.#head = 0;
    this.#latest.clear();
    this.#queuedBytes = this.#latestBytes = this.#durableQueued = this.#marketQueued = 0;
  }

  #pending(): boolean {
    return this.#head < this.#queue.length || this.#latest.size > 0;
  }

  /** Removes the next message from the backlog: the queue in order, then the conflated latest. */
  #takeNext(): string {
    this.counters.sent++;
    if (this.#head < this.#queue.length) {
      const item = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined as unknown as Queued;
      this.#queuedBytes -= item.text.length;
      if (item.kind === Kind.DURABLE) this.#durableQueued--;
      else this.#marketQueued--;
      return item.text;
    }
    const [topic, latest] = this.#latest.entries().next().value as [string, string];
    this.#latest.delete(topic);
    this.#latestBytes -= latest.length;
    return latest;
  }

  /** One frame of pending messages: a lone message as itself, several as a JSON array. */
  #sendBatch(): void {
    let text = this.#takeNext();
    if (!this.#pending()) return this.#send(text);
    const parts = [text];
    let bytes = text.length;
    while (this.#pending() && bytes < BATCH_MAX_BYTES) {
      text = this.#takeNext();
      parts.push(text);
      bytes += text.length + 1;
    }
    this.#send(`[${parts.join(',')}]`);
  }

  #send(text: string): void {
    this.socket.send(text, this.#onSent);
  }

  // Node passes null (not undefined) on success.
  readonly #onSent = (err?: Error | null): void => {
    if (err == null && this.#behind && !this.#closed) this.#wake(this);
  };

  #withinLimits(): boolean {
    return (
      this.#durableQueued <= this.#limits.maxDurableQueued &&
      this.#queuedBytes + this.#latestBytes + this.socket.bufferedAmount <= this.#limits.maxBacklogBytes
    );
  }
}
