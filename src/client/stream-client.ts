/**
 * A typed client of the QuantFlow stream (GET /api/v1/stream, docs/streaming.md) for Node and
 * browsers: subscribe and unsubscribe, typed events, and automatic reconnection that resumes
 * the durable topics (orders, fills, risk) from the last seq seen, so none of their events is
 * lost or seen twice across a reconnect (within the server's replay window).
 *
 * The socket is made by an injectable factory: by default the global `WebSocket` (browsers,
 * Node 22) or else the `ws` package, loaded on first use.
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
  /** `ws://host:port/api/v1/stream`. */
  readonly url: string;
  /** API key, sent as `?key=` (browsers cannot set headers on a WebSocket). */
  readonly key?: string;
  readonly socketFactory?: SocketFactory;
  /** Reconnect after an unexpected close (default true). */
  readonly reconnect?: boolean;
  /** First reconnect delay, doubled per failed attempt up to {@link maxReconnectDelayMs} (default 250). */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
}

/** Connection state changes, for a status light. */
export type StreamClientState =
  | { readonly state: 'open' }
  | {
      readonly state: 'closed';
      readonly code: number;
      readonly reason: string;
      readonly reconnectInMs?: number;
    };

const OPEN = 1;

/** The stream client. */
export class StreamClient {
  readonly #options: StreamClientOptions;
  readonly #topics = new Set<StreamTopic>();
  readonly #eventHandlers = new Set<(event: StreamEvent) => void>();
  readonly #replyHandlers = new Set<(reply: StreamReply) => void>();
  readonly #stateHandlers = new Set<(state: StreamClientState) => void>();
  #socket: WebSocketLike | undefined;
  #lastSeq = 0;
  #epoch: string | undefined;
  #attempts = 0;
  #closedByUser = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
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

  /** Opens the connection; resolves once open (the first connection failing rejects). */
  connect(): Promise<void> {
    this.#closedByUser = false;
    return new Promise<void>((resolve, reject) => {
      this.#firstOpen = { resolve, reject };
      void this.#open();
    });
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

  /** Calls `handler` with every reply (subscribed, unsubscribed, error, pong). */
  onReply(handler: (reply: StreamReply) => void): () => void {
    this.#replyHandlers.add(handler);
    return () => this.#replyHandlers.delete(handler);
  }

  onState(handler: (state: StreamClientState) => void): () => void {
    this.#stateHandlers.add(handler);
    return () => this.#stateHandlers.delete(handler);
  }

  /** Closes the connection for good (no reconnect). */
  close(): void {
    this.#closedByUser = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#socket?.close(1000, 'client closed');
  }

  async #open(): Promise<void> {
    let socket: WebSocketLike;
    try {
      socket = await (this.#options.socketFactory ?? defaultFactory)(this.#url());
    } catch (err) {
      this.#onClose(1006, err instanceof Error ? err.message : String(err));
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#emitState({ state: 'open' });
      this.#firstOpen?.resolve();
      this.#firstOpen = undefined;
      if (this.#topics.size > 0) {
        // Resume only within the same server run: a seq of another run means nothing here.
        const resume = this.#lastSeq > 0 ? { resumeFrom: this.#lastSeq, epoch: this.#epoch } : {};
        this.#send({ op: 'subscribe', topics: [...this.#topics], ...resume });
      }
    };
    socket.onmessage = (event) => this.#onMessage(event.data);
    socket.onerror = () => {};
    socket.onclose = (event) => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#onClose(event.code, event.reason);
    };
  }

  #onClose(code: number, reason: string): void {
    if (this.#firstOpen !== undefined) {
      this.#firstOpen.reject(
        new Error(`stream connection failed (${code}${reason === '' ? '' : `: ${reason}`})`),
      );
      this.#firstOpen = undefined;
      this.#emitState({ state: 'closed', code, reason });
      return;
    }
    if (this.#closedByUser || this.#options.reconnect === false) {
      this.#emitState({ state: 'closed', code, reason });
      return;
    }
    const base = this.#options.reconnectDelayMs ?? 250;
    const delay = Math.min(
      this.#options.maxReconnectDelayMs ?? 10_000,
      base * 2 ** Math.min(this.#attempts, 16),
    );
    this.#attempts++;
    this.#emitState({ state: 'closed', code, reason, reconnectInMs: delay });
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#open();
    }, delay);
  }

  #onMessage(raw: unknown): void {
    const text = typeof raw === 'string' ? raw : String(raw);
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if ('topic' in message) {
      if (message.seq > 0) {
        if (message.seq <= this.#lastSeq) {
          this.#duplicates++;
          return;
        }
        this.#lastSeq = message.seq;
      }
      for (const h of this.#eventHandlers) h(message);
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
    for (const h of this.#replyHandlers) h(message);
  }

  #send(op: Record<string, unknown>): void {
    this.#socket?.send(JSON.stringify(op));
  }

  #emitState(state: StreamClientState): void {
    for (const h of this.#stateHandlers) h(state);
  }

  #url(): string {
    const key = this.#options.key;
    if (key === undefined) return this.#options.url;
    const sep = this.#options.url.includes('?') ? '&' : '?';
    return `${this.#options.url}${sep}key=${encodeURIComponent(key)}`;
  }
}

/** Whether an error reply's code is one the client should act on by refetching state. */
export function isResumeGap(
  reply: StreamReply,
): reply is { type: 'error'; code: StreamErrorCode; message: string } {
  return reply.type === 'error' && reply.code === 'RESUME_GAP';
}

/** The global WebSocket where there is one, else the `ws` package. */
async function defaultFactory(url: string): Promise<WebSocketLike> {
  const global = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (global !== undefined) return new global(url);
  const { WebSocket } = await import('ws');
  return new WebSocket(url) as unknown as WebSocketLike;
}
