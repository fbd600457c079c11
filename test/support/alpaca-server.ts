/**
 * A local stand-in for Alpaca's market data on 127.0.0.1 (ephemeral port): the stream
 * (`/v2/iex`, JSON codec: `connected` on open, `auth`, `subscribe`/`unsubscribe` with the
 * `subscription` acknowledgement, `error` messages) and the REST bars endpoint with
 * `next_page_token` pagination. Scriptable from tests: send frames, drop connections mid-stream,
 * reject auth, answer REST with errors.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

const FIXTURES = new URL('../../../test/fixtures/alpaca/', import.meta.url);

/** A fixture file of `test/fixtures/alpaca`, parsed. */
export function alpacaFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** One REST answer: a status and a JSON body. */
export interface RestReply {
  readonly status: number;
  readonly body: unknown;
}

export interface AlpacaServerOptions {
  readonly key?: string;
  readonly secret?: string;
}

type Channels = Record<'trades' | 'quotes' | 'bars', string[]>;

/** What the server saw from clients, for assertions. */
export interface ServerLog {
  /** Every client message (parsed JSON), in arrival order, with the connection number. */
  readonly messages: { conn: number; message: Record<string, unknown> }[];
  /** REST requests: path with query. */
  readonly requests: { url: string; headers: IncomingMessage['headers'] }[];
  connections: number;
}

export class AlpacaServer {
  readonly log: ServerLog = { messages: [], requests: [], connections: 0 };
  /** Answers of the bars endpoint by `page_token` (`''` for the first page). */
  readonly barPages = new Map<string, RestReply>();
  /** Replies served before the pages, one per request (e.g. a 429 then a 500). */
  readonly restFailures: RestReply[] = [];
  /** When set, auth fails with this frame whatever the keys. */
  authReply: unknown[] | undefined;
  /** When set, a subscribe or unsubscribe is answered with this frame instead of the acknowledgement. */
  subscribeReply: unknown[] | undefined;

  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #key: string;
  readonly #secret: string;
  readonly #subs = new Map<WebSocket, Channels>();
  readonly #waiters = new Set<() => void>();

  private constructor(options: AlpacaServerOptions) {
    this.#key = options.key ?? 'test-key';
    this.#secret = options.secret ?? 'test-secret';
    this.#http = createServer((req, res) => this.#rest(req, res));
    this.#wss = new WebSocketServer({ server: this.#http, path: '/v2/iex' });
    this.#wss.on('connection', (ws) => this.#onConnection(ws));
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(options: AlpacaServerOptions = {}): Promise<AlpacaServer> {
    const server = new AlpacaServer(options);
    await new Promise<void>((resolve) => server.#http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }
  get streamUrl(): string {
    return `ws://127.0.0.1:${this.port}/v2/iex`;
  }
  get dataUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Open, authenticated client sockets. */
  get clients(): WebSocket[] {
    return [...this.#subs.keys()].filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  /** The channels a client subscribed to, merged over open clients. */
  subscriptions(): Channels {
    const all: Channels = { trades: [], quotes: [], bars: [] };
    for (const ws of this.clients) {
      const subs = this.#subs.get(ws)!;
      for (const c of ['trades', 'quotes', 'bars'] as const) all[c].push(...subs[c]);
    }
    return all;
  }

  /** Sends a frame (an array of messages, or raw text for garbage) to every open client. */
  send(frame: unknown[] | string): void {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const ws of this.clients) ws.send(text);
  }

  /** Drops every connection without a close handshake, as a network failure would. */
  dropAll(): void {
    for (const ws of this.#wss.clients) ws.terminate();
  }

  /** Resolves once `predicate` holds (checked on every server event), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  async close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #changed(): void {
    for (const check of [...this.#waiters]) check();
  }

  #onConnection(ws: WebSocket): void {
    const conn = ++this.log.connections;
    let authenticated = false;
    ws.send(JSON.stringify(alpacaFixture<Record<string, unknown>>('stream/control.json').connected));
    ws.on('message', (data) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        ws.send(JSON.stringify([{ T: 'error', code: 400, msg: 'invalid syntax' }]));
        return;
      }
      this.log.messages.push({ conn, message });
      if (message.action === 'auth') {
        if (this.authReply !== undefined || message.key !== this.#key || message.secret !== this.#secret) {
          // Alpaca answers a failed auth with an error message and closes the connection.
          ws.send(JSON.stringify(this.authReply ?? [{ T: 'error', code: 402, msg: 'auth failed' }]));
          ws.close();
        } else {
          authenticated = true;
          this.#subs.set(ws, { trades: [], quotes: [], bars: [] });
          ws.send(JSON.stringify([{ T: 'success', msg: 'authenticated' }]));
        }
      } else if (message.action === 'subscribe' || message.action === 'unsubscribe') {
        if (!authenticated) {
          ws.send(JSON.stringify([{ T: 'error', code: 401, msg: 'not authenticated' }]));
        } else if (this.subscribeReply !== undefined) {
          ws.send(JSON.stringify(this.subscribeReply));
        } else {
          const subs = this.#subs.get(ws)!;
          for (const c of ['trades', 'quotes', 'bars'] as const) {
            const symbols = (message[c] as string[] | undefined) ?? [];
            subs[c] =
              message.action === 'subscribe'
                ? [...new Set([...subs[c], ...symbols])]
                : subs[c].filter((s) => !symbols.includes(s));
          }
          ws.send(
            JSON.stringify([
              {
                T: 'subscription',
                ...subs,
                updatedBars: [],
                dailyBars: [],
                statuses: [],
                lulds: [],
                corrections: subs.trades,
                cancelErrors: subs.trades,
              },
            ]),
          );
        }
      }
      this.#changed();
    });
    ws.on('close', () => {
      this.#subs.delete(ws);
      this.#changed();
    });
    this.#changed();
  }

  #rest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.log.requests.push({ url: `${url.pathname}${url.search}`, headers: req.headers });
    const reply = (r: RestReply): void => {
      res.writeHead(r.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(r.body));
    };
    if (!/^\/v2\/stocks\/[^/]+\/bars$/.test(url.pathname)) {
      reply({ status: 404, body: { message: 'not found' } });
      return;
    }
    if (req.headers['apca-api-key-id'] !== this.#key || req.headers['apca-api-secret-key'] !== this.#secret) {
      reply({ status: 401, body: { message: 'unauthorized.' } });
      return;
    }
    const failure = this.restFailures.shift();
    if (failure !== undefined) {
      reply(failure);
      return;
    }
    const page = this.barPages.get(url.searchParams.get('page_token') ?? '');
    reply(page ?? { status: 422, body: { code: 42210000, message: 'invalid page_token' } });
  }
}
