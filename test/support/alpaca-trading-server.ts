/**
 * A local stand-in for Alpaca's Trading API v2 on 127.0.0.1 (ephemeral port): the REST orders
 * endpoints (`POST/GET /v2/orders`, `GET/DELETE/PATCH /v2/orders/{id}`,
 * `GET /v2/orders:by_client_order_id`), FILL account activities with `page_token` paging, and the
 * `trade_updates` WebSocket (`/stream`: `auth`, `listen`, binary frames as on paper).
 *
 * Orders are built from `test/fixtures/alpaca/trading/order.json`. Nothing fills by itself: the
 * test is the fill model — it accepts, fills (partly), cancels, rejects and replaces orders, can
 * answer the next request with an error or not at all, repeat a message, send garbage, drop or
 * refuse sockets.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { formatTimestampUs } from '../../src/core/clock.js';

const FIXTURES = new URL('../../../test/fixtures/alpaca/trading/', import.meta.url);

/** A fixture file of `test/fixtures/alpaca/trading`, parsed. */
export function tradingFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** One REST answer: a status and a JSON body. */
export interface RestReply {
  readonly status: number;
  readonly body?: unknown;
}

/** What to do with the next request of a kind. `hang`: never answer (the client times out); `process`: act, then never answer. */
export type Scripted = RestReply | 'hang' | 'process-then-hang';

export type AlpacaOrderJson = Record<string, unknown> & {
  id: string;
  client_order_id: string;
  status: string;
  qty: string;
  filled_qty: string;
};

interface Execution {
  readonly activity: Record<string, unknown>;
  readonly tsUs: number;
}

const TERMINAL = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced']);

/** `20240304100001500` (New York time, ms) of a UTC µs time, as Alpaca's activity ids begin. */
function activityStamp(us: number): string {
  // 2024-03-04 is in EST (UTC−5), the only offset the tests use.
  return formatTimestampUs(Math.floor(us / 1000) * 1000 - 5 * 3_600_000_000)
    .replace(/[-T:.Z]/g, '')
    .slice(0, 17);
}

export class AlpacaTradingServer {
  /** REST requests: method, path with query, and the JSON body sent. */
  readonly requests: { method: string; url: string; body: Record<string, string> }[] = [];
  /** Client WebSocket messages, parsed, with the connection number. */
  readonly messages: { conn: number; message: Record<string, unknown> }[] = [];
  connections = 0;
  readonly orders = new Map<string, AlpacaOrderJson>();
  readonly executions: Execution[] = [];
  /** Scripted answers, first in first out, per route: `submit`, `cancel`, `replace`, `lookup`. */
  readonly script: Record<'submit' | 'cancel' | 'replace' | 'lookup', Scripted[]> = {
    submit: [],
    cancel: [],
    replace: [],
    lookup: [],
  };
  /** False: new sockets are closed at once (the venue is unreachable). */
  acceptSockets = true;
  /** Answer a POST with a `new` update on the stream right away (default true). */
  autoNew = true;
  /**
   * Give FILL activities ids whose execution part differs from the stream's `execution_id`
   * (Alpaca does not promise they match): the client must still not count a fill twice.
   */
  activityIdsDiffer = false;
  /** Page size cap of activities (Alpaca: 100). */
  maxPageSize = 100;
  /** Venue time of the next event, µs; advanced 1 ms per event. */
  nowUs: number;

  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #listening = new Set<WebSocket>();
  readonly #hung: ServerResponse[] = [];
  readonly #template = tradingFixture<AlpacaOrderJson>('order.json');
  readonly #waiters = new Set<() => void>();
  #seq = 0;

  private constructor(startUs: number) {
    this.nowUs = startUs;
    this.#http = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => this.#rest(req, res, body));
    });
    this.#wss = new WebSocketServer({ server: this.#http, path: '/stream' });
    this.#wss.on('connection', (ws) => this.#onConnection(ws));
  }

  static async start(startUs: number): Promise<AlpacaTradingServer> {
    const server = new AlpacaTradingServer(startUs);
    await new Promise<void>((resolve) => server.#http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#http.address() as AddressInfo).port}`;
  }

  /** Sockets listening to `trade_updates`. */
  get listeners(): number {
    return [...this.#listening].filter((ws) => ws.readyState === WebSocket.OPEN).length;
  }

  async close(): Promise<void> {
    for (const res of this.#hung.splice(0)) res.destroy();
    for (const ws of this.#wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  /** Resolves once `predicate` holds (checked on every server event and every 10 ms). */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.#waiters.delete(check);
        resolve();
      };
      const poll = setInterval(check, 10);
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  // ---- the fill model --------------------------------------------------------------------------

  /** The order with this Alpaca id or client order id. */
  order(id: string): AlpacaOrderJson {
    const found = this.orders.get(id) ?? [...this.orders.values()].find((o) => o.client_order_id === id);
    if (found === undefined) throw new Error(`no order ${id}`);
    return found;
  }

  /** Executes `qty` at `price` (decimal strings): `partial_fill` or `fill` on the stream, a FILL activity. */
  fill(id: string, qty: string, price: string, options: { repeat?: number } = {}): Record<string, unknown> {
    const o = this.order(id);
    const ts = this.#tick();
    const filled = Number(o.filled_qty) + Number(qty);
    if (filled > Number(o.qty)) throw new Error(`overfill of ${o.id}`);
    const done = filled === Number(o.qty);
    const executionId = this.#uuid('e');
    Object.assign(o, {
      filled_qty: String(filled),
      status: done ? 'filled' : 'partially_filled',
      filled_avg_price: price,
      updated_at: formatTimestampUs(ts),
      ...(done ? { filled_at: formatTimestampUs(ts) } : {}),
    });
    this.executions.push({
      tsUs: ts,
      activity: {
        id: `${activityStamp(ts)}::${this.activityIdsDiffer ? this.#uuid('c') : executionId}`,
        activity_type: 'FILL',
        transaction_time: formatTimestampUs(ts),
        type: done ? 'fill' : 'partial_fill',
        price,
        qty,
        side: o.side,
        symbol: o.symbol,
        leaves_qty: String(Number(o.qty) - filled),
        order_id: o.id,
        cum_qty: String(filled),
        order_status: o.status,
      },
    });
    const message = this.update(done ? 'fill' : 'partial_fill', o, ts, {
      execution_id: executionId,
      price,
      qty,
      position_qty: String(filled),
    });
    for (let i = 0; i < (options.repeat ?? 0); i++) this.sendRaw(JSON.stringify(message));
    return message;
  }

  /** Alpaca cancels the order (e.g. the test's stand-in for a cancel at the venue). */
  cancel(id: string): void {
    const o = this.order(id);
    const ts = this.#tick();
    Object.assign(o, {
      status: 'canceled',
      canceled_at: formatTimestampUs(ts),
      updated_at: formatTimestampUs(ts),
    });
    this.update('canceled', o, ts);
  }

  /** The venue refuses the order after taking it (`rejected` update). */
  reject(id: string): void {
    const o = this.order(id);
    const ts = this.#tick();
    Object.assign(o, {
      status: 'rejected',
      failed_at: formatTimestampUs(ts),
      updated_at: formatTimestampUs(ts),
    });
    this.update('rejected', o, ts);
  }

  /** Sends `{"stream":"trade_updates","data":{event, order, timestamp, ...extra}}` to listeners. */
  update(
    event: string,
    o: AlpacaOrderJson,
    ts = this.#tick(),
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const message = {
      stream: 'trade_updates',
      data: { event, timestamp: formatTimestampUs(ts), at: formatTimestampUs(ts), order: { ...o }, ...extra },
    };
    this.sendRaw(JSON.stringify(message));
    return message;
  }

  /** Sends text as is to every listening socket (binary frames, as Alpaca's paper stream). */
  sendRaw(text: string): void {
    for (const ws of this.#listening)
      if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.from(text), { binary: true });
  }

  /** Drops every socket without a close handshake, as a network failure would. */
  dropAll(): void {
    for (const ws of this.#wss.clients) ws.terminate();
  }

  // ---- the socket ------------------------------------------------------------------------------

  #onConnection(ws: WebSocket): void {
    const conn = ++this.connections;
    if (!this.acceptSockets) {
      ws.terminate();
      return;
    }
    let authorized = false;
    ws.on('message', (data) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return;
      }
      this.messages.push({ conn, message });
      if (message.action === 'auth') {
        authorized = message.key === 'test-key' && message.secret === 'test-secret';
        ws.send(
          JSON.stringify({
            stream: 'authorization',
            data: { action: 'authenticate', status: authorized ? 'authorized' : 'unauthorized' },
          }),
        );
      } else if (message.action === 'listen' && authorized) {
        const streams = ((message.data as { streams?: string[] } | undefined)?.streams ?? []).filter(
          (s) => s === 'trade_updates',
        );
        if (streams.length > 0) this.#listening.add(ws);
        ws.send(JSON.stringify({ stream: 'listening', data: { streams } }));
      }
      this.#changed();
    });
    ws.on('close', () => {
      this.#listening.delete(ws);
      this.#changed();
    });
  }

  // ---- REST ------------------------------------------------------------------------------------

  #rest(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const reply = (r: RestReply): void => {
      if (r.body === undefined) {
        res.writeHead(r.status);
        res.end();
      } else {
        res.writeHead(r.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(r.body));
      }
    };
    if (
      req.headers['apca-api-key-id'] !== 'test-key' ||
      req.headers['apca-api-secret-key'] !== 'test-secret'
    ) {
      reply({ status: 401, body: { message: 'unauthorized.' } });
      return;
    }
    let body: Record<string, string> = {};
    try {
      body = text.length > 0 ? (JSON.parse(text) as Record<string, string>) : {};
    } catch {
      reply({ status: 400, body: { code: 40010000, message: 'malformed json' } });
      return;
    }
    this.requests.push({ method, url: `${url.pathname}${url.search}`, body });
    this.#changed();
    const path = url.pathname;
    const orderPath = /^\/v2\/orders\/([^/:]+)$/.exec(path);
    if (method === 'POST' && path === '/v2/orders')
      this.#scripted('submit', res, reply, () => this.#submit(body));
    else if (method === 'GET' && path === '/v2/orders:by_client_order_id')
      this.#scripted('lookup', res, reply, () => this.#find(url.searchParams.get('client_order_id') ?? ''));
    else if (method === 'GET' && path === '/v2/orders') {
      const open = [...this.orders.values()].filter((o) => !TERMINAL.has(o.status));
      reply({
        status: 200,
        body: url.searchParams.get('status') === 'open' ? open : [...this.orders.values()],
      });
    } else if (method === 'GET' && path === '/v2/account/activities/FILL')
      reply(this.#activities(url.searchParams));
    else if (orderPath !== null && method === 'GET') reply(this.#find(orderPath[1], true));
    else if (orderPath !== null && method === 'DELETE')
      this.#scripted('cancel', res, reply, () => this.#cancel(orderPath[1]));
    else if (orderPath !== null && method === 'PATCH')
      this.#scripted('replace', res, reply, () => this.#replace(orderPath[1], body));
    else reply({ status: 404, body: { code: 40410000, message: 'endpoint not found' } });
  }

  #scripted(
    route: keyof AlpacaTradingServer['script'],
    res: ServerResponse,
    reply: (r: RestReply) => void,
    act: () => RestReply,
  ): void {
    const next = this.script[route].shift();
    if (next === undefined) reply(act());
    else if (next === 'hang') this.#hung.push(res);
    else if (next === 'process-then-hang') {
      act();
      this.#hung.push(res);
    } else reply(next);
  }

  #submit(body: Record<string, string>): RestReply {
    if ([...this.orders.values()].some((o) => o.client_order_id === body.client_order_id))
      return { status: 422, body: { code: 40010001, message: 'client_order_id must be unique' } };
    if (!(Number(body.qty) > 0)) return tradingFixture<RestReply>('error-422.json');
    const ts = this.#tick();
    const o: AlpacaOrderJson = {
      ...this.#template,
      id: this.#uuid('o'),
      client_order_id: body.client_order_id,
      created_at: formatTimestampUs(ts),
      updated_at: formatTimestampUs(ts),
      submitted_at: formatTimestampUs(ts),
      symbol: body.symbol,
      qty: body.qty,
      filled_qty: '0',
      filled_avg_price: null,
      type: body.type,
      order_type: body.type,
      side: body.side,
      time_in_force: body.time_in_force,
      limit_price: body.limit_price ?? null,
      stop_price: body.stop_price ?? null,
      status: 'accepted',
    };
    this.orders.set(o.id, o);
    if (this.autoNew) {
      o.status = 'new';
      this.update('new', o);
    }
    return { status: 200, body: { ...o } };
  }

  #find(id: string, byId = false): RestReply {
    const o = byId ? this.orders.get(id) : [...this.orders.values()].find((x) => x.client_order_id === id);
    return o === undefined ? tradingFixture<RestReply>('error-404.json') : { status: 200, body: { ...o } };
  }

  #cancel(id: string): RestReply {
    const o = this.orders.get(id);
    if (o === undefined) return tradingFixture<RestReply>('error-404.json');
    if (TERMINAL.has(o.status)) return tradingFixture<RestReply>('error-422-not-cancelable.json');
    this.update('pending_cancel', { ...o, status: 'pending_cancel' });
    this.cancel(id);
    return { status: 204 };
  }

  #replace(id: string, body: Record<string, string>): RestReply {
    const old = this.orders.get(id);
    if (old === undefined) return tradingFixture<RestReply>('error-404.json');
    if (TERMINAL.has(old.status))
      return { status: 422, body: { code: 42210000, message: 'order is not replaceable' } };
    const ts = this.#tick();
    const o: AlpacaOrderJson = {
      ...old,
      id: this.#uuid('o'),
      client_order_id: body.client_order_id ?? this.#uuid('c'),
      created_at: formatTimestampUs(ts),
      updated_at: formatTimestampUs(ts),
      qty: body.qty ?? String(Number(old.qty) - Number(old.filled_qty)),
      filled_qty: '0',
      filled_avg_price: null,
      limit_price: body.limit_price ?? old.limit_price,
      stop_price: body.stop_price ?? old.stop_price,
      replaces: old.id,
      replaced_by: null,
      status: 'new',
    };
    this.orders.set(o.id, o);
    this.update('pending_replace', { ...old, status: 'pending_replace' });
    Object.assign(old, {
      status: 'replaced',
      replaced_by: o.id,
      replaced_at: formatTimestampUs(ts),
      updated_at: formatTimestampUs(ts),
    });
    this.update('replaced', old);
    this.update('new', o);
    return { status: 200, body: { ...o } };
  }

  #activities(query: URLSearchParams): RestReply {
    const after = query.get('after');
    const token = query.get('page_token');
    const size = Math.min(Number(query.get('page_size') ?? 100), this.maxPageSize);
    const afterUs =
      after === null
        ? -Infinity
        : Date.parse(after) * 1000 + Number((/\.\d{3}(\d{3})/.exec(after) ?? ['', '0'])[1]);
    let rows = this.executions.filter((e) => e.tsUs > afterUs).map((e) => e.activity);
    if (token !== null) rows = rows.slice(rows.findIndex((a) => a.id === token) + 1);
    return { status: 200, body: rows.slice(0, size) };
  }

  #tick(): number {
    this.nowUs += 1_000;
    return this.nowUs;
  }

  #uuid(kind: 'o' | 'e' | 'c'): string {
    const prefix = { o: 'a11ce000', e: 'e8ec0000', c: 'c11e0000' }[kind];
    return `${prefix}-0000-4000-8000-${String(++this.#seq).padStart(12, '0')}`;
  }

  #changed(): void {
    for (const check of [...this.#waiters]) check();
  }
}
