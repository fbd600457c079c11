import WebSocket from 'ws';
import type { Clock } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import {
  type DataClient,
  type DataSink,
  FeedStatus,
  type Subscription,
  subscriptionKey,
} from '../../data/feed/data-client.js';
import { ReconnectPolicy } from '../../data/feed/reconnect-policy.js';
import type { Bar } from '../../model/data/bar.js';
import { type InstrumentId, parseInstrumentId, symbolOf } from '../../model/identifiers/instrument-id.js';
import { type AlpacaConfig, precisionOf } from './alpaca-config.js';
import { AlpacaBarHistory, type AlpacaBarHistoryOptions } from './alpaca-bar-history.js';
import { AlpacaParseError, type AlpacaRecord, parseBar, parseQuote, parseTrade } from './alpaca-parsing.js';
import {
  type AlpacaChannel,
  authMessage,
  channelOf,
  FATAL_STREAM_ERRORS,
  subscriptionMessage,
  UNSUPPORTED_TYPES,
} from './alpaca-stream-protocol.js';

/** The venue part of Alpaca instrument ids: `AAPL.ALPACA`. */
export const ALPACA_VENUE = 'ALPACA';

/** Settings of an {@link AlpacaDataClient}. */
export interface AlpacaDataClientOptions {
  readonly config: AlpacaConfig;
  /** Stamps `tsInit` of every event. */
  readonly clock: Clock;
  /** Backoff between reconnects (default: the port's defaults, seeded with 1). */
  readonly reconnect?: ReconnectPolicy;
  /** A socket that is not authenticated this long after opening is dropped and retried (default 10 s). */
  readonly handshakeTimeoutMs?: number;
  /** Settings of the REST history (retries, fetch). */
  readonly history?: Omit<AlpacaBarHistoryOptions, 'config'>;
}

/** The stream refused us for good (auth failed, connection limit, no access to the feed). */
export class AlpacaStreamError extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'AlpacaStreamError';
  }
}

interface PendingAck {
  readonly channel: AlpacaChannel;
  readonly symbol: string;
  /** Subscribe waits for the symbol to appear in the acknowledged list, unsubscribe for it to go. */
  readonly present: boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const SAMPLE = 200;

/**
 * US equities from Alpaca's market data stream v2 (JSON codec): trades, quotes and 1-minute bars
 * per symbol, plus REST history ({@link fetchBars}).
 *
 * Session: open → server `connected` → we send `auth` → server `authenticated` → status CONNECTED and
 * every remembered subscription is sent again in one `subscribe` message. A dropped socket waits out
 * the {@link ReconnectPolicy} (status RECONNECTING) and repeats the session; a fatal server error
 * (see {@link FATAL_STREAM_ERRORS}) ends the feed with status CLOSED and no retry. Trades resent
 * after a reconnect keep their ids, so the sink's duplicate filter drops them (this client does no
 * filtering, as the port requires).
 */
export class AlpacaDataClient implements DataClient {
  readonly venue = ALPACA_VENUE;

  readonly #config: AlpacaConfig;
  readonly #clock: Clock;
  readonly #policy: ReconnectPolicy;
  readonly #handshakeTimeoutMs: number;
  readonly #history: AlpacaBarHistory;
  readonly #subs = new Map<string, Subscription>();
  readonly #ids = new Map<string, InstrumentId>();
  #pending: PendingAck[] = [];
  #status: FeedStatus = FeedStatus.DISCONNECTED;
  #sink: DataSink | undefined;
  #ws: WebSocket | undefined;
  /** Bumped per socket and on disconnect: callbacks of an older socket are ignored. */
  #generation = 0;
  #closing = false;
  #authenticated = false;
  #timer: NodeJS.Timeout | undefined;
  #connectWaiter: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(options: AlpacaDataClientOptions) {
    this.#config = options.config;
    this.#clock = options.clock;
    this.#policy = options.reconnect ?? new ReconnectPolicy(new SeededRandom(1));
    this.#handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
    this.#history = new AlpacaBarHistory({ ...options.history, config: options.config });
  }

  /** The keys and URLs this client uses (an execution client can share them). */
  get config(): AlpacaConfig {
    return this.#config;
  }

  get status(): FeedStatus {
    return this.#status;
  }

  /**
   * Opens the stream; resolves once authenticated. Rejects with {@link AlpacaStreamError} on a
   * fatal server error (e.g. 402 auth failed) or when reconnect attempts run out.
   */
  connect(sink: DataSink): Promise<void> {
    if (this.#ws !== undefined || this.#timer !== undefined)
      throw new Error('AlpacaDataClient: already connected');
    this.#sink = sink;
    this.#closing = false;
    this.#setStatus(FeedStatus.CONNECTING);
    return new Promise<void>((resolve, reject) => {
      this.#connectWaiter = { resolve, reject };
      this.#open();
    });
  }

  async disconnect(): Promise<void> {
    this.#closing = true;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ws = this.#ws;
    this.#ws = undefined;
    this.#authenticated = false;
    this.#failPending(new Error('disconnected'));
    this.#connectWaiter?.reject(new AlpacaStreamError(undefined, 'disconnected before authentication'));
    this.#connectWaiter = undefined;
    if (ws !== undefined && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        // A peer that never answers the close handshake must not hold us up.
        const force = setTimeout(() => ws.terminate(), 1_000);
        ws.once('close', () => {
          clearTimeout(force);
          resolve();
        });
        ws.close(1000);
      });
    }
    if (this.#status !== FeedStatus.CLOSED) this.#setStatus(FeedStatus.DISCONNECTED);
    this.#sink = undefined;
  }

  subscribe(subscription: Subscription): Promise<void> {
    return this.#change(subscription, true);
  }

  unsubscribe(subscription: Subscription): Promise<void> {
    return this.#change(subscription, false);
  }

  /** Alpaca's equity stream has no order book; nothing to do. */
  requestBookSnapshot(): void {}

  /**
   * Historical bars of `symbol` between `fromUs` and `toUs` (Alpaca's `start`/`end`, both inclusive)
   * from the REST API, every page followed; in time order. See {@link AlpacaBarHistory.fetchBars}.
   */
  fetchBars(symbol: string, timeframe: string, fromUs: number, toUs: number): Promise<Bar[]> {
    return this.#history.fetchBars(symbol, timeframe, fromUs, toUs);
  }

  // ---- subscriptions -------------------------------------------------------------------------

  #change(s: Subscription, add: boolean): Promise<void> {
    const channel = channelOf(s);
    if (channel !== 'trades' && channel !== 'quotes' && channel !== 'bars')
      return Promise.reject(new Error(channel));
    const key = subscriptionKey(s);
    if (add === this.#subs.has(key)) return Promise.resolve();
    const symbol = symbolOf(s.instrumentId);
    if (add) {
      this.#subs.set(key, s);
      this.#ids.set(symbol, s.instrumentId);
    } else this.#subs.delete(key);
    // Not connected: remembered, sent with the next session's subscribe.
    if (!this.#authenticated || this.#ws === undefined) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ channel, symbol, present: add, resolve, reject });
      this.#send(subscriptionMessage(add ? 'subscribe' : 'unsubscribe', { [channel]: [symbol] }));
    });
  }

  #allChannels(): Record<AlpacaChannel, string[]> {
    const channels: Record<AlpacaChannel, string[]> = { trades: [], quotes: [], bars: [] };
    for (const s of this.#subs.values()) {
      const channel = channelOf(s) as AlpacaChannel;
      const symbol = symbolOf(s.instrumentId);
      if (!channels[channel].includes(symbol)) channels[channel].push(symbol);
    }
    return channels;
  }

  #onSubscriptionAck(msg: AlpacaRecord): void {
    const listed = (channel: AlpacaChannel, symbol: string): boolean => {
      const list = msg[channel];
      return Array.isArray(list) && (list.includes(symbol) || list.includes('*'));
    };
    const still: PendingAck[] = [];
    for (const p of this.#pending) {
      if (listed(p.channel, p.symbol) === p.present) p.resolve();
      else still.push(p);
    }
    this.#pending = still;
    // Only a session that got its subscriptions back counts as recovered for the backoff.
    this.#policy.reset();
  }

  #failPending(error: Error): void {
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) p.reject(error);
  }

  // ---- the socket ----------------------------------------------------------------------------

  #open(): void {
    this.#timer = undefined;
    const generation = ++this.#generation;
    this.#authenticated = false;
    const ws = new WebSocket(this.#config.streamUrl, { perMessageDeflate: false });
    this.#ws = ws;
    let lastError = '';
    const handshake = setTimeout(() => {
      lastError = `not authenticated within ${this.#handshakeTimeoutMs} ms`;
      ws.terminate();
    }, this.#handshakeTimeoutMs);
    ws.on('message', (data: WebSocket.RawData) => {
      if (generation !== this.#generation) return;
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString('utf8');
      this.#onFrame(text);
      if (this.#authenticated) clearTimeout(handshake);
    });
    ws.on('error', (error: Error) => {
      lastError = error.message;
    });
    ws.on('close', (code: number, reason: Buffer) => {
      clearTimeout(handshake);
      if (generation !== this.#generation) return;
      this.#ws = undefined;
      this.#authenticated = false;
      this.#onDropped(
        lastError || `socket closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`,
      );
    });
  }

  #send(text: string): void {
    this.#ws?.send(text);
  }

  #onDropped(detail: string): void {
    if (this.#closing) return;
    const delayUs = this.#policy.nextDelayUs();
    if (delayUs === undefined) {
      this.#fail(undefined, `${detail}; reconnect attempts exhausted`);
      return;
    }
    this.#setStatus(FeedStatus.RECONNECTING, `${detail}; retrying in ${Math.round(delayUs / 1000)} ms`);
    this.#timer = setTimeout(() => this.#open(), delayUs / 1000);
  }

  /** Ends the feed for good: CLOSED, no retry. */
  #fail(code: number | undefined, detail: string): void {
    this.#closing = true;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ws = this.#ws;
    this.#ws = undefined;
    this.#authenticated = false;
    ws?.close();
    const error = new AlpacaStreamError(code, `Alpaca stream: ${detail}`);
    this.#failPending(error);
    this.#setStatus(FeedStatus.CLOSED, detail);
    this.#connectWaiter?.reject(error);
    this.#connectWaiter = undefined;
  }

  #setStatus(status: FeedStatus, detail?: string): void {
    this.#status = status;
    this.#sink?.onStatus(status, detail);
  }

  // ---- messages ------------------------------------------------------------------------------

  #onFrame(text: string): void {
    const tsInit = this.#clock.timestampUs();
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch (error) {
      this.#malformed('json', text, (error as Error).message);
      return;
    }
    if (!Array.isArray(frame)) {
      this.#malformed('frame', text, 'expected an array of messages');
      return;
    }
    for (const msg of frame) {
      // A fatal error inside this frame ends the session: ignore the rest of it.
      if (this.#sink === undefined || this.#closing) return;
      if (typeof msg !== 'object' || msg === null || typeof (msg as AlpacaRecord).T !== 'string') {
        this.#malformed('message', JSON.stringify(msg), 'expected an object with a string "T"');
        continue;
      }
      this.#onMessage(msg as AlpacaRecord, tsInit);
    }
  }

  #onMessage(msg: AlpacaRecord, tsInit: number): void {
    const type = msg.T as string;
    switch (type) {
      case 't':
      case 'q':
      case 'b':
        this.#onData(type, msg, tsInit);
        return;
      case 'success':
        if (msg.msg === 'connected') this.#send(authMessage(this.#config.keyId, this.#config.secretKey));
        else if (msg.msg === 'authenticated') this.#onAuthenticated();
        else this.#malformed('success', JSON.stringify(msg), 'unknown success message');
        return;
      case 'subscription':
        this.#onSubscriptionAck(msg);
        return;
      case 'error':
        this.#onServerError(msg);
        return;
      default: {
        const what = UNSUPPORTED_TYPES[type];
        if (what !== undefined)
          this.#malformed(`unsupported:${type}`, JSON.stringify(msg), `${what} not supported`);
        else
          this.#malformed('unknown-type', JSON.stringify(msg), `unknown message type "${type.slice(0, 20)}"`);
      }
    }
  }

  #onAuthenticated(): void {
    this.#authenticated = true;
    const channels = this.#allChannels();
    const count = channels.trades.length + channels.quotes.length + channels.bars.length;
    if (count > 0) this.#send(subscriptionMessage('subscribe', channels));
    else this.#policy.reset();
    this.#setStatus(FeedStatus.CONNECTED, 'authenticated');
    this.#connectWaiter?.resolve();
    this.#connectWaiter = undefined;
  }

  #onServerError(msg: AlpacaRecord): void {
    const code = typeof msg.code === 'number' ? msg.code : undefined;
    const detail = `error ${code ?? '?'}: ${typeof msg.msg === 'string' ? msg.msg : 'no message'}`;
    if (code !== undefined && FATAL_STREAM_ERRORS.has(code)) {
      this.#fail(code, detail);
      return;
    }
    // The request at hand failed (e.g. 405 symbol limit): its callers learn why, the refused
    // subscriptions are forgotten (not retried on reconnect), and the feed goes on.
    for (const p of this.#pending) {
      if (!p.present) continue;
      for (const [key, s] of this.#subs)
        if (channelOf(s) === p.channel && symbolOf(s.instrumentId) === p.symbol) this.#subs.delete(key);
    }
    this.#failPending(new AlpacaStreamError(code, `Alpaca stream: ${detail}`));
    this.#setStatus(this.#status, detail);
  }

  #onData(type: 't' | 'q' | 'b', msg: AlpacaRecord, tsInit: number): void {
    const sink = this.#sink!;
    const kind = type === 't' ? 'trade' : type === 'q' ? 'quote' : 'bar';
    const id = this.#instrument(msg.S);
    if (id === undefined) {
      this.#malformed(kind, JSON.stringify(msg), `S: invalid symbol ${JSON.stringify(msg.S)}`);
      return;
    }
    const precision = precisionOf(this.#config, msg.S as string);
    if (type === 't') {
      const trade = parseTrade(msg, id, precision, tsInit);
      if (trade instanceof AlpacaParseError) this.#malformed(kind, JSON.stringify(msg), trade.reason);
      else sink.onTrade(trade);
    } else if (type === 'q') {
      const quote = parseQuote(msg, id, precision, tsInit);
      if (quote instanceof AlpacaParseError) this.#malformed(kind, JSON.stringify(msg), quote.reason);
      else sink.onQuote(quote);
    } else {
      const bar = parseBar(msg, id, precision, tsInit);
      if (bar instanceof AlpacaParseError) this.#malformed(kind, JSON.stringify(msg), bar.reason);
      else sink.onBar(bar);
    }
  }

  #instrument(symbol: unknown): InstrumentId | undefined {
    if (typeof symbol !== 'string') return undefined;
    const known = this.#ids.get(symbol);
    if (known !== undefined) return known;
    const parsed = parseInstrumentId(`${symbol}.${this.venue}`);
    if (!parsed.ok) return undefined;
    this.#ids.set(symbol, parsed.value);
    return parsed.value;
  }

  #malformed(kind: string, raw: string, reason: string): void {
    this.#sink?.onMalformed(kind, raw.slice(0, SAMPLE), reason);
  }
}
