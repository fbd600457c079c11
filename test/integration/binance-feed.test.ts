/**
 * The ccxt data client against a local Binance (test/support/binance-server.ts): real sockets on
 * 127.0.0.1, Binance's wire format from the fixtures, and the FeedPipeline as the sink.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataKind } from '../../src/data/feed/data-client.js';
import type { FeedEvent } from '../../src/data/feed/feed-event.js';
import type { BookUpdate } from '../../src/model/data/book-update.js';
import type { TradeTick } from '../../src/model/data/trade-tick.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { binanceFixture, startBinanceFeed, until, type BinanceFeed } from '../support/binance-server.js';

const BTC = instrumentId('BTCUSDT', 'BINANCE');
const TRADE = binanceFixture<Record<string, unknown>>('trade.json');
const DEPTH = binanceFixture<Record<string, unknown>>('depth-update.json');
const trade = (t: number, p: string, q = '0.01000000'): Record<string, unknown> => ({ ...TRADE, t, p, q });
const depth = (U: number, u: number, b: string[][], a: string[][]): Record<string, unknown> => ({
  ...DEPTH,
  U,
  u,
  b,
  a,
});

const trades = (events: FeedEvent[]): TradeTick[] =>
  events.filter((e) => e.type === 'trade').map((e) => e.data as TradeTick);
const books = (events: FeedEvent[]): BookUpdate[] =>
  events.filter((e) => e.type === 'book').map((e) => e.data as BookUpdate);
const levels = (l: BookUpdate['bids']): string[] =>
  l.map((x) => `${x.price.toString()}:${x.size.toString()}`);

describe('CcxtDataClient on a local Binance', { timeout: 30_000 }, () => {
  let env: BinanceFeed;
  before(async () => {
    env = await startBinanceFeed();
  });
  after(async () => {
    await env.close();
  });

  it('loads markets from exchangeInfo and delivers trades with exact prices and µs times', async () => {
    const { server, client, events } = env;
    assert.equal(server.requests.get('/api/v3/exchangeInfo'), 1);
    await client.subscribe({ instrumentId: BTC, kind: DataKind.TRADES });
    await server.waitForSubscription('btcusdt@trade');
    server.send('btcusdt@trade', trade(5001, '42000.15000000', '0.01250000'));
    server.send('btcusdt@trade', { ...trade(5002, '42000.16000000'), m: false });
    await until(() => trades(events).length >= 2, 'two trades');
    const [a, b] = trades(events);
    assert.equal(a.instrumentId, BTC);
    assert.equal(a.price.toString(), '42000.15');
    assert.equal(a.size.toString(), '0.01250');
    assert.equal(a.tradeId, '5001');
    assert.equal(a.aggressorSide, 'SELLER'); // m: the buyer was the maker
    assert.equal(a.tsEvent, 1700000000120_000);
    assert.equal(b.price.toString(), '42000.16');
    assert.equal(b.aggressorSide, 'BUYER');
  });

  it('builds the L2 book from the REST snapshot and depth diffs', async () => {
    const { server, client, events } = env;
    await client.subscribe({ instrumentId: BTC, kind: DataKind.BOOK, depth: 10 });
    await server.waitForSubscription('btcusdt@depth@100ms');
    // Straddles the snapshot's lastUpdateId 1000 (U ≤ 1001 ≤ u), as Binance's first event does.
    server.send('btcusdt@depth@100ms', DEPTH);
    server.send('btcusdt@depth@100ms', depth(1002, 1002, [['42000.05', '0.5']], [['42000.20', '0']]));
    await until(() => books(events).some((u) => u.sequence === 1002), 'book at 1002');
    const book = books(events).find((u) => u.sequence === 1002)!;
    assert.ok(book.isSnapshot);
    // Snapshot, then 1001: 42000.10→1.75, 41999.50 removed, ask 42000.30 0.4; then 1002.
    assert.deepEqual(levels(book.bids), ['42000.10:1.75000', '42000.05:0.50000', '42000.00:2.00000']);
    assert.deepEqual(levels(book.asks), ['42000.30:0.40000', '42000.50:1.25000', '42001.00:3.00000']);
  });

  it('counts out-of-order and malformed messages, skips them, and stays usable', async () => {
    const { server, pipeline, events } = env;
    const before = pipeline.health().malformed;
    const tradesBefore = trades(events).length;
    server.send('btcusdt@depth@100ms', depth(1001, 1001, [['1.00', '9']], [])); // older than 1002
    server.send('btcusdt@trade', '{"e":"trade","s":"BTCUSDT", garbage');
    server.send('btcusdt@trade', { ...trade(5003, '42000.17'), p: undefined });
    server.send('btcusdt@depth@100ms', depth(1005, 1003, [], []));
    server.send('btcusdt@trade', trade(5004, '42000.18000000'));
    await until(() => trades(events).length > tradesBefore, 'the next good trade');
    assert.equal(pipeline.health().malformed - before, 4);
    assert.deepEqual(
      trades(events)
        .slice(tradesBefore)
        .map((t) => t.tradeId),
      ['5004'],
    );
    assert.deepEqual([...pipeline.malformedLog.byKind().keys()].sort(), [
      'depthUpdate',
      'out-of-order',
      'trade',
      'unparseable',
    ]);
  });

  it('rebuilds the book from a new REST snapshot after a skipped sequence id', async () => {
    const { server, client, events } = env;
    server.depth.set('BTCUSDT', {
      lastUpdateId: 2000,
      bids: [['41990.00000000', '1.00000000']],
      asks: [['42010.00000000', '2.00000000']],
    });
    server.send('btcusdt@depth@100ms', depth(1004, 1004, [['1.00', '1']], [])); // 1003 never came
    await until(() => books(events).some((u) => u.sequence >= 2000), 'the rebuilt book');
    assert.equal(client.stats.gaps, 1);
    assert.equal(server.requests.get('/api/v3/depth'), 2);
    server.send('btcusdt@depth@100ms', depth(2001, 2001, [['41995.00', '0.25']], []));
    await until(() => books(events).some((u) => u.sequence === 2001), 'book at 2001');
    const book = books(events).find((u) => u.sequence === 2001)!;
    assert.deepEqual(levels(book.bids), ['41995.00:0.25000', '41990.00:1.00000']);
    assert.deepEqual(levels(book.asks), ['42010.00:2.00000']);
    assert.ok(!books(events).some((u) => levels(u.bids).includes('1.00:1.00000')));
  });

  it('reconnects and resubscribes after a dropped connection, without duplicate trades', async () => {
    const { server, pipeline, events } = env;
    const subscribes = server.subscribeLog.filter((s) => s === 'btcusdt@trade').length;
    server.dropConnections();
    await until(
      () => server.subscribeLog.filter((s) => s === 'btcusdt@trade').length > subscribes,
      'the trade resubscription',
    );
    await server.waitForSubscription('btcusdt@depth@100ms');
    // A venue may resend the last trades after a reconnect: 5004 again, then a new one.
    server.send('btcusdt@trade', trade(5004, '42000.18000000'));
    server.send('btcusdt@trade', trade(5005, '42000.19000000'));
    await until(() => trades(events).some((t) => t.tradeId === '5005'), 'trade 5005');
    await until(() => pipeline.status === 'CONNECTED', 'CONNECTED again');
    const ids = trades(events).map((t) => t.tradeId);
    assert.deepEqual(ids, ['5001', '5002', '5004', '5005']);
    const health = pipeline.health();
    assert.equal(health.duplicates, 1);
    assert.equal(health.reconnects, 1);
  });
});
