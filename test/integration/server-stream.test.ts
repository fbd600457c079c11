/**
 * The WebSocket stream on a real Fastify server (127.0.0.1, ephemeral port) with real `ws`
 * clients, driven through the hub: subscriptions, exact values, resume, backpressure (a client
 * that stops reading is dropped or conflated while a fast one gets everything), bad messages
 * and auth.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { TestClock } from '../../src/core/clock.js';
import { QuoteTick } from '../../src/model/data/quote-tick.js';
import type { OrderDenied, OrderFilled } from '../../src/model/events/order-events.js';
import { instrumentId, type InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import type {
  ClientOrderId,
  StrategyId,
  TradeId,
  VenueOrderId,
} from '../../src/model/identifiers/order-ids.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { registerStream, streamKey, type StreamRouteOptions } from '../../src/server/ws/stream.js';
import { StreamHub, type StreamHubOptions } from '../../src/server/ws/stream-hub.js';

const T0 = 1_800_000_000_000_000;
const BTC = instrumentId('BTCUSD', 'SIM');
const ETH = instrumentId('ETHUSD', 'SIM');
const USD = currency('USD');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Msg = any;

const apps: FastifyInstance[] = [];
after(async () => {
  for (const app of apps) await app.close();
});

async function serve(
  hubOptions: Partial<StreamHubOptions> = {},
  route: Partial<StreamRouteOptions> = {},
): Promise<{ hub: StreamHub; url: string }> {
  const app = Fastify();
  apps.push(app);
  const hub = new StreamHub({ clock: new TestClock(T0), ...hubOptions });
  registerStream(app, { hub, heartbeatMs: 0, ...route });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  assert.ok(address !== null && typeof address === 'object');
  return { hub, url: `ws://127.0.0.1:${address.port}/api/v1/stream` };
}

/** A raw `ws` client recording every message. */
class Client {
  readonly messages: Msg[] = [];
  /** Messages per frame received (a batched frame holds several). */
  readonly frameSizes: number[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Msg | Msg[];
      const list = Array.isArray(frame) ? frame : [frame];
      this.frameSizes.push(list.length);
      for (const m of list) {
        this.messages.push(m);
        this.#waiters = this.#waiters.filter((w) => !(w.pred(m) && (w.resolve(m), true)));
      }
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<Client> {
    const ws = new WebSocket(url, { headers });
    const client = new Client(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(op: unknown): void {
    this.ws.send(typeof op === 'string' ? op : JSON.stringify(op));
  }

  /** The first message (received so far or later) matching `pred`. */
  waitFor(pred: (m: Msg) => boolean, what = 'a message', timeoutMs = 10_000): Promise<Msg> {
    const found = this.messages.find(pred);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.#waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  async subscribe(topics: string[], extra: Record<string, unknown> = {}): Promise<Msg> {
    const before = this.messages.length;
    this.send({ op: 'subscribe', topics, ...extra });
    return this.waitFor(
      (m) => m.type === 'subscribed' && this.messages.indexOf(m) >= before,
      `subscribed to ${topics.join(',')}`,
    );
  }

  events(topic: string): Msg[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** Stops reading from the TCP socket: the server's writes back up. */
  stopReading(): void {
    (this.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  resumeReading(): void {
    (this.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  }
}

/** Exact value from a decimal string: `'100.10'` is raw 10010 at precision 2. */
function dec(text: string): [raw: number, precision: number] {
  const [int, frac = ''] = text.split('.');
  return [Number(int + frac), frac.length];
}
const px = (text: string): Price => Price.fromRaw(...dec(text));
const qty = (text: string): Quantity => Quantity.fromRaw(...dec(text));

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function quote(id: InstrumentId, bid: string, ask: string, ts = T0): QuoteTick {
  return new QuoteTick(id, px(bid), px(ask), qty('1.5'), qty('2'), ts, ts);
}

function filled(n: number): OrderFilled {
  return {
    type: 'OrderFilled',
    clientOrderId: `O-${n}` as ClientOrderId,
    strategyId: 'S-1' as StrategyId,
    instrumentId: BTC,
    venueOrderId: `V-${n}` as VenueOrderId,
    tradeId: `T-${n}` as TradeId,
    side: 'BUY',
    lastQty: qty('0.25'),
    lastPx: px('100.10'),
    commission: Money.fromRaw(3, USD),
    liquiditySide: 'TAKER',
    tsEvent: T0 + n,
    tsInit: T0 + n,
  };
}

function denied(n: number, padding = 0): OrderDenied {
  return {
    type: 'OrderDenied',
    clientOrderId: `O-${n}` as ClientOrderId,
    strategyId: 'S-1' as StrategyId,
    instrumentId: BTC,
    code: 'RISK_MAX_ORDER_QTY',
    reason: `denied ${n} ${'x'.repeat(padding)}`,
    tsEvent: T0 + n,
    tsInit: T0 + n,
  };
}

describe('WebSocket stream', () => {
  it('delivers subscribed quotes and order events with exact values; other topics stay silent', async () => {
    const { hub, url } = await serve();
    const c = await Client.open(url);
    const reply = await c.subscribe(['quotes:BTCUSD.SIM', 'orders']);
    assert.deepEqual([...reply.topics].sort(), ['orders', 'quotes:BTCUSD.SIM']);
    assert.equal(reply.epoch, hub.epoch);
    hub.publishQuote(quote(ETH, '1', '2')); // not subscribed
    hub.publishQuote(quote(BTC, '100.05', '100.10'));
    hub.publishOrderEvent(filled(1));
    const q = await c.waitFor((m) => m.topic === 'quotes:BTCUSD.SIM', 'a quote');
    assert.deepEqual(q, {
      seq: 0,
      topic: 'quotes:BTCUSD.SIM',
      type: 'QuoteTick',
      ts: T0,
      data: {
        instrumentId: 'BTCUSD.SIM',
        bidPrice: '100.05',
        askPrice: '100.10',
        bidSize: '1.5',
        askSize: '2',
        tsEvent: T0,
        tsInit: T0,
      },
    });
    const o = await c.waitFor((m) => m.topic === 'orders', 'an order event');
    assert.equal(o.seq, 1);
    assert.equal(o.type, 'OrderFilled');
    assert.equal(o.data.lastPx, '100.10');
    assert.equal(o.data.lastQty, '0.25');
    assert.equal(o.data.commission, '0.03');
    assert.equal(o.data.commissionCurrency, 'USD');
    // The fill also went to `fills` (seq 2), which this client did not subscribe to.
    assert.equal(hub.lastSeq, 2);
    c.send({ op: 'ping' });
    await c.waitFor((m) => m.type === 'pong', 'pong');
    assert.equal(c.events('fills').length, 0);
    assert.equal(c.events('quotes:ETHUSD.SIM').length, 0);
    c.ws.close();
  });

  it('?batch=1: what is pending at a flush arrives as one array frame, in order; others get one message a frame', async () => {
    const { hub, url } = await serve();
    const batched = await Client.open(`${url}?batch=1`);
    const plain = await Client.open(url);
    for (const c of [batched, plain]) await c.subscribe(['quotes:BTCUSD.SIM', 'orders', 'fills']);
    for (let n = 1; n <= 50; n++) {
      hub.publishQuote(quote(BTC, `100.${String(n).padStart(2, '0')}`, '101'));
      hub.publishOrderEvent(filled(n));
    }
    for (const c of [batched, plain]) await c.waitFor((m) => m.seq === 100, 'the last fill');
    for (const c of [batched, plain]) {
      assert.deepEqual(
        c.messages.filter((m) => m.seq > 0).map((m) => m.seq),
        Array.from({ length: 100 }, (_, i) => i + 1),
        'every durable event once, in order',
      );
      assert.equal(c.events('quotes:BTCUSD.SIM').at(-1)?.data.bidPrice, '100.50');
    }
    const after = (c: Client) => c.frameSizes.slice(1); // the first frame is the `subscribed` reply
    assert.ok(
      after(batched).some((n) => n > 1),
      `batched frames: ${after(batched).join(',')}`,
    );
    assert.ok(after(batched).length < 20, `${after(batched).length} frames for 150 messages`);
    assert.ok(after(plain).every((n) => n === 1));
    batched.ws.close();
    plain.ws.close();
  });

  it('answers bad messages with an error and the connection stays usable', async () => {
    const { hub, url } = await serve();
    const c = await Client.open(url);
    c.send('not json {');
    c.send({ op: 'dance' });
    c.send({ op: 'subscribe', topics: ['orders', 'nope'] });
    c.send({ op: 'subscribe', topics: 'orders' });
    c.send({ op: 'subscribe', topics: ['orders'], resumeFrom: -1 });
    c.send([1, 2]);
    await c.waitFor(
      (m) => m.type === 'error' && c.messages.filter((x) => x.type === 'error').length === 6,
      'six errors',
    );
    assert.deepEqual(
      c.messages.map((m) => m.code),
      ['BAD_MESSAGE', 'UNKNOWN_OP', 'UNKNOWN_TOPIC', 'BAD_MESSAGE', 'BAD_MESSAGE', 'BAD_MESSAGE'],
    );
    assert.match(c.messages[2].message, /nope/);
    // Nothing of the refused subscribe was applied; a good one works.
    hub.publishOrderEvent(denied(1));
    await c.subscribe(['orders']);
    hub.publishOrderEvent(denied(2));
    const o = await c.waitFor((m) => m.topic === 'orders', 'an order event');
    assert.equal(o.data.clientOrderId, 'O-2');
    assert.equal(o.seq, 2);
    c.ws.close();
  });

  it('resuming from the last seq seen replays exactly the missed durable events', async () => {
    const { hub, url } = await serve();
    const first = await Client.open(url);
    await first.subscribe(['orders', 'fills', 'quotes:BTCUSD.SIM']);
    for (let n = 1; n <= 3; n++) hub.publishOrderEvent(filled(n)); // seqs 1..6
    await first.waitFor((m) => m.seq === 6, 'seq 6');
    const lastSeen = Math.max(...first.messages.map((m) => m.seq ?? 0));
    first.ws.close();
    await first.closed;
    for (let n = 4; n <= 6; n++) hub.publishOrderEvent(filled(n)); // seqs 7..12, missed
    hub.publishOrderEvent(denied(7)); // seq 13, orders only
    hub.publishQuote(quote(BTC, '1', '2')); // market data is not resumable
    const second = await Client.open(url);
    const reply = await second.subscribe(['orders', 'fills', 'quotes:BTCUSD.SIM'], { resumeFrom: lastSeen });
    assert.equal(reply.replayed, 7);
    hub.publishOrderEvent(denied(8)); // seq 14, live
    await second.waitFor((m) => m.seq === 14, 'seq 14');
    const seqs = second.messages.filter((m) => m.seq > 0).map((m) => m.seq);
    assert.deepEqual(seqs, [7, 8, 9, 10, 11, 12, 13, 14]);
    assert.deepEqual(
      second.events('fills').map((m) => m.data.tradeId),
      ['T-4', 'T-5', 'T-6'],
    );
    assert.equal(second.events('quotes:BTCUSD.SIM').length, 0);
    // The replay comes before the `subscribed` reply, live events after it.
    const replyAt = second.messages.findIndex((m) => m.type === 'subscribed');
    assert.equal(
      second.messages.findIndex((m) => m.seq === 13),
      replyAt - 1,
    );

    // Resuming from a seq no longer kept (or of another run) says so.
    const third = await Client.open(url);
    await third.subscribe(['orders'], { resumeFrom: 99 });
    const gap = await third.waitFor((m) => m.type === 'error', 'a resume gap');
    assert.equal(gap.code, 'RESUME_GAP');
    const fourth = await Client.open(url);
    const r4 = await fourth.subscribe(['orders'], { resumeFrom: 0, epoch: 'another-run' });
    assert.equal(r4.replayed, 0);
    assert.equal(fourth.messages[0].code, 'RESUME_GAP');
    for (const c of [second, third, fourth]) c.ws.close();
  });

  it('keeps only the last events of the replay window', async () => {
    const { hub, url } = await serve({ ringSize: 5 });
    for (let n = 1; n <= 8; n++) hub.publishOrderEvent(denied(n));
    const c = await Client.open(url);
    const reply = await c.subscribe(['orders'], { resumeFrom: 1 });
    assert.equal(reply.replayed, 5);
    assert.deepEqual(
      c.messages.filter((m) => m.seq > 0).map((m) => m.seq),
      [4, 5, 6, 7, 8],
    );
    assert.equal(c.messages[0].code, 'RESUME_GAP');
    c.ws.close();
  });

  it('drops a client that stops reading (4008) while a fast client receives every event', async () => {
    const { hub, url } = await serve({ maxBufferedBytes: 512 * 1024, closeGraceMs: 100 });
    const fast = await Client.open(url);
    const slow = await Client.open(url);
    await fast.subscribe(['orders', 'quotes:BTCUSD.SIM']);
    await slow.subscribe(['orders', 'quotes:BTCUSD.SIM']);
    slow.stopReading();
    let n = 0;
    // ~2 KB per event: the loopback socket buffers fill after a few MB, then the hub's backlog.
    while (hub.stats().droppedSlow === 0 && n < 60_000) {
      for (let i = 0; i < 50; i++) {
        hub.publishOrderEvent(denied(++n, 2_000));
        hub.publishQuote(quote(BTC, '100', String(100 + (n % 100))));
      }
      await tick();
    }
    assert.equal(hub.stats().droppedSlow, 1, `the slow client was dropped (after ${n} events)`);
    assert.equal(hub.stats().clients, 1);
    for (let i = 0; i < 100; i++) hub.publishOrderEvent(denied(++n));
    const last = n;
    await fast.waitFor((m) => m.seq === last, `seq ${last} on the fast client`, 30_000);
    assert.deepEqual(
      fast.events('orders').map((m) => m.seq),
      Array.from({ length: last }, (_, i) => i + 1),
      'the fast client got every order event once, in order',
    );
    slow.resumeReading();
    const closed = await slow.closed;
    assert.ok(closed.code === 4008 || closed.code === 1006, `slow client closed with ${closed.code}`);
    if (closed.code === 4008) assert.equal(closed.reason, 'too slow');
    assert.ok(slow.events('orders').length < last);
    fast.ws.close();
  });

  it('conflates quotes for a client that is behind: fewer quotes, but the latest per instrument', async () => {
    const { hub, url } = await serve();
    const fast = await Client.open(url);
    const slow = await Client.open(url);
    const topics = ['quotes:BTCUSD.SIM', 'quotes:ETHUSD.SIM'];
    await fast.subscribe(topics);
    await slow.subscribe(topics);
    slow.stopReading();
    let n = 0;
    const pad = '000000001';
    while (hub.stats().conflated < 2_000 && n < 400_000) {
      for (let i = 0; i < 200; i++) {
        n++;
        hub.publishQuote(quote(n % 2 === 0 ? BTC : ETH, `${n}.${pad}`, `${n + 1}`));
      }
      await tick();
    }
    assert.ok(hub.stats().conflated >= 2_000, `quotes conflated after ${n} published`);
    hub.publishQuote(quote(BTC, '7.77', '7.78'));
    hub.publishQuote(quote(ETH, '8.88', '8.89'));
    const published = n + 2;
    assert.equal(hub.stats().clients, 2, 'conflation keeps the slow client connected');
    slow.resumeReading();
    const finalBid: Record<string, string> = { 'quotes:BTCUSD.SIM': '7.77', 'quotes:ETHUSD.SIM': '8.88' };
    const lastOf = (c: Client, topic: string): Promise<Msg> =>
      c.waitFor((m) => m.topic === topic && m.data.bidPrice === finalBid[topic], `the last ${topic}`, 30_000);
    await lastOf(slow, 'quotes:BTCUSD.SIM');
    await lastOf(slow, 'quotes:ETHUSD.SIM');
    await lastOf(fast, 'quotes:ETHUSD.SIM');
    const slowQuotes = slow.messages.filter((m) => m.topic?.startsWith('quotes:'));
    assert.ok(slowQuotes.length < published, `the slow client got ${slowQuotes.length} of ${published}`);
    assert.equal(slow.events('quotes:BTCUSD.SIM').at(-1).data.bidPrice, '7.77');
    assert.equal(slow.events('quotes:ETHUSD.SIM').at(-1).data.bidPrice, '8.88');
    assert.equal(fast.messages.filter((m) => m.topic?.startsWith('quotes:')).length, published);
    // Per instrument the slow client's quotes stay in publication order.
    for (const topic of topics) {
      const bids = slow.events(topic).map((m) => Number.parseFloat(m.data.bidPrice));
      const body = bids.slice(0, -1);
      assert.deepEqual(
        body,
        [...body].sort((a, b) => a - b),
      );
    }
    fast.ws.close();
    slow.ws.close();
  });

  it('auth: a known key (query or header) connects, an unknown key gets 401 on upgrade', async () => {
    const keys = new Map([
      ['view-key', 'viewer'],
      ['trade-key', 'trader'],
    ] as const);
    const { url } = await serve({}, { authenticate: (req) => keys.get(streamKey(req) as 'view-key') });
    const viaQuery = await Client.open(`${url}?key=view-key`);
    await viaQuery.subscribe(['orders']);
    const viaHeader = await Client.open(url, { authorization: 'Bearer trade-key' });
    await viaHeader.subscribe(['risk']);
    const viaApiKey = await Client.open(url, { 'x-api-key': 'view-key' });
    await viaApiKey.subscribe(['pnl']);
    for (const bad of [`${url}?key=wrong`, url]) {
      const ws = new WebSocket(bad);
      const status = await new Promise<number>((resolve, reject) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => reject(new Error('an unknown key was let in')));
        ws.on('error', () => {});
      });
      assert.equal(status, 401);
    }
    for (const c of [viaQuery, viaHeader, viaApiKey]) c.ws.close();
  });

  it('terminates a client that stops answering pings', async () => {
    const { hub, url } = await serve();
    const c = await Client.open(url);
    await c.subscribe(['orders']);
    hub.heartbeat(); // ping; the client answers
    await new Promise((resolve) => setTimeout(resolve, 50));
    hub.heartbeat();
    assert.equal(hub.stats().clients, 1, 'a client answering pings stays');
    c.stopReading(); // no more pongs get through
    await new Promise((resolve) => setTimeout(resolve, 50));
    hub.heartbeat();
    assert.equal(hub.stats().droppedDead, 1);
    assert.equal(hub.stats().clients, 0);
    c.resumeReading();
    const closed = await c.closed;
    assert.equal(closed.code, 1006);
  });
});
