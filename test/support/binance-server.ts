/**
 * A local stand-in for Binance spot on 127.0.0.1: the REST endpoints a data client needs
 * (`/api/v3/exchangeInfo`, `/api/v3/depth`, `/api/v3/klines`, `/api/v3/time`) served from the
 * fixtures in `test/fixtures/binance/`, and the market-stream WebSocket (`SUBSCRIBE` /
 * `UNSUBSCRIBE` requests answered `{"result":null,"id":n}` as Binance does).
 *
 * Streams are raw (no `{stream, data}` wrapper), named as Binance names them: `<sym>@trade`,
 * `<sym>@depth@100ms`, `<sym>@ticker` (24hr ticker, `e: "24hrTicker"`), `<sym>@kline_<interval>`
 * (`e: "kline"`, the candle in `k`, `k.x` true on its final update). {@link binanceTicker} and
 * {@link binanceKline} build those two events from their fixtures.
 *
 * Tests script the stream: push events to the subscribers of a stream, push raw garbage, drop
 * every socket mid-stream, or replace the depth snapshot the next REST call returns. Both
 * servers share one ephemeral port; {@link BinanceServer.close} ends them and every socket.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CcxtDataClient } from '../../src/adapters/ccxt/data-client.js';
import { LiveClock } from '../../src/core/clock.js';
import type { FeedEvent } from '../../src/data/feed/feed-event.js';
import { FeedPipeline } from '../../src/data/feed/feed-pipeline.js';

const FIXTURES = new URL('../../../test/fixtures/binance/', import.meta.url);

/** Reads a fixture file as parsed JSON. */
export function binanceFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** A `<sym>@ticker` event (fixture `ticker.json`) with some fields replaced. */
export function binanceTicker(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...binanceFixture<Record<string, unknown>>('ticker.json'), ...fields };
}

/**
 * A `<sym>@kline_1m` event (fixture `kline.json`) with some candle (`k`) fields replaced. `k.T`
 * follows `k.t` (one minute less 1 ms) unless given, and `E` is set just after the update.
 */
export function binanceKline(k: Record<string, unknown> = {}): Record<string, unknown> {
  const event = binanceFixture<{ k: Record<string, unknown> }>('kline.json');
  const candle = { ...event.k, ...k };
  if (k.t !== undefined && k.T === undefined) candle.T = (k.t as number) + 59_999;
  return { ...event, E: (candle.T as number) + 1, k: candle };
}

/** A REST depth snapshot as Binance returns it. */
export interface DepthSnapshot {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

/** One accepted stream socket and the streams it subscribed to. */
interface Connection {
  readonly socket: WebSocket;
  readonly streams: Set<string>;
}

export class BinanceServer {
  /** Requests served per REST path, e.g. `/api/v3/depth`. */
  readonly requests = new Map<string, number>();
  /** Subscribe requests received, in order (stream names). */
  readonly subscribeLog: string[] = [];
  /** Depth snapshots per symbol (`BTCUSDT`); the fixture by default. */
  readonly depth = new Map<string, DepthSnapshot>();
  /** Connections accepted since start. */
  connectionsAccepted = 0;
  /**
   * Kline history per symbol (`BTCUSDT`), served by `/api/v3/klines` as Binance does: rows with
   * `startTime ≤ open time ≤ endTime`, at most `limit` (default 500, max 1000). Symbols not listed
   * get the fixture rows whatever the query.
   */
  readonly klines = new Map<string, unknown[][]>();
  /** When set, `/api/v3/klines` requests beyond this many have their connection reset. */
  klinesFailAfter: number | undefined;

  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<Connection>();
  readonly #waiters: { stream: string; resolve: () => void }[] = [];

  private constructor(
    http: Server,
    wss: WebSocketServer,
    readonly port: number,
  ) {
    this.#http = http;
    this.#wss = wss;
  }

  /** Starts both servers on an ephemeral port of 127.0.0.1. */
  static async start(): Promise<BinanceServer> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const server = new BinanceServer(http, wss, (http.address() as AddressInfo).port);
    server.depth.set('BTCUSDT', binanceFixture<DepthSnapshot>('depth-snapshot.json'));
    http.on('request', (req, res) => server.#rest(req, res));
    wss.on('connection', (socket) => server.#accept(socket));
    return server;
  }

  /** REST base as ccxt's `urls.api.public` wants it. */
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v3`;
  }

  /**
   * Stream base. The path contains `/stream` because ccxt tells spot from futures sockets by
   * that substring (`wss://stream.binance.com:9443/ws` in production).
   */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/stream/ws`;
  }

  /** Open sockets. */
  get connections(): number {
    return this.#connections.size;
  }

  /** Resolves once some socket is subscribed to `stream` (e.g. `btcusdt@trade`). */
  waitForSubscription(stream: string, timeoutMs = 5_000): Promise<void> {
    if ([...this.#connections].some((c) => c.streams.has(stream))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no subscription to ${stream}`)), timeoutMs);
      this.#waiters.push({
        stream,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Sends an event (object or raw text) to every socket subscribed to `stream`; returns how many. */
  send(stream: string, event: unknown): number {
    const text = typeof event === 'string' ? event : JSON.stringify(event);
    let sent = 0;
    for (const c of this.#connections)
      if (c.streams.has(stream)) {
        c.socket.send(text);
        sent++;
      }
    return sent;
  }

  /** Drops every stream socket abruptly (no close frame), as a network failure would. */
  dropConnections(): void {
    for (const c of this.#connections) c.socket.terminate();
    this.#connections.clear();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const connection: Connection = { socket, streams: new Set() };
    this.#connections.add(connection);
    this.connectionsAccepted++;
    socket.on('close', () => this.#connections.delete(connection));
    socket.on('error', () => this.#connections.delete(connection));
    socket.on('message', (data) => {
      let request: { method?: string; params?: string[]; id?: number };
      try {
        request = JSON.parse(String(data)) as typeof request;
      } catch {
        socket.send(JSON.stringify({ error: { code: 2, msg: 'Invalid JSON' }, id: null }));
        return;
      }
      const params = request.params ?? [];
      if (request.method === 'SUBSCRIBE') {
        for (const stream of params) {
          connection.streams.add(stream);
          this.subscribeLog.push(stream);
        }
        socket.send(JSON.stringify({ result: null, id: request.id }));
        this.#notify();
      } else if (request.method === 'UNSUBSCRIBE') {
        for (const stream of params) connection.streams.delete(stream);
        socket.send(JSON.stringify({ result: null, id: request.id }));
      }
    });
  }

  #notify(): void {
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const waiter = this.#waiters[i];
      if ([...this.#connections].some((c) => c.streams.has(waiter.stream))) {
        this.#waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  #rest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    this.requests.set(url.pathname, (this.requests.get(url.pathname) ?? 0) + 1);
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case '/api/v3/exchangeInfo':
        return reply(200, binanceFixture('exchange-info.json'));
      case '/api/v3/time':
        return reply(200, { serverTime: 1700000000000 });
      case '/api/v3/klines': {
        const served = this.requests.get(url.pathname) ?? 0;
        if (this.klinesFailAfter !== undefined && served > this.klinesFailAfter) {
          req.socket.destroy();
          return;
        }
        const history = this.klines.get(url.searchParams.get('symbol') ?? '');
        return reply(200, history === undefined ? binanceFixture('klines.json') : klinesQuery(history, url));
      }
      case '/api/v3/depth': {
        const snapshot = this.depth.get(url.searchParams.get('symbol') ?? '');
        return snapshot === undefined
          ? reply(400, { code: -1121, msg: 'Invalid symbol.' })
          : reply(200, snapshot);
      }
      default:
        return reply(404, { code: -1000, msg: `unknown path ${url.pathname}` });
    }
  }
}

/** The rows of `history` a klines query selects (Binance's `startTime`, `endTime`, `limit`). */
function klinesQuery(history: unknown[][], url: URL): unknown[][] {
  const number = (name: string, fallback: number): number => {
    const text = url.searchParams.get(name);
    return text === null ? fallback : Number(text);
  };
  const start = number('startTime', -Infinity);
  const end = number('endTime', Infinity);
  const limit = Math.min(number('limit', 500), 1000);
  return history.filter((row) => (row[0] as number) >= start && (row[0] as number) <= end).slice(0, limit);
}

/** A {@link CcxtDataClient} attached to a {@link FeedPipeline} on a fresh server, drained into `events`. */
export interface BinanceFeed {
  readonly server: BinanceServer;
  readonly client: CcxtDataClient;
  readonly pipeline: FeedPipeline;
  /** Everything the pipeline let through, in order (drained every 5 ms). */
  readonly events: FeedEvent[];
  close(): Promise<void>;
}

/** Starts a server and a client on it (reconnect backoff 20–100 ms, so tests reconnect quickly). */
export async function startBinanceFeed(): Promise<BinanceFeed> {
  const server = await BinanceServer.start();
  const clock = new LiveClock();
  const pipeline = new FeedPipeline({ clock, maxFutureUs: Number.MAX_SAFE_INTEGER });
  const client = new CcxtDataClient(
    { exchangeId: 'binance', restUrl: server.restUrl, wsUrl: server.wsUrl },
    { clock, reconnect: { initialDelayUs: 20_000, maxDelayUs: 100_000 } },
  );
  await pipeline.attach(client);
  const events: FeedEvent[] = [];
  const timer = setInterval(() => pipeline.drain((e) => events.push(e)), 5);
  return {
    server,
    client,
    pipeline,
    events,
    close: async () => {
      clearInterval(timer);
      await client.disconnect();
      await server.close();
    },
  };
}

/** Polls until `ok()` (every 10 ms) or throws after `ms`. */
export async function until(ok: () => boolean, what: string, ms = 4_000): Promise<void> {
  for (let waited = 0; !ok(); waited += 10) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
