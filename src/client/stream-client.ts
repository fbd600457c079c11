/**
 * A typed client of the QuantFlow stream (GET /api/v1/stream, docs/streaming.md) for Node and
 * browsers: subscribe and unsubscribe, typed events (all of them or one topic's), and automatic
 * reconnection with exponential backoff that resumes the durable topics (orders, fills, risk)
 * from the last seq seen, so none of their events is lost or seen twice across a reconnect
 * (within the server's replay window). A `ping` every period replaces a connection that went
 * silent: a half-open TCP connection is otherwise not noticed for minutes.
 *
 * The socket is made by an injectable factory: by default the global `WebSocket` (browsers,
 * Node 22) or else the `ws` package, loaded on first use and hidden from bundlers, so a browser
 * bundle never contains it.
 */
import type {
  ServerMessage,
  StreamErrorCode,
  StreamEvent,
  StreamReply,
  StreamTopic,
} from './stream-protocol.js';

export type { ServerMessage, StreamEvent, StreamReply, StreamTopic } from './stream-protocol.js';

/** The part of the WHATWG WebSocket interface the client uses (`ws` implements it too). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = (url: string) => WebSocketLike | Promise<WebSocketLike>;

export interface StreamClientOptions {
  /**
   * `ws://host:port/api/v1/stream`, or a function called at every (re)connect (a page computes
   * it from its location).
   */
  readonly url: string | (() => string);
  /**
   * API key, sent as `?key=` (browsers cannot set headers on a WebSocket). A function is called
   * at every (re)connect, so a key changed meanwhile is used by the next connection.
   */
  readonly key?: string | (() => string | undefined);
  readonly socketFactory?: SocketFactory;
  /**
   * Ask for batched frames (`?batch=1`: several pending messages in one JSON array frame, which
   * costs both sides less per message); handlers still get one message at a time (default true).
   */
  readonly batch?: boolean;
  /** Reconnect after an unexpected close (default true). */
  readonly reconnect?: boolean;
  /** First reconnect delay, doubled per failed attempt up to {@link maxReconnectDelayMs} (default 250). */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  /**
   * Period of the `ping` op sent while connected; a connection on which nothing at all (not even
   * the pong) arrived for two periods is dropped and replaced (default 15,000; 0 turns it off).
   */
  readonly pingIntervalMs?: number;
  /**
   * Receives what an event, reply or state handler threw; the other handlers still run. Without
   * it the error is rethrown from a microtask (an uncaught exception, as from an EventEmitter).
   */
  readonly onHandlerError?: (error: unknown) => void;
}

/** Connection state changes, for a status light. */
export type StreamClientState =
  | { readonly state: 'connecting' }
  | { readonly state: 'open' }
  | {
      readonly state: 'closed';
      readonly code: number;
      readonly reason: string;
      /** Set when the client will try again after this delay. */
      readonly reconnectInMs?: number;
    };

/** The current state: `idle` before the first connect. */
export type StreamConnectionState = 'idle' | StreamClientState['state'];

type Handler<T> = (value: T) => void;

const OPEN = 1;
/** Close code reported for a connection dropped locally (the browser's code for a lost one). */
const ABNORMAL = 1006;

/** The stream client. */
export class StreamClient {
  readonly #options: StreamClientOptions;
  readonly #topics = new Set<StreamTopic>();
  readonly #eventHandlers = new Set<Handler<StreamEvent>>();
  readonly #topicHandlers = new Map<string, Set<Handler<StreamEvent>>>();
  readonly #replyHandlers = new Set<Handler<StreamReply>>();
  readonly #stateHandlers = new Set<Handler<StreamClientState>>();
  #socket: WebSocketLike | undefined;
  #state: StreamConnectionState = 'idle';
  #lastSeq = 0;
  #epoch: string | undefined;
  #attempts = 0;
  /** Set by connect() and start(), cleared by close() and by giving up. */
  #running = false;
  /** Bumped by every connection attempt and every discard: events of older sockets are ignored. */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  /** Ping periods since the last message arrived. */
  #silentPeriods = 0;
  #firstOpen: { resolve: () => void; reject: (err: Error) => void } | undefined;
  #duplicates = 0;

  constructor(options: StreamClientOptions) {
    this.#options = options;
  }

  /** The highest durable seq received (resume point). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The server run the seqs belong to (from the latest `subscribed` reply). */
  get epoch(): string | undefined {
    return this.#epoch;
  }

  /** Durable events received twice and suppressed (should stay 0). */
  get duplicates(): number {
    return this.#duplicates;
  }

  /** Whether the socket is open now. */
  get connected(): boolean {
    return this.#socket?.readyState === OPEN;
  }

  get state(): StreamConnectionState {
    return this.#state;
  }

  /**
   * Opens the connection; resolves once open. The first connection failing rejects (and the
   * client stops); later drops reconnect. Use {@link start} to keep retrying from the start.
   */
  connect(): Promise<void> {
    if (this.#running) {
      return this.connected
        ? Promise.resolve()
        : Promise.reject(new Error('the stream client is already connecting'));
    }
    this.#running = true;
    return new Promise<void>((resolve, reject) => {
      this.#firstOpen = { resolve, reject };
      void this.#open();
    });
  }

  /**
   * Connects in the background and keeps trying, with backoff, until {@link close} — the first
   * connection too (a page may load before its server is up). Does nothing if already running.
   */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#open();
  }

  /**
   * Replaces the connection now (e.g. after the key changed), resubscribing and resuming from
   * the last seq. Does nothing when not running.
   */
  reconnect(): void {
    if (!this.#running) return;
    this.#discard();
    this.#attempts = 0;
    void this.#open();
  }

  /** Adds topics; sent now if connected, and again on every reconnect. */
  subscribe(topics: readonly StreamTopic[]): void {
    for (const t of topics) this.#topics.add(t);
    if (this.connected) this.#send({ op: 'subscribe', topics });
  }

  unsubscribe(topics: readonly StreamTopic[]): void {
    for (const t of topics) this.#topics.delete(t);
    if (this.connected) this.#send({ op: 'unsubscribe', topics });
  }

  /** Asks for a `pong` reply. */
  ping(): void {
    if (this.connected) this.#send({ op: 'ping' });
  }

  /** Calls `handler` with every event (durable ones once each, in seq order). */
  onEvent(handler: (event: StreamEvent) => void): () => void {
    this.#eventHandlers.add(handler);
    return () => this.#eventHandlers.delete(handler);
  }

  /**
   * Calls `handler` with every event of `topic` (after the {@link onEvent} handlers). It does not
   * subscribe: call {@link subscribe} too.
   */
  on(topic: StreamTopic, handler: (event: StreamEvent) => void): () => void {
    let handlers = this.#topicHandlers.get(topic);
    if (handlers === undefined) {
      handlers = new Set();
      this.#topicHandlers.set(topic, handlers);
    }
    const set = handlers;
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.#topicHandlers.get(topic) === set) this.#topicHandlers.delete(topic);
    };
  }

  /** Calls `handler` with every reply (subscribed, unsubscribed, error, pong). */
  onReply(handler: (reply: StreamReply) => void): () => void {
    this.#replyHandlers.add(handler);
    return () => this.#replyHandlers.delete(handler);
  }

  onState(handler: (state: StreamClientState) => void): () => void {
    this.#stateHandlers.add(handler);
    return () => this.#stateHandlers.delete(handler);
  }

  /** Closes the connection for good (no reconnect); {@link connect} or {@link start} may open it again. */
  close(): void {
    const wasRunning = this.#running;
    this.#running = false;
    this.#discard();
    const first = this.#firstOpen;
    this.#firstOpen = undefined;
    if (wasRunning) this.#setState({ state: 'closed', code: 1000, reason: 'client closed' });
    first?.reject(new Error('stream client closed before the connection opened'));
  }

  async #open(): Promise<void> {
    const generation = ++this.#generation;
    const current = (): boolean => generation === this.#generation;
    this.#setState({ state: 'connecting' });
    let socket: WebSocketLike;
    try {
      socket = await (this.#options.socketFactory ?? defaultFactory)(this.#url());
    } catch (err) {
      if (current()) this.#lost(ABNORMAL, err instanceof Error ? err.message : String(err));
      return;
    }
    // `ws` throws on an 'error' event nobody listens to; the close event that follows is what counts.
    socket.onerror = () => {};
    if (!current()) {
      // Closed or replaced while the factory ran.
      socket.close(1000, 'client closed');
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (!current()) return;
      this.#setState({ state: 'open' });
      this.#firstOpen?.resolve();
      this.#firstOpen = undefined;
      if (this.#topics.size > 0) {
        // Resume only within the same server run: a seq of another run means nothing here.
        const resume = this.#lastSeq > 0 ? { resumeFrom: this.#lastSeq, epoch: this.#epoch } : {};
        this.#send({ op: 'subscribe', topics: [...this.#topics], ...resume });
      } else {
        this.#attempts = 0; // no `subscribed` reply to wait for
      }
      this.#startPing(generation);
    };
    socket.onmessage = (event) => {
      if (!current()) return;
      this.#silentPeriods = 0;
      this.#onMessage(event.data);
    };
    socket.onclose = (event) => {
      if (!current()) return;
      this.#socket = undefined;
      this.#stopPing();
      this.#lost(event.code, event.reason);
    };
  }

  /** Forgets the current socket (closing it) and any pending retry or ping; its events are ignored. */
  #discard(): void {
    this.#generation++;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stopPing();
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.close(1000, 'client closed');
  }

  /** The connection is gone: reject a pending connect(), give up, or schedule the next attempt. */
  #lost(code: number, reason: string): void {
    const first = this.#firstOpen;
    if (first !== undefined || !this.#running || this.#options.reconnect === false) {
      this.#firstOpen = undefined;
      this.#running = false;
      this.#setState({ state: 'closed', code, reason });
      first?.reject(new Error(`stream connection failed (${code}${reason === '' ? '' : `: ${reason}`})`));
      return;
    }
    const base = this.#options.reconnectDelayMs ?? 250;
    const delay = Math.min(
      this.#options.maxReconnectDelayMs ?? 10_000,
      base * 2 ** Math.min(this.#attempts, 16),
    );
    this.#attempts++;
    this.#setState({ state: 'closed', code, reason, reconnectInMs: delay });
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#open();
    }, delay);
  }

  #startPing(generation: number): void {
    const every = this.#options.pingIntervalMs ?? 15_000;
    if (every <= 0) return;
    this.#stopPing();
    this.#silentPeriods = 0;
    this.#pingTimer = setInterval(() => {
      if (generation !== this.#generation) return;
      if (++this.#silentPeriods >= 2) {
        // Not even the pong of the previous ping came back: the connection is dead.
        this.#discard();
        this.#lost(ABNORMAL, 'no message for two ping periods');
        return;
      }
      this.#send({ op: 'ping' });
    }, every);
  }

  #stopPing(): void {
    if (this.#pingTimer !== undefined) clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
  }

  #onMessage(raw: unknown): void {
    const text = typeof raw === 'string' ? raw : String(raw);
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    // A batched frame holds several messages, in order.
    if (Array.isArray(frame)) for (const message of frame) this.#onServerMessage(message);
    else this.#onServerMessage(frame);
  }

  #onServerMessage(value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    const message = value as ServerMessage;
    if ('topic' in message) {
      if (message.seq > 0) {
        if (message.seq <= this.#lastSeq) {
          this.#duplicates++;
          return;
        }
        this.#lastSeq = message.seq;
      }
      this.#emit(this.#eventHandlers, message);
      const forTopic = this.#topicHandlers.get(message.topic);
      if (forTopic !== undefined) this.#emit(forTopic, message);
      return;
    }
    if (message.type === 'subscribed') {
      this.#attempts = 0;
      // Everything up to lastSeq was either replayed before this reply or predates the
      // subscription: later events all carry a higher seq.
      if (message.epoch !== this.#epoch) this.#lastSeq = 0;
      this.#epoch = message.epoch;
      this.#lastSeq = Math.max(this.#lastSeq, message.lastSeq);
    }
    this.#emit(this.#replyHandlers, message);
  }

  /** Calls each handler; one that throws does not keep the others from running. */
  #emit<T>(handlers: ReadonlySet<Handler<T>>, value: T): void {
    for (const handler of [...handlers]) {
      try {
        handler(value);
      } catch (error) {
        const report = this.#options.onHandlerError;
        if (report !== undefined) report(error);
        else
          queueMicrotask(() => {
            throw error;
          });
      }
    }
  }

  #send(op: Record<string, unknown>): void {
    if (this.connected) this.#socket?.send(JSON.stringify(op));
  }

  #setState(state: StreamClientState): void {
    this.#state = state.state;
    this.#emit(this.#stateHandlers, state);
  }

  #url(): string {
    const { url, key } = this.#options;
    let result = typeof url === 'function' ? url() : url;
    const add = (param: string) => {
      result = `${result}${result.includes('?') ? '&' : '?'}${param}`;
    };
    if (this.#options.batch !== false) add('batch=1');
    const k = typeof key === 'function' ? key() : key;
    if (k !== undefined && k !== '') add(`key=${encodeURIComponent(k)}`);
    return result;
  }
}

/** Whether an error reply's code is one the client should act on by refetching state. */
export function isResumeGap(
  reply: StreamReply,
): reply is { type: 'error'; code: StreamErrorCode; message: string } {
  return reply.type === 'error' && reply.code === 'RESUME_GAP';
}

/** The global WebSocket where there is one (browsers, Node 22), else the `ws` package. */
async function defaultFactory(url: string): Promise<WebSocketLike> {
  const global = (globalThis as { WebSocket?: WebSocketClass }).WebSocket;
  return new (global ?? (await loadWs()))(url);
}

type WebSocketClass = new (url: string) => WebSocketLike;

/**
 * The `ws` package's WebSocket, for Node 20. The specifier is not a literal so that bundlers
 * (Vite) neither resolve nor bundle `ws`: in a browser the global WebSocket exists and this never
 * runs.
 */
async function loadWs(): Promise<WebSocketClass> {
  const specifier = 'ws';
  const mod = (await import(/* @vite-ignore */ specifier)) as { WebSocket: WebSocketClass };
  return mod.WebSocket;
}
