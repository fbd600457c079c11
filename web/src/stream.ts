/**
 * The dashboard's WebSocket connection to `/api/v1/stream`: subscribes to topics, hands each
 * message to the listeners of its topic, reconnects with backoff, and on reconnect resumes the
 * durable topics (orders, fills, risk) from the last sequence number seen, so no order event is
 * lost across a dropped connection. Market data (seq 0) is not resumable and simply restarts.
 */

/** A server push: `seq` > 0 for durable topics, 0 for market data and periodic snapshots. */
export interface StreamMessage {
  readonly seq: number;
  readonly topic: string;
  readonly type: string;
  readonly ts: number;
  readonly data: unknown;
}

export type StreamState = 'idle' | 'connecting' | 'open' | 'closed';

/** The subset of the WebSocket API used here (the browser's, or `ws` in Node tests). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface StreamOptions {
  /** The stream URL (a function, so a changed API key is used on the next connect). */
  readonly url: () => string;
  readonly createSocket?: (url: string) => SocketLike;
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Ping period; a connection silent for two periods is considered dead and replaced. */
  readonly pingMs?: number;
}

type Listener = (msg: StreamMessage) => void;
const OPEN = 1;

export class Stream {
  readonly #opts: Required<StreamOptions>;
  readonly #topics = new Set<string>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #stateListeners = new Set<(s: StreamState) => void>();
  readonly #controlListeners = new Set<(msg: Record<string, unknown>) => void>();
  #socket: SocketLike | undefined;
  #state: StreamState = 'idle';
  #lastSeq = 0;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #lastHeard = 0;
  #running = false;

  constructor(opts: StreamOptions) {
    this.#opts = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      minDelayMs: 500,
      maxDelayMs: 10_000,
      pingMs: 15_000,
      ...opts,
    };
  }

  get state(): StreamState {
    return this.#state;
  }

  /** Highest durable sequence number received (0 before any). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Connects (and keeps reconnecting until {@link stop}). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#connect();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    const s = this.#socket;
    this.#socket = undefined;
    s?.close();
    this.#setState('closed');
  }

  /** Drops the current connection and reconnects at once (e.g. after the API key changed). */
  reconnect(): void {
    if (!this.#running) return;
    this.#socket?.close();
  }

  subscribe(topics: readonly string[]): void {
    const fresh = topics.filter((t) => !this.#topics.has(t));
    for (const t of fresh) this.#topics.add(t);
    if (fresh.length > 0) this.#send({ op: 'subscribe', topics: fresh });
  }

  unsubscribe(topics: readonly string[]): void {
    const gone = topics.filter((t) => this.#topics.delete(t));
    if (gone.length > 0) this.#send({ op: 'unsubscribe', topics: gone });
  }

  /** Calls `listener` for every message of `topic` (`*` for all). Returns the unsubscribe function. */
  on(topic: string, listener: Listener): () => void {
    const set = this.#listeners.get(topic) ?? new Set<Listener>();
    set.add(listener);
    this.#listeners.set(topic, set);
    return () => set.delete(listener);
  }

  onState(listener: (s: StreamState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Replies that are not topic messages: `subscribed`, `error`, `pong`. */
  onControl(listener: (msg: Record<string, unknown>) => void): () => void {
    this.#controlListeners.add(listener);
    return () => this.#controlListeners.delete(listener);
  }

  #connect(): void {
    if (!this.#running) return;
    this.#setState('connecting');
    let socket: SocketLike;
    try {
      socket = this.#opts.createSocket(this.#opts.url());
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      this.#attempt = 0;
      this.#lastHeard = performanceNow();
      this.#setState('open');
      if (this.#topics.size > 0) {
        const msg: Record<string, unknown> = { op: 'subscribe', topics: [...this.#topics] };
        if (this.#lastSeq > 0) msg.resumeFrom = this.#lastSeq;
        socket.send(JSON.stringify(msg));
      }
      clearInterval(this.#pingTimer);
      this.#pingTimer = setInterval(() => this.#ping(socket), this.#opts.pingMs);
    };
    socket.onmessage = (ev) => {
      if (socket !== this.#socket) return;
      this.#lastHeard = performanceNow();
      this.#dispatch(ev.data);
    };
    socket.onerror = () => {
      // The close event follows and does the reconnecting.
    };
    socket.onclose = () => {
      if (socket !== this.#socket && this.#socket !== undefined) return;
      clearInterval(this.#pingTimer);
      this.#socket = undefined;
      this.#setState('closed');
      this.#scheduleRetry();
    };
  }

  #ping(socket: SocketLike): void {
    if (performanceNow() - this.#lastHeard > 2 * this.#opts.pingMs) {
      socket.close(); // silent too long: a half-open connection; onclose reconnects
      return;
    }
    if (socket.readyState === OPEN) socket.send(JSON.stringify({ op: 'ping' }));
  }

  #scheduleRetry(): void {
    if (!this.#running) return;
    clearTimeout(this.#retryTimer);
    const { minDelayMs, maxDelayMs } = this.#opts;
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** this.#attempt);
    this.#attempt++;
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #dispatch(raw: unknown): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(String(raw)) as Record<string, unknown>;
    } catch {
      return; // not JSON: ignore rather than break the stream
    }
    if (typeof msg.topic !== 'string') {
      for (const l of this.#controlListeners) l(msg);
      return;
    }
    const seq = typeof msg.seq === 'number' ? msg.seq : 0;
    if (seq > 0) {
      // After a resume the server may repeat the event at `resumeFrom`: deliver each seq once.
      if (seq <= this.#lastSeq) return;
      this.#lastSeq = seq;
    }
    const m: StreamMessage = {
      seq,
      topic: msg.topic,
      type: typeof msg.type === 'string' ? msg.type : '',
      ts: typeof msg.ts === 'number' ? msg.ts : 0,
      data: msg.data,
    };
    for (const key of [m.topic, '*']) {
      for (const l of this.#listeners.get(key) ?? []) {
        try {
          l(m);
        } catch (e) {
          // One broken panel must not stop the others from updating.
          console.warn('stream listener failed', e);
        }
      }
    }
  }

  #send(msg: unknown): void {
    if (this.#socket && this.#socket.readyState === OPEN) this.#socket.send(JSON.stringify(msg));
  }

  #setState(s: StreamState): void {
    if (s === this.#state) return;
    this.#state = s;
    for (const l of this.#stateListeners) l(s);
  }
}

function performanceNow(): number {
  return globalThis.performance.now();
}
