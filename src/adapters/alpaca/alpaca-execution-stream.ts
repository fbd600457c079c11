import WebSocket from 'ws';
import { FeedStatus } from '../../data/feed/data-client.js';
import type { ReconnectPolicy } from '../../data/feed/reconnect-policy.js';
import type { AlpacaExecutionConfig } from './alpaca-execution-config.js';

/** What the {@link AlpacaTradeStream} tells its owner. */
export interface TradeStreamHandlers {
  /** The `data` of one `trade_updates` message (not yet checked). */
  onUpdate(data: unknown): void;
  /** Authenticated and listening; `resumed`: after a drop (updates may have been missed). */
  onListening(resumed: boolean): void;
  onStatus(status: FeedStatus, detail?: string): void;
  /** A message that is not the protocol: counted and skipped. */
  onMalformed(kind: string, sample: string, reason: string): void;
}

const SAMPLE = 200;

/**
 * The session of Alpaca's `trade_updates` WebSocket (`wss://{paper-}api.alpaca.markets/stream`,
 * JSON codec; paper sends binary frames, live text frames: both are read as UTF-8).
 *
 * open → we send `{"action":"auth","key","secret"}` → `{"stream":"authorization","data":{"status":
 * "authorized"}}` → we send `{"action":"listen","data":{"streams":["trade_updates"]}}` →
 * `{"stream":"listening","data":{"streams":["trade_updates"]}}`: CONNECTED. A drop (or a session
 * not listening within the handshake timeout) waits out the {@link ReconnectPolicy} and starts
 * again; `unauthorized` ends the stream for good (CLOSED): retrying bad keys only hammers the venue.
 */
export class AlpacaTradeStream {
  #status: FeedStatus = FeedStatus.DISCONNECTED;
  #ws: WebSocket | undefined;
  #generation = 0;
  #closing = false;
  #sessions = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AlpacaExecutionConfig,
    private readonly policy: ReconnectPolicy,
    private readonly handshakeTimeoutMs: number,
    private readonly handlers: TradeStreamHandlers,
  ) {}

  get status(): FeedStatus {
    return this.#status;
  }

  start(): void {
    if (this.#ws !== undefined || this.#timer !== undefined) return;
    this.#closing = false;
    this.#setStatus(FeedStatus.CONNECTING);
    this.#open();
  }

  /** Closes the socket and stops reconnecting. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ws = this.#ws;
    this.#ws = undefined;
    if (ws !== undefined && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => ws.terminate(), 1_000);
        ws.once('close', () => {
          clearTimeout(force);
          resolve();
        });
        ws.close(1000);
      });
    }
    if (this.#status !== FeedStatus.CLOSED) this.#setStatus(FeedStatus.DISCONNECTED);
  }

  #open(): void {
    this.#timer = undefined;
    const generation = ++this.#generation;
    const ws = new WebSocket(this.config.streamUrl, { perMessageDeflate: false });
    this.#ws = ws;
    let listening = false;
    let lastError = '';
    const handshake = setTimeout(() => {
      lastError = `not listening within ${this.handshakeTimeoutMs} ms`;
      ws.terminate();
    }, this.handshakeTimeoutMs);
    ws.on('open', () => {
      ws.send(JSON.stringify({ action: 'auth', key: this.config.keyId, secret: this.config.secretKey }));
    });
    ws.on('message', (data: WebSocket.RawData) => {
      if (generation !== this.#generation) return;
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as Buffer).toString('utf8');
      const outcome = this.#onFrame(ws, text);
      if (outcome === 'listening' && !listening) {
        listening = true;
        clearTimeout(handshake);
        const resumed = this.#sessions > 0;
        this.#sessions++;
        this.policy.reset();
        this.#setStatus(FeedStatus.CONNECTED, 'listening to trade_updates');
        this.handlers.onListening(resumed);
      }
    });
    ws.on('error', (error: Error) => {
      lastError = error.message;
    });
    ws.on('close', (code: number) => {
      clearTimeout(handshake);
      if (generation !== this.#generation) return;
      this.#ws = undefined;
      this.#onDropped(lastError || `socket closed (${code})`);
    });
  }

  /** Handles one frame; says when the session became (or is) listening. */
  #onFrame(ws: WebSocket, text: string): 'listening' | undefined {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch (error) {
      this.#malformed('json', text, (error as Error).message);
      return undefined;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      this.#malformed('message', text, 'expected an object with "stream" and "data"');
      return undefined;
    }
    const { stream, data } = msg as { stream?: unknown; data?: unknown };
    const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
    switch (stream) {
      case 'trade_updates':
        this.handlers.onUpdate(data);
        return undefined;
      case 'authorization':
        if (record?.status === 'authorized') {
          ws.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
        } else this.#fatal(`authorization failed: ${text.slice(0, SAMPLE)}`);
        return undefined;
      case 'listening': {
        const streams = record?.streams;
        if (Array.isArray(streams) && streams.includes('trade_updates')) return 'listening';
        this.#malformed(
          'listening',
          text,
          typeof record?.error === 'string' ? record.error : 'trade_updates not listed',
        );
        return undefined;
      }
      default:
        this.#malformed('message', text, `unknown stream ${JSON.stringify(stream)?.slice(0, 40)}`);
        return undefined;
    }
  }

  #onDropped(detail: string): void {
    if (this.#closing) return;
    const delayUs = this.policy.nextDelayUs();
    if (delayUs === undefined) {
      this.#fatal(`${detail}; reconnect attempts exhausted`);
      return;
    }
    this.#setStatus(FeedStatus.RECONNECTING, `${detail}; retrying in ${Math.round(delayUs / 1000)} ms`);
    this.#timer = setTimeout(() => this.#open(), delayUs / 1000);
  }

  #fatal(detail: string): void {
    this.#closing = true;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ws = this.#ws;
    this.#ws = undefined;
    ws?.close();
    this.#setStatus(FeedStatus.CLOSED, detail);
  }

  #setStatus(status: FeedStatus, detail?: string): void {
    this.#status = status;
    this.handlers.onStatus(status, detail);
  }

  #malformed(kind: string, raw: string, reason: string): void {
    this.handlers.onMalformed(kind, raw.slice(0, SAMPLE), reason);
  }
}
