/**
 * The Alpaca data client against a local server speaking Alpaca's wire format (real sockets on
 * 127.0.0.1, ephemeral ports): handshake, normalization, reconnect, auth failure, bad input, and
 * REST history with pagination and HTTP errors.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { alpacaConfig } from '../../src/adapters/alpaca/alpaca-config.js';
import { AlpacaHttpError } from '../../src/adapters/alpaca/alpaca-bar-history.js';
import { AlpacaDataClient, AlpacaStreamError } from '../../src/adapters/alpaca/alpaca-data-client.js';
import { TestClock } from '../../src/core/clock.js';
import { SeededRandom } from '../../src/core/random.js';
import { type DataSink, DataKind, FeedStatus } from '../../src/data/feed/data-client.js';
import { FeedPipeline } from '../../src/data/feed/feed-pipeline.js';
import { ReconnectPolicy } from '../../src/data/feed/reconnect-policy.js';
import type { Bar } from '../../src/model/data/bar.js';
import type { QuoteTick } from '../../src/model/data/quote-tick.js';
import type { TradeTick } from '../../src/model/data/trade-tick.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { AlpacaServer, alpacaFixture, type RestReply } from '../support/alpaca-server.js';

const AAPL = instrumentId('AAPL', 'ALPACA');
const AMD = instrumentId('AMD', 'ALPACA');
const SPY = instrumentId('SPY', 'ALPACA');
// 2021-02-22T19:20:00Z, after the fixtures' times (the pipeline flags events from the future).
const NOW = 1_614_021_600_000_000;
const control = alpacaFixture<Record<string, unknown[]>>('stream/control.json');

/** A sink that records everything. */
class RecordingSink implements DataSink {
  readonly trades: TradeTick[] = [];
  readonly quotes: QuoteTick[] = [];
  readonly bars: Bar[] = [];
  readonly statuses: { status: FeedStatus; detail?: string }[] = [];
  readonly malformed: { kind: string; sample: string; reason: string }[] = [];
  onTrade(t: TradeTick): void {
    this.trades.push(t);
  }
  onQuote(q: QuoteTick): void {
    this.quotes.push(q);
  }
  onBookUpdate(): void {
    throw new Error('Alpaca has no book');
  }
  onBar(b: Bar): void {
    this.bars.push(b);
  }
  onStatus(status: FeedStatus, detail?: string): void {
    this.statuses.push({ status, detail });
  }
  onMalformed(kind: string, sample: string, reason: string): void {
    this.malformed.push({ kind, sample, reason });
  }
}

/** Polls `predicate` every 5 ms; fails after `timeoutMs`. */
async function until(predicate: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  for (let waited = 0; !predicate(); waited += 5) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function makeClient(server: AlpacaServer, secret = 'test-secret', restFailures = false): AlpacaDataClient {
  return new AlpacaDataClient({
    config: alpacaConfig({
      keyId: 'test-key',
      secretKey: secret,
      streamUrl: server.streamUrl,
      dataUrl: server.dataUrl,
    }),
    clock: new TestClock(NOW),
    // Fast backoff so a reconnect takes milliseconds; seeded, so delays are deterministic.
    reconnect: new ReconnectPolicy(new SeededRandom(7), { initialDelayUs: 20_000, maxDelayUs: 100_000 }),
    handshakeTimeoutMs: 2_000,
    history: {
      maxRetries: restFailures ? 2 : 3,
      retryPolicy: new ReconnectPolicy(new SeededRandom(7), { initialDelayUs: 10_000, maxDelayUs: 50_000 }),
    },
  });
}

describe('Alpaca stream against a local Alpaca server', () => {
  let server: AlpacaServer;
  let client: AlpacaDataClient | undefined;

  before(async () => {
    server = await AlpacaServer.start();
  });
  afterEach(async () => {
    await client?.disconnect();
    client = undefined;
    server.authReply = undefined;
    server.subscribeReply = undefined;
  });
  after(async () => {
    await server.close();
  });

  test('sends the documented auth and subscribe messages, and normalizes trades, quotes and bars exactly', async () => {
    const start = server.log.messages.length;
    const conn = server.log.connections + 1;
    const sink = new RecordingSink();
    client = makeClient(server);
    await client.connect(sink);
    assert.equal(client.status, FeedStatus.CONNECTED);
    await client.subscribe({ instrumentId: AAPL, kind: DataKind.TRADES });
    await client.subscribe({ instrumentId: AMD, kind: DataKind.QUOTES });
    await client.subscribe({ instrumentId: SPY, kind: DataKind.BARS, interval: '1m' });
    await client.subscribe({ instrumentId: AAPL, kind: DataKind.TRADES }); // a no-op
    assert.deepEqual(server.log.messages.slice(start), [
      { conn, message: { action: 'auth', key: 'test-key', secret: 'test-secret' } },
      { conn, message: { action: 'subscribe', trades: ['AAPL'] } },
      { conn, message: { action: 'subscribe', quotes: ['AMD'] } },
      { conn, message: { action: 'subscribe', bars: ['SPY'] } },
    ]);
    await assert.rejects(client.subscribe({ instrumentId: AAPL, kind: DataKind.BOOK }), /no "book" stream/);

    server.send(alpacaFixture<unknown[]>('stream/trades-before-drop.json'));
    server.send(alpacaFixture<unknown[]>('stream/quote.json'));
    server.send(alpacaFixture<unknown[]>('stream/bar.json'));
    await until(
      () => sink.trades.length === 2 && sink.quotes.length === 1 && sink.bars.length === 1,
      'events',
    );

    const [t1, t2] = sink.trades;
    assert.equal(t1.instrumentId, AAPL);
    assert.equal(t1.tradeId, '96921');
    assert.equal(t1.price.toString(), '126.5500');
    assert.equal(t1.price.raw, 1_265_500);
    assert.equal(t1.size.toString(), '1');
    assert.equal(t1.aggressorSide, 'NONE');
    assert.equal(t1.tsEvent, 1_614_009_104_208_000); // 2021-02-22T15:51:44.208Z
    assert.equal(t1.tsInit, NOW);
    assert.equal(t2.price.raw, 1_265_501); // 126.5501: sub-penny kept exactly
    assert.equal(t2.size.raw, 100);
    assert.equal(t2.tsEvent, 1_614_009_104_208_311); // …208311902Z: nanoseconds truncated to µs

    const q = sink.quotes[0];
    assert.equal(q.instrumentId, AMD);
    assert.deepEqual(
      [q.bidPrice.toString(), q.bidSize.toString(), q.askPrice.toString(), q.askSize.toString()],
      ['87.6600', '1', '87.6800', '4'],
    );
    assert.equal(q.tsEvent, 1_614_009_105_335_689);

    const b = sink.bars[0];
    assert.equal(b.instrumentId, SPY);
    assert.deepEqual([b.open, b.high, b.low, b.close, b.volume].map(String), [
      '388.9850',
      '389.1300',
      '388.9750',
      '389.1200',
      '49378',
    ]);
    assert.equal(b.tsEvent, 1_614_021_300_000_000); // 2021-02-22T19:15:00Z, the bar's minute
    assert.equal(sink.malformed.length, 0);

    await client.unsubscribe({ instrumentId: AMD, kind: DataKind.QUOTES });
    assert.deepEqual(server.log.messages.at(-1)?.message, { action: 'unsubscribe', quotes: ['AMD'] });
  });

  test('a dropped socket reconnects, re-authenticates, resubscribes, and no trade is delivered twice', async () => {
    const clock = new TestClock(NOW);
    const pipeline = new FeedPipeline({ clock });
    const statuses: string[] = [];
    const sink: DataSink = {
      onTrade: (t) => pipeline.onTrade(t),
      onQuote: (q) => pipeline.onQuote(q),
      onBookUpdate: (u) => pipeline.onBookUpdate(u),
      onBar: (b) => pipeline.onBar(b),
      onMalformed: (k, s, r) => pipeline.onMalformed(k, s, r),
      onStatus: (status, detail) => {
        statuses.push(status);
        pipeline.onStatus(status, detail);
      },
    };
    client = makeClient(server);
    await client.subscribe({ instrumentId: AAPL, kind: DataKind.TRADES }); // before connect: remembered
    await client.subscribe({ instrumentId: SPY, kind: DataKind.BARS });
    await client.connect(sink);
    await server.waitFor(() => server.subscriptions().trades.includes('AAPL'), 'first subscription');
    const firstConn = server.log.connections;
    server.send(alpacaFixture<unknown[]>('stream/trades-before-drop.json'));
    await until(() => pipeline.queue.depth === 2, 'trades before the drop');

    server.dropAll();
    await server.waitFor(
      () => server.log.connections === firstConn + 1 && server.subscriptions().trades.includes('AAPL'),
      'resubscription on a new connection',
    );
    const second = server.log.messages.filter((m) => m.conn === firstConn + 1).map((m) => m.message);
    assert.deepEqual(second, [
      { action: 'auth', key: 'test-key', secret: 'test-secret' },
      { action: 'subscribe', trades: ['AAPL'], bars: ['SPY'] },
    ]);
    // The venue resends the last trade before the drop along with a new one.
    server.send(alpacaFixture<unknown[]>('stream/trades-after-reconnect.json'));
    await until(
      () => pipeline.health().duplicates === 1 && pipeline.queue.depth === 3,
      'trades after reconnect',
    );

    const ids: string[] = [];
    pipeline.drain((e) => {
      if (e.type === 'trade') ids.push(e.data.tradeId);
    });
    assert.deepEqual(ids, ['96921', '96922', '96923']);
    assert.equal(pipeline.health().reconnects, 1);
    assert.deepEqual(statuses, ['CONNECTING', 'CONNECTED', 'RECONNECTING', 'CONNECTED']);
  });

  test('a failed auth (402) ends the feed with a clear error and no retry storm', async () => {
    const before = server.log.connections;
    const sink = new RecordingSink();
    client = makeClient(server, 'wrong-secret');
    await assert.rejects(
      client.connect(sink),
      (e: unknown) => e instanceof AlpacaStreamError && e.code === 402,
    );
    assert.equal(client.status, FeedStatus.CLOSED);
    assert.deepEqual(sink.statuses.at(-1), { status: FeedStatus.CLOSED, detail: 'error 402: auth failed' });
    await new Promise((r) => setTimeout(r, 150)); // several backoff periods: nothing may reconnect
    assert.equal(server.log.connections, before + 1);
  });

  test('a connection limit error (406) is fatal too', async () => {
    const before = server.log.connections;
    server.authReply = control.connectionLimit;
    const sink = new RecordingSink();
    client = makeClient(server);
    await assert.rejects(client.connect(sink), /406: connection limit exceeded/);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.log.connections, before + 1);
    assert.equal(client.status, FeedStatus.CLOSED);
  });

  test('malformed and unknown messages are reported and skipped; the feed goes on', async () => {
    const sink = new RecordingSink();
    client = makeClient(server);
    await client.connect(sink);
    await client.subscribe({ instrumentId: AAPL, kind: DataKind.TRADES });
    const bad = alpacaFixture<Record<string, string>>('stream/bad-messages.json');
    for (const text of Object.values(bad)) server.send(text);
    server.send(alpacaFixture<unknown[]>('stream/trades-before-drop.json'));
    await until(() => sink.trades.length === 2, 'the good trades after the bad input');
    assert.deepEqual(
      sink.malformed.map((m) => m.kind),
      ['json', 'frame', 'message', 'unknown-type', 'unsupported:c', 'trade', 'quote', 'trade'],
    );
    assert.match(sink.malformed[5].reason, /^p: expected a number/);
    assert.match(sink.malformed[6].reason, /^t: expected an RFC-3339 time/);
    assert.match(sink.malformed[7].reason, /too-precise at 4 decimals/);
    assert.equal(client.status, FeedStatus.CONNECTED);
  });

  test('a non-fatal server error (405) rejects the subscription at hand and keeps the feed', async () => {
    const sink = new RecordingSink();
    client = makeClient(server);
    await client.connect(sink);
    server.subscribeReply = control.symbolLimit;
    await assert.rejects(
      client.subscribe({ instrumentId: AMD, kind: DataKind.QUOTES }),
      /405: symbol limit exceeded/,
    );
    assert.equal(client.status, FeedStatus.CONNECTED);
    assert.equal(sink.statuses.at(-1)?.detail, 'error 405: symbol limit exceeded');
  });
});

describe('Alpaca REST history against a local server', () => {
  let server: AlpacaServer;
  const pages: [string, RestReply][] = [
    ['', { status: 200, body: alpacaFixture('rest/bars-page-1.json') }],
    [
      'QUFQTHxNfDIwMjEtMDItMDFUMTY6MDI6MDAuMDAwMDAwMDAwWg==',
      { status: 200, body: alpacaFixture('rest/bars-page-2.json') },
    ],
    [
      'QUFQTHxNfDIwMjEtMDItMDFUMTY6MDQ6MDAuMDAwMDAwMDAwWg==',
      { status: 200, body: alpacaFixture('rest/bars-page-3.json') },
    ],
  ];
  const FROM = 1_612_195_200_000_000; // 2021-02-01T16:00:00Z
  const TO = 1_612_195_500_000_000; // 2021-02-01T16:05:00Z

  before(async () => {
    server = await AlpacaServer.start();
    for (const [token, reply] of pages) server.barPages.set(token, reply);
  });
  after(async () => {
    await server.close();
  });

  test('follows next_page_token over 3 pages and returns every bar once, in order, exactly', async () => {
    const start = server.log.requests.length;
    const bars = await makeClient(server).fetchBars('AAPL', '1Min', FROM, TO);
    assert.deepEqual(
      bars.map((b) => [b.tsEvent, b.open.toString(), b.close.toString(), b.volume.toString()]),
      [
        [1_612_195_260_000_000, '133.3200', '133.5000', '9876'],
        [1_612_195_320_000_000, '133.5000', '133.5800', '3567'],
        [1_612_195_380_000_000, '133.5500', '133.4500', '4521'],
        [1_612_195_440_000_000, '133.4500', '133.2100', '6010'],
        [1_612_195_500_000_000, '133.2100', '133.2900', '2003'],
      ],
    );
    assert.ok(bars.every((b) => b.tsInit === b.tsEvent && b.instrumentId === AAPL));
    const requests = server.log.requests.slice(start);
    assert.equal(requests.length, 3);
    const first = new URL(requests[0].url, 'http://x');
    assert.equal(first.pathname, '/v2/stocks/AAPL/bars');
    assert.equal(first.searchParams.get('timeframe'), '1Min');
    assert.equal(first.searchParams.get('start'), '2021-02-01T16:00:00.000Z');
    assert.equal(first.searchParams.get('end'), '2021-02-01T16:05:00.000Z');
    assert.equal(first.searchParams.get('page_token'), null);
    assert.equal(new URL(requests[2].url, 'http://x').searchParams.get('page_token'), pages[2][0]);
    assert.equal(requests[0].headers['apca-api-key-id'], 'test-key');
  });

  test('429 and 500 are retried with backoff, then succeed', async () => {
    server.restFailures.push(
      { status: 429, body: alpacaFixture('rest/error-429.json') },
      { status: 500, body: alpacaFixture('rest/error-500.json') },
    );
    const bars = await makeClient(server).fetchBars('AAPL', '1Min', FROM, TO);
    assert.equal(bars.length, 5);
  });

  test('a persistent 500 ends in a clear AlpacaHttpError after the retries; 401 is not retried', async () => {
    const start = server.log.requests.length;
    for (let i = 0; i < 3; i++)
      server.restFailures.push({ status: 500, body: alpacaFixture('rest/error-500.json') });
    await assert.rejects(
      makeClient(server, 'test-secret', true).fetchBars('AAPL', '1Min', FROM, TO),
      (e: unknown) =>
        e instanceof AlpacaHttpError &&
        e.status === 500 &&
        /HTTP 500: internal server error occurred/.test(e.message),
    );
    assert.equal(server.log.requests.length - start, 3); // 1 try + 2 retries
    const before401 = server.log.requests.length;
    await assert.rejects(
      makeClient(server, 'bad').fetchBars('AAPL', '1Min', FROM, TO),
      /HTTP 401: unauthorized/,
    );
    assert.equal(server.log.requests.length - before401, 1);
  });
});
