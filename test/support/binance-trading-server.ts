/**
 * A local stand-in for Binance spot trading on 127.0.0.1, for the ccxt execution client: the
 * signed REST endpoints (`POST`/`DELETE`/`GET /api/v3/order`, `GET /api/v3/openOrders`,
 * `GET /api/v3/myTrades`, plus `exchangeInfo` and `time`) and the WebSocket API's user data
 * stream (`/ws-api/v3`, `userDataStream.subscribe.signature`, events pushed as
 * `{ subscriptionId, event: { e: "executionReport", ... } }`), which is what ccxt 4.5.84's
 * `watchOrders` uses for spot. The legacy `POST /api/v3/userDataStream` (listenKey) is answered too.
 *
 * Signatures are not verified, but a signed request must carry `X-MBX-APIKEY`, `timestamp` and
 * `signature` (else 401 / 400 as Binance answers), so the tests show ccxt signs what it sends.
 *
 * The fill model is the test's: orders rest until the test calls {@link BinanceTradingServer.fill};
 * market orders fill at once at {@link BinanceTradingServer.marketPrice} as takers. The test can
 * refuse the next order with a Binance error, mute the stream, swallow a submit (the order is placed but the reply
 * never comes) or lose it (the connection drops before the order is placed), drop the stream and
 * keep it down, repeat an event, or push raw messages. Time is a counter from 1 700 000 000 000 ms,
 * one millisecond per event, so times in reports are exact.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { formatFixed, mulRaw, parseDecimal } from '../../src/model/types/fixed-point.js';
import { binanceFixture } from './binance-server.js';

/** Decimals of Binance's decimal strings. */
const D = 8;
const raw = (text: string): number => {
  const parsed = parseDecimal(text, D);
  if (typeof parsed === 'string') throw new RangeError(`bad decimal ${text}`);
  return parsed.raw;
};
const dec = (value: number): string => formatFixed(value, D);

/** A trading fixture (test/fixtures/binance/trading/<name>). */
export function tradingFixture<T = Record<string, unknown>>(name: string): T {
  return binanceFixture<T>(`trading/${name}`);
}

/** A Binance error body from `errors.json` by name. */
export function binanceError(name: string): { code: number; msg: string } {
  return tradingFixture<Record<string, { code: number; msg: string }>>('errors.json')[name];
}

/** An order as the server holds it (amounts raw at 8 decimals). */
export interface ServerOrder {
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: string;
  readonly timeInForce: string;
  readonly price: number;
  readonly stopPrice: number;
  readonly origQty: number;
  executed: number;
  cumQuote: number;
  status: string;
  readonly time: number;
  updateTime: number;
}

/** A `myTrades` row. */
export interface ServerTrade {
  readonly symbol: string;
  readonly id: number;
  readonly orderId: number;
  readonly orderListId: -1;
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
  readonly isBestMatch: boolean;
}

/** Options of one fill. */
export interface FillOptions {
  /** Our side was the maker (default true for limit orders, false for market orders). */
  readonly maker?: boolean;
  /** Commission (default `0.00000000`) and its asset (default the quote, USDT). */
  readonly commission?: string;
  readonly commissionAsset?: string;
}

interface StreamSocket {
  readonly socket: WebSocket;
  subscriptionId: number | undefined;
}

type Params = URLSearchParams;

export class BinanceTradingServer {
  /** Requests served per `METHOD path`, e.g. `POST /api/v3/order`. */
  readonly requests = new Map<string, number>();
  /** Every REST request's parameters (query and form body), in order. */
  readonly log: { readonly method: string; readonly path: string; readonly params: Params }[] = [];
  /** Orders by client order id. */
  readonly orders = new Map<string, ServerOrder>();
  readonly trades: ServerTrade[] = [];
  /** Every event pushed to the stream (the `event` objects), in order, whether anyone listened or not. */
  readonly events: Record<string, unknown>[] = [];
  /** While true, events are recorded but not sent (a stream that lags behind REST). */
  muted = false;
  /** Price of market-order fills. */
  marketPrice = '42010.00000000';
  /** Commission of market-order fills (taker). */
  marketFill: FillOptions = {};
  /** Stream subscriptions accepted since start. */
  subscriptions = 0;
  /** WebSocket messages the server received that it did not understand. */
  readonly unknownWsRequests: unknown[] = [];

  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<StreamSocket>();
  readonly #held = new Set<ServerResponse>();
  #now = 1_700_000_000_000;
  #nextOrderId = 1000;
  #nextTradeId = 9000;
  #nextSubscription = 0;
  #streamsDown = false;
  #nextSubmit:
    { kind: 'reject'; status: number; body: unknown } | { kind: 'stall' } | { kind: 'lose' } | undefined;

  private constructor(
    http: Server,
    wss: WebSocketServer,
    readonly port: number,
  ) {
    this.#http = http;
    this.#wss = wss;
  }

  /** Starts the server on an ephemeral port of 127.0.0.1. */
  static async start(): Promise<BinanceTradingServer> {
    const http = createServer();
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const server = new BinanceTradingServer(http, wss, (http.address() as AddressInfo).port);
    http.on('request', (req, res) => server.#rest(req, res));
    http.on('upgrade', (req, socket, head) => server.#upgrade(req, socket as Socket, head));
    return server;
  }

  /** REST base (ccxt `urls.api.public` and `.private`). */
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v3`;
  }

  /** WebSocket API base (ccxt `urls.api.ws['ws-api'].spot`). */
  get wsApiUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws-api/v3`;
  }

  /** Sockets subscribed to the user data stream now. */
  get streamSubscribers(): number {
    return [...this.#sockets].filter((s) => s.subscriptionId !== undefined).length;
  }

  /** The venue's clock (ms): one tick per event. */
  get now(): number {
    return this.#now;
  }

  /** The next order is refused with this Binance error (HTTP 400 unless given). */
  rejectNextOrder(error: { code: number; msg: string }, status = 400): void {
    this.#nextSubmit = { kind: 'reject', status, body: error };
  }

  /** The next order is placed (and reported on the stream) but its HTTP reply never comes. */
  stallNextOrder(): void {
    this.#nextSubmit = { kind: 'stall' };
  }

  /** The next order request's connection is dropped before the order is placed. */
  loseNextOrder(): void {
    this.#nextSubmit = { kind: 'lose' };
  }

  /**
   * Drops every stream socket abruptly (no close frame); with `keepDown`, new connections are
   * refused (HTTP 503 on the upgrade) until {@link resumeStreams}.
   */
  dropStreams(keepDown = false): void {
    this.#streamsDown = keepDown;
    for (const s of this.#sockets) s.socket.terminate();
    this.#sockets.clear();
  }

  resumeStreams(): void {
    this.#streamsDown = false;
  }

  /** Sends a message as is (an object as JSON, a string raw) to every subscribed socket. */
  pushRaw(message: unknown): number {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    let sent = 0;
    for (const s of this.#sockets)
      if (s.subscriptionId !== undefined) {
        s.socket.send(text);
        sent++;
      }
    return sent;
  }

  /** Pushes an event (wrapped as the WebSocket API wraps user data events). */
  push(event: Record<string, unknown>): void {
    this.events.push(event);
    if (this.muted) return;
    for (const s of this.#sockets)
      if (s.subscriptionId !== undefined)
        s.socket.send(JSON.stringify({ subscriptionId: s.subscriptionId, event }));
  }

  /** Sends the latest event again (a repeated execution report). */
  repeatLastEvent(): void {
    const last = this.events.at(-1);
    if (last === undefined) throw new Error('no event yet');
    this.push(last);
  }

  /** Resolves once at least `count` subscriptions were accepted since start. */
  async waitForSubscriptions(count: number, ms = 5_000): Promise<void> {
    for (let waited = 0; this.subscriptions < count; waited += 10) {
      if (waited > ms) throw new Error(`only ${this.subscriptions} of ${count} stream subscriptions`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Executes `qty` of a working order at `price` (a trade): updates it, records the trade for
   * `myTrades` and pushes the TRADE report (lost if no one is subscribed, as on Binance).
   */
  fill(clientOrderId: string, qty: string, price: string, options: FillOptions = {}): ServerTrade {
    const order = this.orders.get(clientOrderId);
    if (order === undefined || (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED'))
      throw new Error(`order ${clientOrderId} is not working`);
    const q = raw(qty);
    if (q <= 0 || order.executed + q > order.origQty)
      throw new Error(`cannot fill ${qty} of ${clientOrderId}`);
    const p = raw(price);
    const quote = mulRaw(p, D, q, D, D);
    const time = this.#tick();
    order.executed += q;
    order.cumQuote += quote;
    order.status = order.executed === order.origQty ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = time;
    const trade: ServerTrade = {
      symbol: order.symbol,
      id: ++this.#nextTradeId,
      orderId: order.orderId,
      orderListId: -1,
      price: dec(p),
      qty: dec(q),
      quoteQty: dec(quote),
      commission: options.commission ?? '0.00000000',
      commissionAsset: options.commissionAsset ?? 'USDT',
      time,
      isBuyer: order.side === 'BUY',
      isMaker: options.maker ?? order.type !== 'MARKET',
      isBestMatch: true,
    };
    this.trades.push(trade);
    this.push(
      this.#report(order, 'TRADE', {
        l: trade.qty,
        L: trade.price,
        n: trade.commission,
        N: trade.commissionAsset,
        t: trade.id,
        m: trade.isMaker,
        Y: trade.quoteQty,
        T: time,
      }),
    );
    return trade;
  }

  /** The venue cancels or expires a working order by itself (e.g. an IOC remainder): pushes the report. */
  expire(clientOrderId: string): void {
    const order = this.orders.get(clientOrderId);
    if (order === undefined) throw new Error(`no order ${clientOrderId}`);
    order.status = 'EXPIRED';
    order.updateTime = this.#tick();
    this.push(this.#report(order, 'EXPIRED', { T: order.updateTime }));
  }

  async close(): Promise<void> {
    this.dropStreams();
    for (const res of this.#held) res.destroy();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  // ---- REST ----

  #rest(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
      const params = new URLSearchParams(url.search);
      for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
      const key = `${req.method} ${url.pathname}`;
      this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
      this.log.push({ method: req.method ?? '', path: url.pathname, params });
      this.#route(req, res, key, params);
    });
  }

  #route(req: IncomingMessage, res: ServerResponse, key: string, params: Params): void {
    const reply = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    switch (key) {
      case 'GET /api/v3/exchangeInfo':
        return reply(200, binanceFixture('exchange-info.json'));
      case 'GET /api/v3/time':
        return reply(200, { serverTime: this.#now });
      case 'POST /api/v3/userDataStream':
        return req.headers['x-mbx-apikey'] === undefined
          ? reply(401, binanceError('badApiKey'))
          : reply(200, { listenKey: 'local-listen-key' });
    }
    const signed = ['/api/v3/order', '/api/v3/openOrders', '/api/v3/myTrades'];
    const path = key.slice(key.indexOf(' ') + 1);
    if (!signed.includes(path)) return reply(404, { code: -1000, msg: `unknown path ${key}` });
    if (req.headers['x-mbx-apikey'] === undefined) return reply(401, binanceError('badApiKey'));
    if (!params.has('signature') || !params.has('timestamp'))
      return reply(400, binanceError('mandatoryParameter'));
    switch (key) {
      case 'POST /api/v3/order':
        return this.#newOrder(req, res, params, reply);
      case 'DELETE /api/v3/order':
        return this.#cancelOrder(params, reply);
      case 'GET /api/v3/order': {
        const order = this.#find(params);
        return order === undefined ? reply(400, binanceError('orderNotFound')) : reply(200, this.#row(order));
      }
      case 'GET /api/v3/openOrders': {
        const symbol = params.get('symbol');
        const open = [...this.orders.values()].filter(
          (o) =>
            (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED') &&
            (symbol === null || o.symbol === symbol),
        );
        return reply(
          200,
          open.map((o) => this.#row(o)),
        );
      }
      case 'GET /api/v3/myTrades':
        return this.#myTrades(params, reply);
      default:
        return reply(404, { code: -1000, msg: `unknown path ${key}` });
    }
  }

  #newOrder(
    req: IncomingMessage,
    res: ServerResponse,
    params: Params,
    reply: (status: number, payload: unknown) => void,
  ): void {
    const plan = this.#nextSubmit;
    this.#nextSubmit = undefined;
    if (plan?.kind === 'lose') {
      req.socket.destroy();
      return;
    }
    if (plan?.kind === 'reject') return reply(plan.status, plan.body);
    const clientOrderId = params.get('newClientOrderId') ?? `srv-${this.#nextOrderId + 1}`;
    const existing = this.orders.get(clientOrderId);
    if (existing !== undefined && (existing.status === 'NEW' || existing.status === 'PARTIALLY_FILLED'))
      return reply(400, binanceError('duplicateOrder'));
    const type = params.get('type') ?? '';
    const time = this.#tick();
    const order: ServerOrder = {
      symbol: params.get('symbol') ?? '',
      orderId: ++this.#nextOrderId,
      clientOrderId,
      side: params.get('side') === 'SELL' ? 'SELL' : 'BUY',
      type,
      timeInForce: params.get('timeInForce') ?? 'GTC',
      price: raw(params.get('price') ?? '0'),
      stopPrice: raw(params.get('stopPrice') ?? '0'),
      origQty: raw(params.get('quantity') ?? '0'),
      executed: 0,
      cumQuote: 0,
      status: 'NEW',
      time,
      updateTime: time,
    };
    this.orders.set(clientOrderId, order);
    this.push(this.#report(order, 'NEW', { T: time }));
    if (type === 'MARKET')
      this.fill(clientOrderId, dec(order.origQty), this.marketPrice, { ...this.marketFill, maker: false });
    if (plan?.kind === 'stall') {
      this.#held.add(res);
      return;
    }
    reply(200, {
      ...tradingFixture<Record<string, unknown>>('order-result.json'),
      ...this.#row(order),
      transactTime: time,
      workingTime: time,
    });
  }

  #cancelOrder(params: Params, reply: (status: number, payload: unknown) => void): void {
    const order = this.#find(params);
    if (order === undefined || (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED'))
      return reply(400, binanceError('unknownOrder'));
    order.status = 'CANCELED';
    order.updateTime = this.#tick();
    const cancelId = params.get('newClientOrderId') ?? `cancel-${order.orderId}`;
    this.push(this.#report(order, 'CANCELED', { c: cancelId, C: order.clientOrderId, T: order.updateTime }));
    reply(200, {
      ...tradingFixture<Record<string, unknown>>('cancel-result.json'),
      ...this.#row(order),
      origClientOrderId: order.clientOrderId,
      clientOrderId: cancelId,
      transactTime: order.updateTime,
    });
  }

  #myTrades(params: Params, reply: (status: number, payload: unknown) => void): void {
    const symbol = params.get('symbol');
    if (symbol === null) return reply(400, binanceError('mandatoryParameter'));
    const number = (name: string): number | undefined => {
      const text = params.get(name);
      return text === null ? undefined : Number(text);
    };
    const orderId = number('orderId');
    const start = number('startTime') ?? -Infinity;
    const end = number('endTime') ?? Infinity;
    const fromId = number('fromId') ?? -Infinity;
    const limit = Math.min(number('limit') ?? 500, 1000);
    const rows = this.trades.filter(
      (t) =>
        t.symbol === symbol &&
        (orderId === undefined || t.orderId === orderId) &&
        t.time >= start &&
        t.time <= end &&
        t.id >= fromId,
    );
    reply(200, rows.slice(0, limit));
  }

  #find(params: Params): ServerOrder | undefined {
    const clientId = params.get('origClientOrderId');
    if (clientId !== null) return this.orders.get(clientId);
    const orderId = Number(params.get('orderId'));
    return [...this.orders.values()].find((o) => o.orderId === orderId);
  }

  /** An order as `GET /api/v3/order` returns it. */
  #row(order: ServerOrder): Record<string, unknown> {
    return {
      ...tradingFixture<Record<string, unknown>>('query-order.json'),
      symbol: order.symbol,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      price: dec(order.price),
      origQty: dec(order.origQty),
      executedQty: dec(order.executed),
      cummulativeQuoteQty: dec(order.cumQuote),
      status: order.status,
      timeInForce: order.timeInForce,
      type: order.type,
      side: order.side,
      stopPrice: dec(order.stopPrice),
      time: order.time,
      updateTime: order.updateTime,
      isWorking: order.status === 'NEW' || order.status === 'PARTIALLY_FILLED',
      workingTime: order.time,
    };
  }

  /** An `executionReport` of `order` after `x` happened, from the fixture with the order's fields. */
  #report(order: ServerOrder, x: string, fields: Record<string, unknown>): Record<string, unknown> {
    const template = tradingFixture<{ event: Record<string, unknown> }>('execution-report.json').event;
    return {
      ...template,
      E: this.#tick(),
      s: order.symbol,
      c: order.clientOrderId,
      C: '',
      S: order.side,
      o: order.type,
      f: order.timeInForce,
      q: dec(order.origQty),
      p: dec(order.price),
      P: dec(order.stopPrice),
      x,
      X: order.status,
      i: order.orderId,
      l: '0.00000000',
      z: dec(order.executed),
      L: '0.00000000',
      n: '0',
      N: null,
      t: -1,
      m: false,
      w: order.status === 'NEW' || order.status === 'PARTIALLY_FILLED',
      O: order.time,
      Z: dec(order.cumQuote),
      ...fields,
    };
  }

  #tick(): number {
    return ++this.#now;
  }

  // ---- the WebSocket API ----

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const path = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`).pathname;
    if (path !== '/ws-api/v3' || this.#streamsDown) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
  }

  #accept(socket: WebSocket): void {
    const entry: StreamSocket = { socket, subscriptionId: undefined };
    this.#sockets.add(entry);
    socket.on('close', () => this.#sockets.delete(entry));
    socket.on('error', () => this.#sockets.delete(entry));
    socket.on('message', (data) => {
      let request: { id?: unknown; method?: string; params?: Record<string, unknown> };
      try {
        request = JSON.parse(String(data)) as typeof request;
      } catch {
        this.unknownWsRequests.push(String(data));
        return;
      }
      const params = request.params ?? {};
      if (request.method === 'userDataStream.subscribe.signature') {
        if (
          typeof params.apiKey !== 'string' ||
          params.signature === undefined ||
          params.timestamp === undefined
        ) {
          socket.send(
            JSON.stringify({ id: request.id, status: 400, error: binanceError('mandatoryParameter') }),
          );
          return;
        }
        entry.subscriptionId = this.#nextSubscription++;
        this.subscriptions++;
        socket.send(
          JSON.stringify({
            ...tradingFixture<Record<string, unknown>>('subscribe-response.json'),
            id: request.id,
            result: { subscriptionId: entry.subscriptionId },
          }),
        );
      } else if (request.method === 'userDataStream.unsubscribe') {
        entry.subscriptionId = undefined;
        socket.send(JSON.stringify({ id: request.id, status: 200, result: {} }));
      } else {
        this.unknownWsRequests.push(request);
        socket.send(
          JSON.stringify({ id: request.id, status: 400, error: { code: -1100, msg: 'unknown method' } }),
        );
      }
    });
  }
}
